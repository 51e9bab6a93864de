/**
 * What crosses the wire besides the Yjs sync protocol: the HTTP API's bodies,
 * the commands, the token claims and the awareness state. Shared by the
 * server, the browser client and embedding pages.
 *
 * Endpoints (see docs/api.md):
 *   POST   /api/sessions                 admin         -> 201 CreatedSession
 *   POST   /api/sessions/:id/tokens      admin         -> 201 IssuedToken
 *   GET    /api/sessions/:id             admin | token -> 200 ViewResponse
 *   POST   /api/sessions/:id/commands    token         -> 200 ViewResponse
 *   DELETE /api/sessions/:id             admin         -> 204
 *   GET    /healthz, GET /metrics
 *   WS     /sync/:id?token=...           y-websocket protocol
 *
 * Every error body is `{ "error": BreakoutError }`.
 */
import type { BreakoutError } from './errors.js'
import type { Role } from './schema.js'
import type { SessionView } from './view.js'

export interface CreateSessionRequest {
  /** Most rooms this session may hold; the server's default when absent. */
  maxRooms?: number
}

export interface CreatedSession {
  id: string
}

export interface IssueTokenRequest {
  role: Role
  participantId: string
  name: string
  /** Lifetime in seconds; the server's default when absent. */
  ttlSeconds?: number
}

export interface IssuedToken {
  token: string
  expiresAt: number
}

export interface ViewResponse {
  view: SessionView
  /** The server's clock in ms when the view was derived. */
  serverTime: number
}

export interface ErrorResponse {
  error: BreakoutError
}

export type Command =
  | { type: 'start' }
  | { type: 'end'; graceSeconds?: number }
  | { type: 'extend'; seconds: number }
  | { type: 'choose-room'; roomId: string | null }
  | { type: 'broadcast'; text: string }
  | { type: 'ask-help' }
  | { type: 'dismiss-help'; participantId: string }

export type CommandType = Command['type']

export const COMMAND_TYPES: readonly CommandType[] = [
  'start', 'end', 'extend', 'choose-room', 'broadcast', 'ask-help', 'dismiss-help',
]

/** Which role may send each command. */
export const COMMAND_ROLES: Readonly<Record<CommandType, readonly Role[]>> = {
  'start': ['moderator'],
  'end': ['moderator'],
  'extend': ['moderator'],
  'choose-room': ['participant'],
  'broadcast': ['moderator'],
  'ask-help': ['participant'],
  'dismiss-help': ['moderator'],
}

/** What a signed token says. Times are seconds since 1970, as in JWT. */
export interface TokenClaims {
  /** Session id. */
  sid: string
  /** Participant or moderator id. */
  sub: string
  name: string
  role: Role
  iat: number
  exp: number
}

/**
 * A moderator's awareness state. The server overwrites `user` with the
 * identity from the token, whatever the client claimed.
 */
export interface AwarenessState {
  user: { id: string; name: string; role: Role; color?: string }
  /** The participant this moderator is dragging, if any. */
  dragging?: string | null
}

/** The WebSocket path of a session's sync endpoint. */
export function syncPath(sessionId: string): string {
  return `/sync/${encodeURIComponent(sessionId)}`
}
