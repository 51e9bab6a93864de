/**
 * One breakout session held in memory: its document, its connections, its
 * clock and its log on disk.
 *
 * Every change to the document, whoever made it, passes one place: the
 * document's `update` event. There the update is appended to the store and
 * only then sent, encoded once, to every connection but the one it came from.
 * So an update any client has received is on disk, and the hot path does no
 * work that grows with the document.
 *
 * Who may change what:
 * - participants sync read-only; their updates are dropped, never applied;
 * - moderators' updates are checked by `checkModeratorUpdate` first, and a
 *   refused one closes the connection with the resync code;
 * - the roster, the lifecycle and repairs are written here, by the server.
 */
import * as Y from 'yjs'
import {
  breakoutError,
  configureSession,
  endBreakout,
  lifecycleOf,
  needsRepair,
  phaseOf,
  repair,
  upsertParticipant,
  viewOf,
  type BreakoutError,
  type Command,
  type Result,
  type TokenClaims,
} from '../shared/index.js'
import { timeField } from '../shared/read.js'
import type { Limits } from './config.js'
import type { Connection } from './connection.js'
import type { Logger } from './logger.js'
import type { Metrics } from './metrics.js'
import type { SessionStore } from './storage/session-store.js'
import { checkModeratorUpdate } from './update-authority.js'
import { AwarenessRelay } from './awareness-relay.js'
import { RosterPresence } from './roster-presence.js'
import { runCommand } from './session-commands.js'
import {
  isEmptyUpdate,
  readClientMessage,
  writeSyncStep1,
  writeSyncStep2,
  writeUpdate,
} from './sync-protocol.js'

export interface SessionContext {
  store: SessionStore
  logger: Logger
  metrics: Metrics
  limits: Limits
  compactAfterUpdates: number
  now: () => number
}

/** The longest a timer may wait (setTimeout's limit); longer waits re-arm. */
const MAX_TIMER_MS = 2 ** 31 - 1
const SERVER_ORIGIN = 'server'

export class HostedSession {
  readonly doc = new Y.Doc()
  private readonly awareness: AwarenessRelay
  private readonly connections = new Set<Connection>()
  private readonly moderators = new Set<Connection>()
  private readonly presence: RosterPresence
  private readonly log: Logger
  private endTimer: ReturnType<typeof setTimeout> | null = null
  private compactTimer: ReturnType<typeof setImmediate> | null = null
  /** The end time last written to the store; undefined until the first write. */
  private storedEndsAt: number | null | undefined = undefined
  private storedBytes: number
  private lastSeq: number
  private sinceCompaction: number
  private destroyed = false
  /** What the document holds, for `holdsAlready`; null when it changed since. */
  private knownState: Y.Snapshot | null = null
  /**
   * The whole document as one update, for clients that arrive with nothing;
   * null when it changed since. Shared by everyone who joins between two
   * changes, so a class arriving at once costs one encoding, not one each.
   */
  private wholeState: Uint8Array | null = null

  private constructor(readonly id: string, private readonly context: SessionContext) {
    this.log = context.logger.child({ session: id })
    const loaded = context.store.load(id)
    Y.transact(this.doc, () => {
      if (loaded.snapshot) Y.applyUpdate(this.doc, loaded.snapshot)
      for (const update of loaded.updates) Y.applyUpdate(this.doc, update)
    }, 'load')
    this.storedBytes = loaded.bytes
    this.lastSeq = loaded.lastSeq
    this.sinceCompaction = loaded.updates.length

    this.presence = new RosterPresence(this.doc, SERVER_ORIGIN)
    this.awareness = new AwarenessRelay(this.doc, (message) => {
      let sent = 0
      for (const moderator of this.moderators) if (moderator.send(message)) sent++
      this.context.metrics.increment('breakout_messages_sent_total', {}, sent)
    })
    this.doc.on('update', this.onDocumentUpdate)
    lifecycleOf(this.doc).observe(() => this.onLifecycleChange())
  }

  /** Loads a stored session fully, then settles what changed while it slept. */
  static load(id: string, context: SessionContext): HostedSession {
    const session = new HostedSession(id, context)
    const cleared = session.presence.clearStale()
    if (cleared > 0) session.log.info({ people: cleared }, 'stale presence cleared')
    session.checkClock()
    session.repairIfNeeded()
    session.onLifecycleChange()
    return session
  }

  /** Writes a new session's configuration; called once, right after creation. */
  configure(maxRooms: number): Result<void> {
    return configureSession(this.doc, { maxRooms })
  }

  get connectionCount(): number {
    return this.connections.size
  }

  /** Event streams (host platforms) reading this session; they keep it loaded. */
  watcherCount = 0

