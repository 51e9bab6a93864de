/**
 * The demo page the server serves: mounts the dashboard or the participant
 * view from the link's `?session=…&token=…`, the role coming from the token.
 * Without a token it shows the landing page, where a link or a bare token can
 * be pasted; `?demo` runs a session inside the page with no server.
 */
import './index.js'
import { decodeToken } from './token.js'
import * as Y from 'yjs'
import { createRooms, setAssignmentMode } from '../shared/index.js'
import { demoClient, localServer, seedSession } from './demo-session.js'

const params = new URLSearchParams(location.search)
const app = document.querySelector<HTMLElement>('#app') as HTMLElement
const landing = document.querySelector<HTMLElement>('#landing') as HTMLElement
const context = document.querySelector<HTMLElement>('#context') as HTMLElement

if (params.has('demo')) mountDemo(params.get('demo') === 'participant')
else if (params.get('token')) mountSession(params.get('token') as string)
else showLanding()
keepShellOffline()

function mountSession(token: string): void {
  const claims = decodeToken(token)
  if (!claims) {
    showLanding('That link\'s token cannot be read. Check that the whole link was copied.')
    return
  }
  const session = params.get('session') ?? claims.sid
  const tag = claims.role === 'moderator' ? 'breakout-dashboard' : 'breakout-participant'
  const element = document.createElement(tag)
  element.setAttribute('server', params.get('server') ?? location.origin)
  element.setAttribute('session', session)
  element.setAttribute('token', token)
  showContext(claims.role === 'moderator' ? 'Moderator' : 'Participant', claims.name, session)
  document.title = `${claims.role === 'moderator' ? 'Dashboard' : 'Your room'} · Breakout Rooms`
  app.replaceChildren(element)
  if (tag === 'breakout-participant') watchRoom(element)
}

function mountDemo(asParticipant: boolean): void {
  const doc = new Y.Doc()
  seedSession(doc, { someAway: true })
  if (asParticipant) {
    // A participant alone has nobody to set rooms up, so the demo opens some to choose from.
    const user = { id: 'p1', name: 'Amara Okafor', role: 'participant' } as const
    doc.transact(() => {
      createRooms(doc, 4)
      setAssignmentMode(doc, 'choose')
    })
    localServer(doc)({ id: 'host', name: 'Host', role: 'moderator' })({ type: 'start' })
    const element = document.createElement('breakout-participant')
    element.client = demoClient(doc, user)
    app.replaceChildren(element)
    watchRoom(element)
  } else {
    const element = document.createElement('breakout-dashboard')
    element.client = demoClient(doc, { id: 'host', name: 'Host', role: 'moderator' })
    app.replaceChildren(element)
  }
  showContext(asParticipant ? 'Participant' : 'Moderator', 'Demo', 'runs in this page only')
  document.title = 'Demo · Breakout Rooms'
}

/**
 * Registers the service worker that keeps this page's files (public/sw.js), so
 * that a moderator who reloads with no network gets the page back and, with
 * it, the plan kept in IndexedDB. Browsers without service workers, or pages
 * served over plain http from another host than localhost, simply go without:
 * everything else works the same.
 */
function keepShellOffline(): void {
  if (!('serviceWorker' in navigator)) return
  navigator.serviceWorker.register(new URL('sw.js', document.baseURI)).catch(() => {
    // Only reloading offline is lost; the session itself does not depend on it.
  })
}

function watchRoom(element: HTMLElement): void {
  element.addEventListener('breakout-room-change', (event) => {
    const { roomName } = (event as CustomEvent<{ roomName: string }>).detail
    document.title = `${roomName} · Breakout Rooms`
  })
}

function showContext(role: string, name: string, session: string): void {
  context.hidden = false
  context.querySelector('[data-role]')!.textContent = role
  context.querySelector('[data-name]')!.textContent = name
  context.querySelector('[data-session]')!.textContent = session
  landing.hidden = true
  app.hidden = false
}

function showLanding(error = ''): void {
  landing.hidden = false
  app.hidden = true
  const form = landing.querySelector('form') as HTMLFormElement
  const input = form.querySelector('input') as HTMLInputElement
  const message = landing.querySelector<HTMLElement>('[data-error]') as HTMLElement
  message.textContent = error
  message.hidden = !error
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const target = linkFrom(input.value)
    if (!target) {
      message.textContent = 'Paste a link that contains ?token=…, or the token itself.'
      message.hidden = false
      input.focus()
      return
    }
    location.assign(target)
  })
}

/** The page to open for a pasted link or bare token, or null for neither. */
function linkFrom(text: string): string | null {
  const value = text.trim()
  if (!value) return null
  try {
    const url = new URL(value)
    const token = url.searchParams.get('token')
    if (token && decodeToken(token)) return `${location.pathname}${url.search}`
  } catch {
    // Not a URL: it may be a bare token.
  }
  const claims = decodeToken(value)
  if (!claims) return null
  const query = new URLSearchParams({ session: claims.sid, token: value })
  return `${location.pathname}?${query}`
}
