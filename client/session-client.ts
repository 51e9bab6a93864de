/**
 * The browser side of one breakout session for one user: the document, its
 * sync connection, its offline copy, presence and commands.
 *
 * A client either talks to a server (`server` + `token`) or wraps a local
 * document (`doc` + `user`), which is how components are tested and how the
 * demo page runs without a server. Both expose the same surface, so a
 * component cannot tell them apart.
 *
 * Connection states, as the user sees them:
 *
 *     connecting --socket open--> syncing --server state merged--> connected
 *         |                          |                                |
 *         +--------------------------+------------close---------------+
 *                                    v
 *                                 offline --socket open--> syncing ...
 *
 *     any --close 4420 (copy refused)--> the copy is dropped, a fresh
 *                                        document syncs: connecting ...
 *     any --final close code (bad token, no such session)--> refused
 *
 * The browser reporting itself offline wins over the socket, which can take
 * half a minute to notice a dead network.
 *
 * Moderators keep an IndexedDB copy, so plan edits made offline survive a
 * reload and merge when the connection returns. Participants sync read-only
 * and keep no copy: they never write the document.
 */
import * as Y from 'yjs'
import { Awareness } from 'y-protocols/awareness'
import {
  RESYNC_CLOSE_CODE,
  defineRoots,
  type Command,
  type ErrorCode,
  type Role,
} from '../shared/index.js'
import { decodeToken } from './token.js'
import { moderatorState, readPeer, type Peer } from './presence.js'
import { ServerClock } from './server-clock.js'
import { callApi, offlineResult, type CommandResult } from './session-api.js'
import { SyncConnection } from './sync-connection.js'

export type { Peer } from './presence.js'
export type { CommandResult } from './session-api.js'

export type ConnectionState = 'connecting' | 'syncing' | 'connected' | 'offline' | 'refused'

export interface SessionUser {
  readonly id: string
  readonly name: string
  readonly role: Role
}

/** Why the server will not take this client back with its current token. */
export interface Refusal {
  readonly closeCode: number | null
  readonly code: ErrorCode | null
  readonly message: string
}

/** Something the user must be told that is not part of the session itself. */
export interface ClientNotice {
  readonly kind: 'resynced'
  readonly at: number
}

/**
 * What one transaction changed in the plan. Roster changes (someone connects
 * or leaves) are left out: they happen all the time and are not edits anyone
 * needs pointed out.
 */
export interface DocChange {
  /** Made by another replica, after this client's first sync. */
  readonly remote: boolean
  /** The document was replaced by a fresh one. */
  readonly reset: boolean
  /** Rooms added, renamed or deleted. */
  readonly rooms: ReadonlySet<string>
  /** Participants whose assignment changed. */
  readonly participants: ReadonlySet<string>
}

export interface RemoteClientOptions {
  /** The server's http(s) origin, with a path prefix when it has one. */
  server: string
  token: string
  /** Defaults to the session the token names. */
  session?: string
  /** Keep an offline copy in IndexedDB; moderators only, on by default. */
  persist?: boolean
  WebSocketPolyfill?: typeof WebSocket
  fetch?: typeof fetch
}

export interface LocalClientOptions {
  doc: Y.Doc
  user: SessionUser
  session?: string
  /** The state to report; a local client never changes it by itself. */
  status?: ConnectionState
  /** Carries out commands in place of a server. */
  commands?: (command: Command) => CommandResult | Promise<CommandResult>
}

export type SessionClientOptions = RemoteClientOptions | LocalClientOptions

/**
 * Events: `change` (a `CustomEvent<DocChange>` after every transaction),
 * `status`, `awareness` and `notice` (plain events; read the properties).
 */
export class SessionClient extends EventTarget {
  readonly session: string
  readonly user: SessionUser
  doc: Y.Doc
  awareness: Awareness
  notice: ClientNotice | null = null
  private socketState: ConnectionState = 'connecting'
  private currentStatus: ConnectionState
  private currentRefusal: Refusal | null = null
  private browserOnline = typeof navigator === 'undefined' || navigator.onLine
  // Named so because the end-to-end suite reaches in to drop and restore the socket.
  private provider: SyncConnection | null = null
  private remote: RemoteClientOptions | null
  private local: LocalClientOptions | null
  private synced = false
  private refusedCopies = 0
  private clock = new ServerClock()
  private destroyed = false