  get idle(): boolean {
    return this.connections.size === 0 && this.watcherCount === 0
  }

  admit(connection: Connection): void {
    this.connections.add(connection)
    if (connection.role === 'moderator') this.moderators.add(connection)
    this.presence.note(connection.claims, +1)
    this.context.metrics.increment('breakout_connections_total')
    this.log.info({ person: connection.personId, role: connection.role }, 'connection opened')

    this.sendTo(connection, writeSyncStep1(Y.encodeStateVector(this.doc)))
    const everyone = connection.role === 'moderator' ? this.awareness.everyone() : null
    if (everyone) this.sendTo(connection, everyone)
  }

  /** Forgets a connection that closed, for whatever reason. */
  release(connection: Connection): void {
    if (!this.connections.delete(connection)) return
    this.moderators.delete(connection)
    connection.state = 'closed'
    this.presence.note(connection.claims, -1)
    this.awareness.forget(connection)
    this.log.info({ person: connection.personId, role: connection.role }, 'connection closed')
  }

  receive(connection: Connection, frame: Uint8Array): void {
    if (connection.state !== 'open') return
    const message = readClientMessage(frame)
    if (message === null) {
      this.refuse(connection, breakoutError('MALFORMED_MESSAGE',
        `a frame of ${frame.length} bytes is not a y-websocket message`))
      return
    }
    switch (message.kind) {
      case 'sync-step-1':
        this.answerStep1(connection, message.stateVector)
        return
      case 'sync-update':
        if (connection.role === 'moderator') this.applyModeratorUpdate(connection, message.update)
        else this.dropParticipantUpdate(connection, message.update)
        return
      case 'awareness':
        if (connection.role === 'moderator') {
          const malformed = this.awareness.relay(connection, message.update)
          if (malformed) this.refuse(connection, malformed)
        }
        return
      case 'query-awareness': {
        const everyone = connection.role === 'moderator' ? this.awareness.everyone() : null
        if (everyone) this.sendTo(connection, everyone)
        return
      }
      case 'auth':
        return
    }
  }

  /** Carries out a command for the holder of `claims`; the caller checked the token. */
  runCommand(claims: TokenClaims, command: Command): Result<void> {
    const now = this.context.now()
    const result = runCommand(this.doc, claims, command, now)
    if (result.ok) {
      this.log.info({ person: claims.sub, command: command.type }, 'command carried out')
      this.checkClock()
    }
    return result
  }

  /** Puts a person on the roster, as issuing their token does. */
  enroll(claims: TokenClaims): Result<void> {
    return upsertParticipant(this.doc, {
      id: claims.sub,
      name: claims.name,
      role: claims.role,
      online: this.presence.isOnline(claims.sub),
    })
  }

  view() {
    const now = this.context.now()
    return { view: viewOf(this.doc, now), serverTime: now }
  }

  /** Closes every connection, e.g. when the session is deleted. */
  closeAll(error: BreakoutError): void {
    for (const connection of [...this.connections]) {
      connection.close(error)
      this.release(connection)
    }
  }

  /** Stores a snapshot if anything was appended since the last one. */
  compact(): void {
    if (this.sinceCompaction === 0 || this.destroyed) return
    const snapshot = Y.encodeStateAsUpdate(this.doc)
    this.context.store.compact(this.id, snapshot, this.lastSeq)
    this.storedBytes = snapshot.length
    this.sinceCompaction = 0
    this.context.metrics.increment('breakout_compactions_total')
    this.log.debug({ bytes: snapshot.length, upToSeq: this.lastSeq }, 'log compacted')
  }

  /** Stores what is left to store, then frees the session's memory and timers. */
  destroy(): void {
    if (this.destroyed) return
    this.presence.flush()
    this.compact()
    this.discard()
  }

  /** Frees memory and timers without storing anything: the session was deleted. */
  discard(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.presence.discard()
    if (this.endTimer) clearTimeout(this.endTimer)
    if (this.compactTimer) clearImmediate(this.compactTimer)
    this.awareness.destroy()
    this.doc.destroy()
  }

  private answerStep1(connection: Connection, stateVector: Uint8Array): void {
    let update: Uint8Array
    try {
      update = isEmptyStateVector(stateVector)
        ? (this.wholeState ??= Y.encodeStateAsUpdate(this.doc))
        : Y.encodeStateAsUpdate(this.doc, stateVector)
    } catch {
      this.refuse(connection, breakoutError('MALFORMED_MESSAGE', 'the state vector is malformed'))
      return
    }
    this.sendTo(connection, writeSyncStep2(update))
  }

