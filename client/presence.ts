/**
 * Presence of moderators through Yjs awareness: who is here and whom each one
 * is dragging. Awareness states come from other browsers, so they are read
 * tolerantly; the server overwrites `user` from the sender's token, which is
 * what makes the names trustworthy.
 */
import type { AwarenessState } from '../shared/index.js'
import type { SessionUser } from './session-client.js'

export interface Peer {
  readonly clientId: number
  readonly self: boolean
  readonly user: { readonly id: string; readonly name: string; readonly color: string }
  /** The participant this moderator is dragging, if any. */
  readonly dragging: string | null
}

export function moderatorState(user: SessionUser): AwarenessState {
  return {
    user: { id: user.id, name: user.name, role: user.role, color: colorOf(user.id) },
    dragging: null,
  }
}

/** A moderator's presence from an awareness state, or null for anything else. */
export function readPeer(state: Record<string, unknown>, clientId: number,
  self: boolean): Peer | null {
  const user = state.user as Record<string, unknown> | undefined
  if (typeof user !== 'object' || user === null) return null
  if (typeof user.id !== 'string' || typeof user.name !== 'string') return null
  if (user.role !== 'moderator') return null
  const color = typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ?
    user.color : colorOf(user.id)
  const dragging = typeof state.dragging === 'string' ? state.dragging : null
  return { clientId, self, user: { id: user.id, name: user.name, color }, dragging }
}

const COLORS = ['#7c3aed', '#0891b2', '#db2777', '#ea580c', '#16a34a', '#2563eb', '#ca8a04',
  '#dc2626']

/** A stable colour per person, so a co-moderator keeps theirs across reloads. */
export function colorOf(id: string): string {
  let hash = 0
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0
  return COLORS[hash % COLORS.length] as string
}
