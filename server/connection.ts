/**
 * One client's WebSocket, after its token was accepted. A connection walks
 * `open -> closed` once; nothing is sent after it closes, so a broadcast that
 * reaches a closing socket cannot close it again (the failure that brings the
 * reference server down when many clients leave at once).
 */
import type { WebSocket } from 'ws'
import { closeCodeOf, type BreakoutError, type Role, type TokenClaims } from '../shared/index.js'

export type ConnectionState = 'open' | 'closed'

/** Close reasons are limited to 123 bytes by the WebSocket protocol. */
const MAX_REASON_BYTES = 120
/** A client this far behind in reading is dropped rather than buffered without bound. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024

export class Connection {
  state: ConnectionState = 'open'
  /** Awareness client ids this connection introduced. */
  readonly awarenessIds = new Set<number>()
  private budget: number
  private refilledAt: number

  constructor(
    readonly socket: WebSocket,
    readonly claims: TokenClaims,
    private readonly updatesPerSecond: number,
    now: number,
  ) {
    this.budget = updatesPerSecond
    this.refilledAt = now
  }

  get role(): Role {
    return this.claims.role
  }

  get personId(): string {
    return this.claims.sub
  }

  /** Sends unless closed; returns whether the message was handed to the socket. */
  send(message: Uint8Array): boolean {
    if (this.state !== 'open' || this.socket.readyState !== this.socket.OPEN) return false
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close({ code: 'SLOW_CONSUMER', message: 'the client does not read fast enough' })
      return false
    }
    this.socket.send(message, { binary: true })
    return true
  }

  /**
   * Takes one message from a token bucket that refills `updatesPerSecond`
   * tokens a second, up to one second's worth; false when it is empty.
   */
  takeBudget(now: number): boolean {
    const elapsed = (now - this.refilledAt) / 1000
    this.budget = Math.min(this.updatesPerSecond, this.budget + elapsed * this.updatesPerSecond)
    this.refilledAt = now
    if (this.budget < 1) return false
    this.budget -= 1
    return true
  }

  close(error: Pick<BreakoutError, 'code' | 'message'>): void {
    if (this.state === 'closed') return
    this.state = 'closed'
    this.socket.close(closeCodeOf(error.code), closeReason(`${error.code}: ${error.message}`))
  }
}

export function closeReason(text: string): string {
  let reason = text
  while (Buffer.byteLength(reason) > MAX_REASON_BYTES) reason = reason.slice(0, -1)
  return reason
}