  private applyModeratorUpdate(connection: Connection, update: Uint8Array): void {
    if (isEmptyUpdate(update)) return
    const { maxDocumentBytes } = this.context.limits
    if (this.storedBytes + update.length > maxDocumentBytes) this.compact()
    if (this.storedBytes + update.length > maxDocumentBytes) {
      this.refuse(connection, breakoutError('DOCUMENT_TOO_LARGE',
        `the document would grow to ${this.storedBytes + update.length} bytes; ` +
        `maxDocumentBytes is ${maxDocumentBytes}`))
      return
    }
    const checked = checkModeratorUpdate(this.doc, update)
    if (!checked.ok) {
      this.refuse(connection, checked.error)
      return
    }

    Y.applyUpdate(this.doc, update, connection)
    this.repairIfNeeded()
  }

  private dropParticipantUpdate(connection: Connection, update: Uint8Array): void {
    if (isEmptyUpdate(update) || this.holdsAlready(update)) return
    this.context.metrics.increment('breakout_updates_dropped_total')
    this.log.warn({ person: connection.personId, bytes: update.length },
      'participant update dropped')
  }

  /**
   * True when the update carries nothing the document lacks. A client that
   * reconnects sends, as its sync step 2, its whole delete set: an honest
   * participant's repeats deletions the server made, and is no write.
   */
  private holdsAlready(update: Uint8Array): boolean {
    try {
      this.knownState ??= Y.snapshot(this.doc)
      return Y.snapshotContainsUpdate(this.knownState, update)
    } catch {
      return false
    }
  }

  private readonly onDocumentUpdate = (update: Uint8Array, origin: unknown): void => {
    const { store, metrics, compactAfterUpdates } = this.context
    this.knownState = null
    this.wholeState = null
    this.lastSeq = store.appendUpdate(this.id, update)
    this.storedBytes += update.length
    this.sinceCompaction++
    metrics.increment('breakout_updates_applied_total')
    metrics.increment('breakout_update_bytes_total', {}, update.length)

    const message = writeUpdate(update)
    let sent = 0
    for (const connection of this.connections) {
      if (connection !== origin && connection.send(message)) sent++
    }
    metrics.increment('breakout_messages_sent_total', {}, sent)
    if (this.sinceCompaction >= compactAfterUpdates) {
      this.compactTimer ??= setImmediate(() => {
        this.compactTimer = null
        this.compact()
      })
    }
  }

  private repairIfNeeded(): void {
    if (!needsRepair(this.doc)) return
    let report: ReturnType<typeof repair> | undefined
    this.doc.transact(() => {
      report = repair(this.doc)
    }, SERVER_ORIGIN)
    this.context.metrics.increment('breakout_repairs_total')
    this.log.info({ ...report }, 'plan repaired')
  }

  /** Closes the rooms when their end has passed. */
  private checkClock(): void {
    if (this.destroyed || phaseOf(this.doc) !== 'running') return
    const endsAt = timeField(this.doc, 'endsAt')
    const now = this.context.now()
    if (endsAt === null || endsAt > now) return
    // Closed as of the scheduled end, even when noticed later (after a restart, say).
    this.doc.transact(() => endBreakout(this.doc, endsAt), SERVER_ORIGIN)
    this.context.metrics.increment('breakout_rooms_closed_by_clock_total')
    this.log.info({ endsAt, lateMs: now - endsAt }, 'rooms closed by the clock')
  }

  private onLifecycleChange(): void {
    if (this.destroyed) return
    const endsAt = phaseOf(this.doc) === 'running' ? timeField(this.doc, 'endsAt') : null
    if (endsAt !== this.storedEndsAt) {
      this.context.store.setEndsAt(this.id, endsAt)
      this.storedEndsAt = endsAt
    }
    if (this.endTimer) clearTimeout(this.endTimer)
    this.endTimer = null
    if (endsAt === null) return
    const wait = Math.min(Math.max(0, endsAt - this.context.now()), MAX_TIMER_MS)
    this.endTimer = setTimeout(() => {
      this.endTimer = null
      this.checkClock()
      this.onLifecycleChange()
    }, wait)
  }

  private sendTo(connection: Connection, message: Uint8Array): void {
    if (connection.send(message)) this.context.metrics.increment('breakout_messages_sent_total')
  }

  private refuse(connection: Connection, error: BreakoutError): void {
    this.context.metrics.increment('breakout_connections_refused_total', { code: error.code })
    this.log.warn({ person: connection.personId, role: connection.role, code: error.code,
      reason: error.message }, 'connection refused')
    connection.close(error)
    this.release(connection)
  }
}

/** The state vector of an empty document: no clients. */
function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.length === 1 && stateVector[0] === 0
}