  constructor(options: SessionClientOptions) {
    super()
    if ('doc' in options) {
      this.local = options
      this.remote = null
      this.user = options.user
      this.session = options.session ?? options.doc.guid
      this.doc = options.doc
      this.currentStatus = options.status ?? 'connected'
      this.synced = true
    } else {
      this.local = null
      this.remote = options
      const claims = decodeToken(options.token)
      this.user = claims ?
        { id: claims.sub, name: claims.name, role: claims.role } :
        { id: '', name: '', role: 'participant' }
      this.session = options.session ?? claims?.sid ?? ''
      this.doc = new Y.Doc()
      this.currentStatus = 'connecting'
      if (!claims) {
        this.refuse({ closeCode: null, code: 'TOKEN_INVALID',
          message: 'This link\'s token cannot be read. Ask the host for a new link.' })
      } else if (this.session !== claims.sid) {
        this.refuse({ closeCode: null, code: 'TOKEN_WRONG_SESSION',
          message: 'This token is for another session. Ask the host for a new link.' })
      }
    }
    this.awareness = this.createAwareness(this.doc)
    this.watch(this.doc)
    if (this.remote && !this.currentRefusal) {
      addEventListener('online', this.onBrowserOnline)
      addEventListener('offline', this.onBrowserOffline)
      addEventListener('pagehide', this.onPageHide)
      void this.open(this.doc)
    }
  }

  get status(): ConnectionState {
    return this.currentStatus
  }

  get refusal(): Refusal | null {
    return this.currentRefusal
  }

  get isModerator(): boolean {
    return this.user.role === 'moderator'
  }

  /** True once this copy has merged the server's state (always, for a local client). */
  get hasSynced(): boolean {
    return this.synced
  }

  /** The server's clock in ms, estimated from the answers it sent. */
  now(): number {
    return this.clock.now()
  }

  /** Runs plan edits as one transaction, so they travel as one update. */
  edit<T>(change: (doc: Y.Doc) => T): T {
    let result: T | undefined
    this.doc.transact(() => { result = change(this.doc) }, this)
    return result as T
  }

  async send(command: Command): Promise<CommandResult> {
    if (this.local) {
      if (this.currentStatus !== 'connected') return offlineResult()
      if (!this.local.commands) {
        return { ok: false, reason: 'rejected', message: 'This session has no server to ask.' }
      }
      return this.local.commands(command)
    }
    if (this.currentStatus !== 'connected') return offlineResult()
    return this.request('POST', '/commands', command)
  }

  /** Every moderator present, this one included, from awareness. */
  peers(): Peer[] {
    const peers: Peer[] = []
    this.awareness.getStates().forEach((state, clientId) => {
      const peer = readPeer(state, clientId, clientId === this.awareness.clientID)
      if (peer) peers.push(peer)
    })
    return peers
  }

  /** Tells the other moderators which participant this one is dragging. */
  setDragging(participantId: string | null): void {
    if (!this.isModerator) return
    const state = this.awareness.getLocalState()
    if (state && state.dragging !== participantId) {
      this.awareness.setLocalStateField('dragging', participantId)
    }
  }

