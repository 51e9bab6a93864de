/**
 * A session that runs entirely in this page, with no server: the landing
 * page's "try it" mode, and the stand-in server of the component tests.
 *
 * The part of the server a user notices is played locally with the same
 * shared operations the server uses: the roster, start, end, extend, choosing
 * a room, broadcasts, help requests, and closing the rooms when time is up.
 * Nothing is persisted or shared with anyone.
 */
import * as Y from 'yjs'
import {
  askForHelp,
  assign,
  configureSession,
  dismissHelp,
  endBreakout,
  extendBreakout,
  isLiveRoom,
  lifecycleOf,
  phaseOf,
  postMessage,
  scheduleEnd,
  startBreakout,
  upsertParticipant,
  viewOf,
  type Command,
  type Result,
} from '../shared/index.js'
import { SessionClient, type CommandResult, type SessionUser } from './session-client.js'

export const SAMPLE_NAMES = [
  'Amara Okafor', 'Ben Carter', 'Chen Wei', 'Daniela Ruiz', 'Elias Berg', 'Fatima Zahra',
  'George Ito', 'Hana Kobayashi', 'Isaac Levi', 'Julia Novak', 'Kwame Mensah', 'Lena Fischer',
  'Mateo Silva', 'Nadia Haddad', 'Oscar Lindqvist', 'Priya Raman', 'Quinn Murphy',
  'Rosa Delgado', 'Samuel Adeyemi', 'Tara Singh', 'Umar Farouk', 'Valentina Rossi',
  'William Park', 'Ximena Torres', 'Yusuf Demir', 'Zoe Martin', 'Aiko Tanaka', 'Bruno Costa',
  'Clara Jensen', 'Dev Patel',
]

export interface SeedOptions {
  participants?: number
  maxRooms?: number
  /** Every ninth participant is shown as not connected, as in a real meeting. */
  someAway?: boolean
}

/** Writes a roster the way the server would: participants `p1`, `p2`, …, moderator `host`. */
export function seedSession(doc: Y.Doc, options: SeedOptions = {}): void {
  const { participants = SAMPLE_NAMES.length, maxRooms = 15, someAway = false } = options
  doc.transact(() => {
    configureSession(doc, { maxRooms })
    for (let i = 0; i < participants; i++) {
      const name = SAMPLE_NAMES[i % SAMPLE_NAMES.length] as string
      const round = Math.floor(i / SAMPLE_NAMES.length)
      upsertParticipant(doc, {
        id: `p${i + 1}`,
        name: round === 0 ? name : `${name} ${round + 1}`,
        role: 'participant',
        online: !someAway || i % 9 !== 4,
      })
    }
    upsertParticipant(doc, { id: 'host', name: 'Host', role: 'moderator', online: true })
  }, 'server')
}

/**
 * Carries out commands on a local document as the server would, and closes
 * the rooms when their time is up.
 */
export function localServer(doc: Y.Doc) {
  let closeTimer = 0
  const scheduleClose = (): void => {
    clearTimeout(closeTimer)
    const endsAt = lifecycleOf(doc).get('endsAt')
    if (phaseOf(doc) !== 'running' || typeof endsAt !== 'number') return
    closeTimer = window.setTimeout(() => {
      doc.transact(() => endBreakout(doc, Date.now()), 'server')
    }, Math.max(0, endsAt - Date.now()))
  }
  const carryOut = (user: SessionUser, command: Command): Result<void> => {
    const now = Date.now()
    switch (command.type) {
      case 'start': return startBreakout(doc, now)
      case 'end':
        return command.graceSeconds ? scheduleEnd(doc, now + command.graceSeconds * 1000) :
          endBreakout(doc, now)
      case 'extend':
        // As the server does: with no limit running, extending sets one from now.
        return lifecycleOf(doc).get('endsAt') === null && phaseOf(doc) === 'running' ?
          scheduleEnd(doc, now + command.seconds * 1000) : extendBreakout(doc, command.seconds)
      case 'choose-room':
        if (command.roomId !== null && !isLiveRoom(doc, command.roomId)) {
          return { ok: false, error: { code: 'UNKNOWN_ROOM', message: 'That room is gone.' } }
        }
        return assign(doc, user.id, command.roomId)
      case 'broadcast': {
        const posted = postMessage(doc,
          { kind: 'broadcast', from: user.name, text: command.text, at: now })
        return posted.ok ? { ok: true, value: undefined } : posted
      }
      case 'ask-help': return askForHelp(doc, user.id, now)
      case 'dismiss-help': return dismissHelp(doc, command.participantId)
    }
  }
  return (user: SessionUser) => (command: Command): CommandResult => {
    let result: Result<void> = { ok: false, error: { code: 'INTERNAL', message: 'Not run.' } }
    doc.transact(() => { result = carryOut(user, command) }, 'server')
    scheduleClose()
    if (!result.ok) {
      return { ok: false, reason: 'rejected', message: result.error.message, error: result.error }
    }
    return { ok: true, value: { view: viewOf(doc, Date.now()), serverTime: Date.now() } }
  }
}

/** A client over a local document whose commands the local server carries out. */
export function demoClient(doc: Y.Doc, user: SessionUser): SessionClient {
  return new SessionClient({ doc, user, session: 'demo', commands: localServer(doc)(user) })
}
