/**
 * The session's HTTP API as the browser calls it, and the words the browser
 * uses for what the server refused. Every call carries the session token as a
 * bearer token; every answer carries the server's clock, which the caller
 * feeds to its `ServerClock` together with when the call was sent and
 * answered.
 */
import {
  CATALOGUE,
  type BreakoutError,
  type Command,
  type ErrorCode,
  type ViewResponse,
} from '../shared/index.js'

export type CommandResult =
  | { readonly ok: true; readonly value: ViewResponse }
  | {
    readonly ok: false
    readonly reason: 'offline' | 'network' | 'rejected'
    readonly message: string
    readonly error?: BreakoutError
  }

export interface ApiTarget {
  /** The server's http(s) origin, with a path prefix when it has one. */
  readonly server: string
  readonly session: string
  readonly token: string
  readonly fetch?: typeof fetch
}

export interface ApiAnswer {
  readonly result: CommandResult
  readonly sentAt: number
  readonly receivedAt: number
}

/** `GET` reads the view; `POST` with a command to `/commands` carries it out. */
export async function callApi(target: ApiTarget, method: 'GET' | 'POST', path: '' | '/commands',
  body?: Command): Promise<ApiAnswer> {
  const url = `${trimSlash(target.server)}/api/sessions/${encodeURIComponent(target.session)}${
    path}`
  const sentAt = Date.now()
  let response: Response
  try {
    response = await (target.fetch ?? fetch)(url, {
      method,
      headers: {
        'Authorization': `Bearer ${target.token}`,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    })
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    const message = `The server could not be reached (${detail}).`
    return { result: { ok: false, reason: 'network', message }, sentAt, receivedAt: Date.now() }
  }
  const receivedAt = Date.now()
  const answer: unknown = await response.json().catch(() => null)

  if (!response.ok) {
    const error = (answer as { error?: BreakoutError } | null)?.error
    const message = error?.message ?? `The server answered ${response.status}.`
    return { result: { ok: false, reason: 'rejected', error, message }, sentAt, receivedAt }
  }
  return { result: { ok: true, value: answer as ViewResponse }, sentAt, receivedAt }
}

export function offlineResult(): CommandResult {
  return { ok: false, reason: 'offline',
    message: 'You are offline. This needs a connection to the server.' }
}

/** What to tell a person whose connection the server closed for good. */
export function refusalMessage(code: ErrorCode | null): string {
  switch (code) {
    case 'TOKEN_MISSING':
    case 'TOKEN_INVALID':
      return 'This link is not valid. Ask the host for a new link.'
    case 'TOKEN_EXPIRED':
      return 'This link has expired. Ask the host for a new link.'
    case 'TOKEN_WRONG_SESSION':
      return 'This link is for another session. Ask the host for a new link.'
    case 'SESSION_NOT_FOUND':
    case 'SESSION_DELETED':
      return 'This breakout session no longer exists.'
    default:
      return code ? `The server closed the connection: ${CATALOGUE[code].summary}.` :
        'The server closed the connection.'
  }
}

export function trimSlash(text: string): string {
  return text.replace(/\/+$/, '')
}
