/**
 * Connects a component to a session: the derived view, presence, the
 * connection state, and which parts changed remotely a moment ago.
 *
 * The view is derived from the document alone (`viewOf`), never patched, so a
 * component cannot drift from the document. Bursts of changes (a sync after
 * reconnecting, an auto-assignment of 5,000 people) cost one derivation and
 * one render per frame.
 *
 * Each derivation makes new objects, which would make every room card render
 * again. Rooms whose content did not change keep their previous object, so a
 * keyed `repeat` of cards skips them:
 *
 *     before  [A v1, B v1, C v1]      a move from B to C
 *     derived [A v2, B v2, C v2]
 *     kept    [A v1, B v2, C v2]      A renders nothing
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit'
import * as Y from 'yjs'
import {
  viewOf,
  type MainRoomView,
  type ParticipantView,
  type RoomView,
  type SessionView,
} from '../shared/index.js'
import type { ConnectionState, DocChange, Peer, Refusal, SessionClient } from './session-client.js'

export interface SessionControllerOptions {
  /** How long a remote change stays marked. */
  flashMs?: number
  /** Told a sentence about each burst of remote changes, for screen readers. */
  announce?: (message: string) => void
}

const EMPTY_VIEW = viewOf(new Y.Doc())
const NO_PEERS: readonly Peer[] = Object.freeze([])

export class SessionController implements ReactiveController {
  view: SessionView = EMPTY_VIEW
  peers: readonly Peer[] = NO_PEERS
  /** Participant id -> the other moderator dragging them now. */
  draggingBy: ReadonlyMap<string, Peer> = new Map()
  /** Ids of rooms and participants that another replica changed a moment ago. */
  flashing: ReadonlySet<string> = new Set()
  private client: SessionClient | null = null
  private connected = false
  private frame = 0
  private pendingFlash = new Set<string>()
  private flashUntil = new Map<string, number>()
  private flashTimer = 0

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly clientOf: () => SessionClient | null,
    private readonly options: SessionControllerOptions = {},
  ) {
    host.addController(this)
  }

  get status(): ConnectionState {
    return this.client?.status ?? 'connecting'
  }

  get refusal(): Refusal | null {
    return this.client?.refusal ?? null
  }

  /** The server's clock in ms. */
  now(): number {
    return this.client ? this.client.now() : Date.now()
  }

  hostConnected(): void {
    this.connected = true
    this.attach(this.clientOf())
  }

  hostUpdate(): void {
    const client = this.clientOf()
    if (client !== this.client) this.attach(client)
  }

  hostDisconnected(): void {
    this.connected = false
    this.attach(null)
    cancelAnimationFrame(this.frame)
    clearTimeout(this.flashTimer)
    this.frame = 0
  }

  /** Derives the view now instead of at the next frame; for tests and handlers. */
  refresh(): void {
    cancelAnimationFrame(this.frame)
    this.frame = 0
    this.derive()
    this.host.requestUpdate()
  }

  private attach(client: SessionClient | null): void {
    if (this.client) {
      this.client.removeEventListener('change', this.onChange)
      this.client.removeEventListener('status', this.onOther)
      this.client.removeEventListener('awareness', this.onOther)
      this.client.removeEventListener('notice', this.onOther)
    }
    this.client = this.connected ? client : null
    if (this.client) {
      this.client.addEventListener('change', this.onChange)
      this.client.addEventListener('status', this.onOther)
      this.client.addEventListener('awareness', this.onOther)
      this.client.addEventListener('notice', this.onOther)
    }
    this.derive()
  }

  private onChange = (event: Event): void => {
    const change = (event as CustomEvent<DocChange>).detail
    if (change.reset) {
      this.flashUntil.clear()
      this.pendingFlash.clear()
    } else if (change.remote) {
      for (const id of change.rooms) this.pendingFlash.add(id)
      for (const id of change.participants) this.pendingFlash.add(id)
    }
    this.schedule()
  }

  private onOther = (): void => {
    this.schedule()
  }

  private schedule(): void {
    if (this.frame) return
    this.frame = requestAnimationFrame(() => {
      this.frame = 0
      this.derive()
      this.host.requestUpdate()
    })
  }

  private derive(): void {
    const client = this.client
    const previous = this.view
    const next = client ? viewOf(client.doc) : EMPTY_VIEW
    this.view = client ? keepUnchanged(previous, next) : EMPTY_VIEW
    // Offline, nobody else's presence is known; what awareness last said is stale.
    const connected = client?.status === 'connected'
    this.peers = client ? client.peers().filter((peer) => connected || peer.self) : NO_PEERS
    const dragging = new Map<string, Peer>()
    for (const peer of this.peers) {
      if (!peer.self && peer.dragging) dragging.set(peer.dragging, peer)
    }
    this.draggingBy = dragging
    if (this.pendingFlash.size > 0) {
      this.describe(previous, this.view, this.pendingFlash)
      this.startFlash(this.pendingFlash)
      this.pendingFlash = new Set()
    }
  }

  private startFlash(ids: ReadonlySet<string>): void {
    const until = Date.now() + (this.options.flashMs ?? 2000)
    for (const id of ids) this.flashUntil.set(id, until)
    this.expireFlash()
  }

  private expireFlash = (): void => {
    const now = Date.now()
    let next = Infinity
    for (const [id, until] of this.flashUntil) {
      if (until <= now) this.flashUntil.delete(id)
      else next = Math.min(next, until)
    }
    const changed = this.flashUntil.size !== this.flashing.size ||
      [...this.flashUntil.keys()].some((id) => !this.flashing.has(id))
    if (changed) {
      this.flashing = new Set(this.flashUntil.keys())
      this.host.requestUpdate()
    }
    clearTimeout(this.flashTimer)
    if (next !== Infinity) this.flashTimer = window.setTimeout(this.expireFlash, next - now)
  }

  /** Puts a burst of remote changes into one sentence for screen readers. */
  private describe(before: SessionView, after: SessionView, ids: ReadonlySet<string>): void {
    const announce = this.options.announce
    if (!announce) return
    const sentences: string[] = []
    const moved: ParticipantView[] = []
    for (const id of ids) {
      const was = before.participants[id]
      const now = after.participants[id]
      if (was && now && was.assignedRoomId !== now.assignedRoomId) moved.push(now)
    }
    if (moved.length === 1) {
      const [person] = moved as [ParticipantView]
      sentences.push(`${person.name} was moved to ${roomName(after, person.assignedRoomId)}.`)
    } else if (moved.length > 1) {
      sentences.push(`${moved.length} participants were moved.`)
    }
    for (const id of ids) {
      const was = before.rooms.find((room) => room.id === id)
      const now = after.rooms.find((room) => room.id === id)
      if (was && now && was.name !== now.name) {
        sentences.push(`${was.name} was renamed to ${now.name}.`)
      }
      if (was && !now) sentences.push(`${was.name} was deleted.`)
      if (!was && now) sentences.push(`${now.name} was added.`)
    }
    if (sentences.length > 0) announce(`Another moderator made changes: ${sentences.join(' ')}`)
  }
}

