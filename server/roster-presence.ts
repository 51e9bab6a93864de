/**
 * Who is connected, as the roster's `online` flags. Participants send no
 * awareness the server relays; their presence is their open connections.
 *
 * Comings and goings are gathered for a moment and written as one
 * transaction: a class of a thousand joining over a few seconds then costs
 * each connection tens of roster updates, not a thousand, and a dot turning
 * green a fifth of a second late is not noticed. A person with two tabs is
 * online until both have closed.
 */
import * as Y from 'yjs'
import {
  rosterOf,
  upsertParticipant,
  type RosterRecord,
  type TokenClaims,
} from '../shared/index.js'

const BATCH_MS = 200

export class RosterPresence {
  private readonly openCount = new Map<string, number>()
  private readonly pending = new Map<string, TokenClaims>()
  private timer: ReturnType<typeof setTimeout> | null = null

  /** `origin` marks the roster transactions as the server's own. */
  constructor(private readonly doc: Y.Doc, private readonly origin: string) {}

  isOnline(personId: string): boolean {
    return this.openCount.has(personId)
  }

  /** A connection of this person opened (+1) or closed (-1). */
  note(claims: TokenClaims, delta: 1 | -1): void {
    const count = (this.openCount.get(claims.sub) ?? 0) + delta
    if (count > 0) this.openCount.set(claims.sub, count)
    else this.openCount.delete(claims.sub)
    if ((delta > 0 && count === 1) || count === 0) {
      this.pending.set(claims.sub, claims)
      this.timer ??= setTimeout(() => this.flush(), BATCH_MS)
    }
  }

  /** Writes what was gathered now; also before the session is stored and unloaded. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.pending.size === 0) return
    const roster = rosterOf(this.doc)
    this.doc.transact(() => {
      for (const [id, claims] of this.pending) {
        const known = roster.get(id)
        upsertParticipant(this.doc, {
          id,
          name: known?.name ?? claims.name,
          role: known?.role ?? claims.role,
          online: this.openCount.has(id),
        })
      }
    }, this.origin)
    this.pending.clear()
  }

  /**
   * Marks everyone offline in a session just loaded, which has no connections
   * whatever the stored roster says: the process that wrote it may have been
   * killed before it could. Returns how many were marked.
   */
  clearStale(): number {
    const stale: [string, RosterRecord][] = []
    rosterOf(this.doc).forEach((record, id) => {
      if (record?.online === true) stale.push([id, record])
    })
    if (stale.length === 0) return 0
    this.doc.transact(() => {
      for (const [id, { name, role }] of stale) {
        upsertParticipant(this.doc, { id, name, role, online: false })
      }
    }, this.origin)
    return stale.length
  }

  /** Drops what was gathered without writing it: the session is going away. */
  discard(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.pending.clear()
  }
}