  dismissNotice(): void {
    this.notice = null
    this.dispatchEvent(new Event('notice'))
  }

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    removeEventListener('online', this.onBrowserOnline)
    removeEventListener('offline', this.onBrowserOffline)
    removeEventListener('pagehide', this.onPageHide)
    this.awareness.setLocalState(null)
    this.provider?.destroy()
    this.awareness.destroy()
    if (this.remote) this.doc.destroy()
  }

  private async open(doc: Y.Doc): Promise<void> {
    const remote = this.remote as RemoteClientOptions
    const provider = new SyncConnection({
      server: remote.server, session: this.session, token: remote.token, doc,
      awareness: this.awareness, storeName: this.storeName(),
      WebSocketPolyfill: remote.WebSocketPolyfill,
      onSocketState: (state) => this.setSocketState(state),
      onSynced: () => {
        this.synced = true
        this.refusedCopies = 0
        this.clock.reset()
        this.setSocketState('connected')
        void this.request('GET', '')
      },
      onClose: () => { if (this.socketState !== 'connecting') this.setSocketState('offline') },
      onResync: () => void this.dropCopy(),
      onRefusal: (refusal) => this.refuse(refusal),
    })
    this.provider = provider
    await provider.open()
  }

  /**
   * The server refused an update this copy holds (it writes server-owned state,
   * or builds on history the server lacks). Every reconnect would send it
   * again, so the copy goes: the offline store is cleared and a fresh document
   * syncs from the server. Three refusals in a row without a successful sync in
   * between mean the server refuses even a fresh copy, so the client stops.
   */
  private async dropCopy(): Promise<void> {
    if (this.destroyed) return
    this.refusedCopies++
    if (this.refusedCopies > 3) {
      this.provider?.disconnect()
      this.refuse({ closeCode: RESYNC_CLOSE_CODE, code: 'SERVER_OWNED_STATE',
        message: 'The server keeps refusing this copy of the session. Reload the page.' })
      return
    }
    const { provider, doc } = this
    this.provider = null
    const discarded = provider?.discard()
    this.awareness.destroy()
    await discarded
    doc.destroy()
    if (this.destroyed) return

    this.doc = new Y.Doc()
    this.awareness = this.createAwareness(this.doc)
    this.watch(this.doc)
    this.synced = false
    this.notice = { kind: 'resynced', at: Date.now() }
    this.setSocketState('connecting')
    this.emitChange({ remote: false, reset: true, rooms: new Set(), participants: new Set() })
    this.dispatchEvent(new Event('awareness'))
    this.dispatchEvent(new Event('notice'))
    await this.open(this.doc)
  }

  private async request(method: 'GET' | 'POST', path: '' | '/commands',
    body?: Command): Promise<CommandResult> {
    const remote = this.remote as RemoteClientOptions
    const { result, sentAt, receivedAt } = await callApi({ server: remote.server,
      session: this.session, token: remote.token, fetch: remote.fetch }, method, path, body)
    if (result.ok && this.clock.sample(result.value.serverTime, sentAt, receivedAt)) {
      // Countdowns read the clock when they render; a better estimate is worth a render.
      this.emitChange({ remote: false, reset: false, rooms: new Set(), participants: new Set() })
    }
    return result
  }

  private createAwareness(doc: Y.Doc): Awareness {
    const awareness = new Awareness(doc)
    awareness.setLocalState(this.isModerator ? moderatorState(this.user) : null)
    awareness.on('change', () => {
      if (awareness === this.awareness) this.dispatchEvent(new Event('awareness'))
    })
    return awareness
  }

  private watch(doc: Y.Doc): void {
    defineRoots(doc)
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (doc !== this.doc || transaction.changed.size === 0) return
      const rooms = new Set<string>()
      const participants = new Set<string>()
      transaction.changed.forEach((keys, type) => {
        const root = rootName(doc, type)
        const target = root === 'rooms' || root === 'deletedRooms' ? rooms :
          root === 'assignments' ? participants : null
        if (target) for (const key of keys) if (key !== null) target.add(key)
      })
      const remote = this.synced && this.provider?.isFromServer(transaction) === true
      this.emitChange({ remote: remote || this.isForeign(transaction), reset: false, rooms,
        participants })
    })
  }

  /** A local client counts any update applied from elsewhere as remote. */
  private isForeign(transaction: Y.Transaction): boolean {
    return this.local !== null && !transaction.local
  }

  private emitChange(change: DocChange): void {
    this.dispatchEvent(new CustomEvent<DocChange>('change', { detail: change }))
  }

  private refuse(refusal: Refusal): void {
    this.currentRefusal = refusal
    this.updateStatus()
  }

  private setSocketState(state: ConnectionState): void {
    this.socketState = state
    this.updateStatus()
  }

  private updateStatus(): void {
    const next: ConnectionState = this.currentRefusal ? 'refused' :
      !this.browserOnline ? 'offline' : this.socketState
    if (next === this.currentStatus) return
    this.currentStatus = next
    this.dispatchEvent(new Event('status'))
  }

  /** Where the offline copy lives, or null for a client that keeps none. */
  private storeName(): string | null {
    const remote = this.remote as RemoteClientOptions
    if (!(remote.persist ?? true) || !this.isModerator || typeof indexedDB === 'undefined') {
      return null
    }
    const server = new URL(remote.server, location.href).host
    return `breakout-rooms:${server}:${this.session}:${this.user.id}`
  }

  private onBrowserOnline = (): void => {
    this.browserOnline = true
    this.updateStatus()
    this.provider?.connect()
  }

  private onBrowserOffline = (): void => {
    this.browserOnline = false
    this.updateStatus()
  }

  /** Peers would otherwise see this moderator for half a minute after they leave. */
  private onPageHide = (): void => {
    this.awareness.setLocalState(null)
  }
}

function rootName(doc: Y.Doc, type: Y.AbstractType<Y.YEvent<any>>): string | null {
  for (const [name, root] of doc.share) if (root === type) return name
  return null
}
