/**
 * Shared set-up for the component tests: a session document with a roster,
 * local clients over it, edits arriving from another replica, and a way to
 * reach into nested shadow roots.
 */
import * as Y from 'yjs'
import { nextFrame } from '@open-wc/testing'
import { createRooms, type Role } from '../shared/index.js'
import { SessionClient, type ConnectionState } from './session-client.js'
import { localServer, seedSession } from './demo-session.js'

export interface TestSession {
  readonly doc: Y.Doc
  readonly roomIds: readonly string[]
}

export function testSession(options: { participants?: number; rooms?: number;
  maxRooms?: number } = {}): TestSession {
  const doc = new Y.Doc()
  seedSession(doc, { participants: options.participants ?? 6, maxRooms: options.maxRooms })
  const rooms = options.rooms ?? 0
  const created = rooms > 0 ? createRooms(doc, rooms) : null
  return { doc, roomIds: created?.ok ? created.value : [] }
}

export function clientFor(doc: Y.Doc, options: { id?: string; name?: string; role?: Role;
  status?: ConnectionState } = {}): SessionClient {
  const user = {
    id: options.id ?? 'host',
    name: options.name ?? 'Host',
    role: options.role ?? 'moderator',
  }
  return new SessionClient({ doc, user, status: options.status,
    commands: localServer(doc)(user) })
}

/** Makes `change` on a second replica and delivers it the way a sync would. */
export function remoteEdit(doc: Y.Doc, change: (replica: Y.Doc) => void): void {
  const replica = new Y.Doc()
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc))
  const before = Y.encodeStateVector(replica)
  change(replica)
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(replica, before), 'remote')
}

/** Waits for the controller's frame and every nested render. */
export async function settle(element: Element): Promise<void> {
  await nextFrame()
  await nextFrame()
  const pending = [element, ...deepAll(element, '*')]
    .map((node) => (node as { updateComplete?: Promise<unknown> }).updateComplete)
    .filter(Boolean)
  await Promise.all(pending)
}

/** The first element matching `selector` anywhere below `root`, through shadow roots. */
export function deep<T extends Element = HTMLElement>(root: Element | ShadowRoot,
  selector: string): T | null {
  return (deepAll(root, selector)[0] as T | undefined) ?? null
}

export function deepAll(root: Element | ShadowRoot, selector: string): Element[] {
  const found: Element[] = []
  const visit = (node: Element | ShadowRoot): void => {
    const scope = node instanceof Element && node.shadowRoot ? node.shadowRoot : node
    for (const child of scope.querySelectorAll('*')) {
      if (child.matches(selector)) found.push(child)
      if (child.shadowRoot) visit(child)
    }
  }
  visit(root)
  return found
}

export function row(root: Element, participantId: string): HTMLElement {
  const found = deep(root, `[data-participant-id="${participantId}"]`)
  if (!found) throw new Error(`no row for participant ${participantId}`)
  return found
}

export function key(target: Element, key: string): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true,
    cancelable: true }))
}