export function roomName(view: SessionView, roomId: string | null): string {
  if (roomId === null) return 'the main room'
  return view.rooms.find((room) => room.id === roomId)?.name ?? 'the main room'
}

function keepUnchanged(previous: SessionView, next: SessionView): SessionView {
  const before = new Map(previous.rooms.map((room) => [room.id, room]))
  let reused = 0
  const rooms = next.rooms.map((room) => {
    const old = before.get(room.id)
    if (old && sameRoom(old, room)) {
      reused++
      return old
    }
    return room
  })
  const mainRoom = sameMain(previous.mainRoom, next.mainRoom) ? previous.mainRoom : next.mainRoom
  if (reused === 0 && mainRoom === next.mainRoom) return next
  return Object.freeze({ ...next, rooms: Object.freeze(rooms), mainRoom })
}

function sameRoom(a: RoomView, b: RoomView): boolean {
  return a.name === b.name && a.position === b.position && samePeople(a.members, b.members) &&
    samePeople(a.assigned, b.assigned)
}

function sameMain(a: MainRoomView, b: MainRoomView): boolean {
  return samePeople(a.members, b.members) && samePeople(a.assigned, b.assigned)
}

function samePeople(a: readonly ParticipantView[], b: readonly ParticipantView[]): boolean {
  if (a === b) return true
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as ParticipantView
    const y = b[i] as ParticipantView
    if (x.id !== y.id || x.name !== y.name || x.online !== y.online ||
      x.assignedRoomId !== y.assignedRoomId || x.roomId !== y.roomId) return false
  }
  return true
}
