/**
 * One catalogue of every error the project reports, shared by the model, the
 * server and the browser client. A code is never reused for another meaning.
 *
 * Each entry carries the HTTP status the API answers with and the WebSocket
 * close code the sync endpoint closes with. Close codes live in the private
 * range 4000-4999 and follow the convention the y-websocket client reads:
 * 4400-4499 mirror HTTP's 4xx and mean "do not reconnect as you are", 4500-4599
 * mean "try again later". The last two digits follow the HTTP status where one
 * fits, so `4401` reads as "unauthorised" in a log.
 */

export interface CatalogueEntry {
  readonly status: number
  readonly closeCode: number
  readonly summary: string
}

export const CATALOGUE = {
  // Invalid input to a model operation or command.
  INVALID_ARGUMENT: { status: 400, closeCode: 4400, summary: 'a value is not allowed' },
  MALFORMED_MESSAGE: { status: 400, closeCode: 4400, summary: 'a message could not be read' },
  UNKNOWN_ROOM: { status: 404, closeCode: 4400, summary: 'no such room' },
  UNKNOWN_PARTICIPANT: { status: 404, closeCode: 4400, summary: 'no such participant' },
  ROOM_LIMIT_REACHED: { status: 409, closeCode: 4409, summary: 'the session has its most rooms' },
  WRONG_PHASE: { status: 409, closeCode: 4409, summary: 'not possible in this phase' },

  // Who is asking.
  TOKEN_MISSING: { status: 401, closeCode: 4401, summary: 'no token was given' },
  TOKEN_INVALID: { status: 401, closeCode: 4402, summary: 'the token is forged or unreadable' },
  TOKEN_EXPIRED: { status: 401, closeCode: 4403, summary: 'the token has expired' },
  TOKEN_WRONG_SESSION: {
    status: 403, closeCode: 4404, summary: 'the token is for another session',
  },
  ADMIN_REQUIRED: { status: 401, closeCode: 4401, summary: 'the admin key is required' },
  FORBIDDEN: { status: 403, closeCode: 4405, summary: 'this role may not do that' },
  PERMISSION_DENIED: { status: 403, closeCode: 4406, summary: 'the session does not permit it' },

  // What is asked for.
  SESSION_NOT_FOUND: { status: 404, closeCode: 4410, summary: 'no such session' },
  NOT_FOUND: { status: 404, closeCode: 4410, summary: 'no such route' },

  // Authority over the document.
  SERVER_OWNED_STATE: {
    status: 403,
    closeCode: 4420,
    summary: 'the update writes state only the server may write; drop the copy and resync',
  },
  INVALID_UPDATE: {
    status: 400,
    closeCode: 4420,
    summary: 'the update holds a value the plan cannot hold; drop the copy and resync',
  },
  UNKNOWN_DEPENDENCY: {
    status: 409,
    closeCode: 4420,
    summary: 'the update builds on state the server does not have; drop the copy and resync',
  },

  // Limits.
  FRAME_TOO_LARGE: { status: 413, closeCode: 4413, summary: 'a frame is larger than allowed' },
  DOCUMENT_TOO_LARGE: {
    status: 413, closeCode: 4414, summary: 'the document would grow too large',
  },
  RATE_LIMITED: { status: 429, closeCode: 4529, summary: 'too many updates per second' },
  TOO_MANY_CONNECTIONS: {
    status: 503, closeCode: 4503, summary: 'the session has its most connections',
  },
  SLOW_CONSUMER: { status: 503, closeCode: 4504, summary: 'the client does not read fast enough' },
  SESSION_DELETED: { status: 410, closeCode: 4410, summary: 'the session was deleted' },
  BODY_TOO_LARGE: { status: 413, closeCode: 4413, summary: 'the request body is too large' },

  INTERNAL: { status: 500, closeCode: 1011, summary: 'the server failed' },
} as const satisfies Record<string, CatalogueEntry>

export type ErrorCode = keyof typeof CATALOGUE

/** The close code that tells a client to drop its copy and sync afresh. */
export const RESYNC_CLOSE_CODE = CATALOGUE.SERVER_OWNED_STATE.closeCode

/** Close codes after which reconnecting with the same token cannot succeed. */
export const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CATALOGUE.TOKEN_MISSING.closeCode,
  CATALOGUE.TOKEN_INVALID.closeCode,
  CATALOGUE.TOKEN_EXPIRED.closeCode,
  CATALOGUE.TOKEN_WRONG_SESSION.closeCode,
  CATALOGUE.SESSION_NOT_FOUND.closeCode,
])

export interface BreakoutError {
  readonly code: ErrorCode
  readonly message: string
  /** The input field at fault, when there is one. */
  readonly field?: string
  /** The offending value, when it is safe to echo. */
  readonly value?: unknown
  /** What would have been accepted. */
  readonly allowed?: string
}

export type Result<T> = { readonly ok: true; readonly value: T } | {
  readonly ok: false
  readonly error: BreakoutError
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

export function fail<T = never>(error: BreakoutError): Result<T> {
  return { ok: false, error }
}

export function breakoutError(
  code: ErrorCode,
  message: string,
  detail: Omit<BreakoutError, 'code' | 'message'> = {},
): BreakoutError {
  return { code, message, ...detail }
}

/** An error about one input field, with a message naming field, value and rule. */
export function invalidField(field: string, value: unknown, allowed: string,
  code: ErrorCode = 'INVALID_ARGUMENT'): BreakoutError {
  const message = `${field} must be ${allowed}, got ${show(value)}`
  return { code, field, value, allowed, message }
}

export function statusOf(code: ErrorCode): number {
  return CATALOGUE[code].status
}

export function closeCodeOf(code: ErrorCode): number {
  return CATALOGUE[code].closeCode
}

/** The catalogue entry a close code stands for, for clients reading a close event. */
export function codeOfClose(closeCode: number): ErrorCode | undefined {
  for (const [code, entry] of Object.entries(CATALOGUE)) {
    if (entry.closeCode === closeCode) return code as ErrorCode
  }
  return undefined
}

function show(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}...` : value
    return `${JSON.stringify(shown)} (${value.length} characters)`
  }
  if (value === undefined) return 'nothing'
  // JSON would show NaN and Infinity as null, hiding what was actually sent.
  if (typeof value === 'number') return String(value)
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}
