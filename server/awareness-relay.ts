/**
 * Moderators' presence: who is here and whom they are dragging.
 *
 * Each moderator's awareness is rewritten with the identity from their token
 * (`awareness-identity.ts`) and relayed to moderators only; participants'
 * awareness is never read. Changes gathered over a short window go out as one
 * message, so a crowd arriving or leaving at once costs whoever stays a
 * message or two, not one per person.
 *
 * A connection owns the awareness clients it introduced: another connection's
 * entries in its updates are echoes (the stock provider sends back every
 * change it receives) and are dropped, and when it closes its clients are
 * removed for everyone.
 */
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import { breakoutError, type BreakoutError } from '../shared/index.js'
import type { Connection } from './connection.js'
import {
  encodeAwarenessEntries,
  rewriteAwareness,
  type AwarenessEntry,
} from './awareness-identity.js'
import { writeAwareness } from './sync-protocol.js'

/** Moderators' awareness changes within this window go out as one message. */
const BATCH_MS = 30
/**
 * Awareness clients one connection may introduce. A provider has one; a few
 * more allow for a page that replaced its document without reconnecting.
 */
const MAX_CLIENTS_PER_CONNECTION = 16

const SERVER_ORIGIN = 'server'

export class AwarenessRelay {
  private readonly awareness: awarenessProtocol.Awareness
  private readonly owners = new Map<number, Connection>()
  private readonly pending = new Set<number>()
  private flushTimer: ReturnType<typeof setTimeout> | null = null

  /** `broadcast` sends one message to every moderator. */
  constructor(doc: Y.Doc, private readonly broadcast: (message: Uint8Array) => void) {
    this.awareness = new awarenessProtocol.Awareness(doc)
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.onChange)
  }

  /** Every known state as one message, for a moderator who just arrived; null if none. */
  everyone(): Uint8Array | null {
    const ids = [...this.awareness.getStates().keys()]
    if (ids.length === 0) return null
    return writeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids))
  }

  /** Takes a moderator's awareness update; an error when it is malformed. */
  relay(connection: Connection, update: Uint8Array): BreakoutError | null {
    const entries = rewriteAwareness(update, connection.claims)
    if (entries === null) {
      return breakoutError('MALFORMED_MESSAGE', 'the awareness update is malformed')
    }
    // A new client is taken on only when its entry is one the awareness will
    // apply (a newer clock), and only up to a few per connection.
    const own: AwarenessEntry[] = []
    for (const entry of entries) {
      const owner = this.owners.get(entry.clientId)
      if (owner === connection) {
        own.push(entry)
      } else if (owner === undefined && entry.state !== null &&
        entry.clock > (this.awareness.meta.get(entry.clientId)?.clock ?? 0) &&
        connection.awarenessIds.size < MAX_CLIENTS_PER_CONNECTION) {
        this.owners.set(entry.clientId, connection)
        connection.awarenessIds.add(entry.clientId)
        own.push(entry)
      }
    }
    if (own.length > 0) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(own),
        connection)
    }
    return null
  }

  /** Removes, for everyone, the clients a closed connection introduced. */
  forget(connection: Connection): void {
    if (connection.awarenessIds.size === 0) return
    awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessIds],
      SERVER_ORIGIN)
  }

  destroy(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer)
    this.flushTimer = null
    this.awareness.destroy()
  }

  private readonly onChange = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
  ): void => {
    for (const id of removed) {
      this.owners.get(id)?.awarenessIds.delete(id)
      this.owners.delete(id)
    }
    for (const id of [...added, ...updated, ...removed]) this.pending.add(id)
    this.flushTimer ??= setTimeout(() => this.flush(), BATCH_MS)
  }

  private flush(): void {
    this.flushTimer = null
    if (this.pending.size === 0) return
    const ids = [...this.pending]
    this.pending.clear()
    this.broadcast(writeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)))
  }
}
