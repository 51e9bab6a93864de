/**
 * Rewrites a moderator's awareness update so that the identity it shows is
 * the one in their token. A client may claim any name in its awareness; the
 * server replaces `user` (keeping only the colour the client picked) and
 * drops every other field but `dragging`.
 *
 * Awareness update layout (y-protocols): varUint count, then per entry
 * varUint clientID, varUint clock, varString JSON state ("null" = removed).
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { TokenClaims } from '../shared/index.js'

export interface AwarenessEntry {
  clientId: number
  clock: number
  state: Record<string, unknown> | null
}

const COLOR = /^#[0-9a-f]{6}$/i

/**
 * Returns the entries with the identity replaced, or null when malformed.
 * There is no limit on the number of entries beyond the frame size: a stock
 * provider echoes everyone's presence back, so an honest update may list a
 * whole session. Which entries are applied is for the session to decide.
 */
export function rewriteAwareness(update: Uint8Array, claims: TokenClaims): AwarenessEntry[] | null {
  try {
    const decoder = decoding.createDecoder(update)
    const count = decoding.readVarUint(decoder)
    const entries: AwarenessEntry[] = []
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const raw: unknown = JSON.parse(decoding.readVarString(decoder))
      entries.push({ clientId, clock, state: raw === null ? null : sanitize(raw, claims) })
    }
    return entries
  } catch {
    return null
  }
}

export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, JSON.stringify(state))
  }
  return encoding.toUint8Array(encoder)
}

function sanitize(raw: unknown, claims: TokenClaims): Record<string, unknown> {
  const claimed = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>
  const user = (claimed.user ?? {}) as Record<string, unknown>
  const color = typeof user.color === 'string' && COLOR.test(user.color) ? user.color : undefined
  const dragging = typeof claimed.dragging === 'string' && claimed.dragging.length <= 128
    ? claimed.dragging : null
  return {
    user: { id: claims.sub, name: claims.name, role: claims.role, color },
    dragging,
  }
}
