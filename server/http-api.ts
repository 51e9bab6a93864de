/**
 * The HTTP API for host platforms and embedding pages (docs/api.md).
 * Every answer is JSON; every error is `{ "error": BreakoutError }` with the
 * status of its catalogue entry. Cross-origin requests are allowed: the API
 * is called from pages on other origins with bearer tokens, never cookies.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { timingSafeEqual } from 'node:crypto'
import {
  COMMAND_TYPES,
  breakoutError,
  checkId,
  checkPersonName,
  checkRole,
  invalidField,
  statusOf,
  type BreakoutError,
  type Command,
  type TokenClaims,
} from '../shared/index.js'
import { checkMaxRooms } from '../shared/validate.js'
import type { Logger } from './logger.js'
import type { Metrics } from './metrics.js'
import type { SessionRegistry } from './session-registry.js'
import { signToken, verifyToken } from './tokens.js'
import { serveStatic } from './static-files.js'
import { streamPlacements } from './placement-events.js'

export interface ApiContext {
  registry: SessionRegistry
  logger: Logger
  metrics: Metrics
  adminKey: string
  tokenSecret: string
  tokenTtlSeconds: number
  maxBodyBytes: number
  staticDir: string | null
  now: () => number
}

type Caller = { kind: 'admin' } | { kind: 'token'; claims: TokenClaims }

class HttpError {
  constructor(readonly error: BreakoutError) {}
}

const SESSION_ROUTE = /^\/api\/sessions\/([^/]+)(\/tokens|\/commands|\/events)?$/

export function createApiHandler(context: ApiContext) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    const method = request.method ?? 'GET'
    setCors(response)
    try {
      if (method === 'OPTIONS') return send(response, 204)
      await route(context, request, response, method, url.pathname)
    } catch (caught) {
      // A body left half read (refused as too large, say) would be taken for
      // the next request on a kept-alive connection: close it instead.
      if (!request.complete) response.setHeader('connection', 'close')
      if (caught instanceof HttpError) {
        sendError(response, caught.error)
      } else {
        context.logger.error({ err: caught, method, path: url.pathname }, 'request failed')
        sendError(response, breakoutError('INTERNAL', 'the server failed to answer'))
      }
    } finally {
      context.metrics.increment('breakout_http_requests_total', {
        method, status: String(response.statusCode),
      })
    }
  }
}

async function route(context: ApiContext, request: IncomingMessage, response: ServerResponse,
  method: string, path: string): Promise<void> {
  if (path === '/healthz' && method === 'GET') {
    return send(response, 200, { status: 'ok', sessionsLoaded: context.registry.loadedCount })
  }
  if (path === '/metrics' && method === 'GET') {
    response.setHeader('content-type', 'text/plain; version=0.0.4')
    response.end(context.metrics.render())
    return
  }
  if (path === '/api/sessions' && method === 'POST') {
    return createSession(context, request, response)
  }

  const match = SESSION_ROUTE.exec(path)
  const id = match ? decodePathPart(match[1] as string) : null
  if (match && id !== null) {
    const sub = match[2]
    if (sub === '/tokens' && method === 'POST') return issueToken(context, request, response, id)
    if (sub === '/commands' && method === 'POST') return command(context, request, response, id)
    if (sub === '/events' && method === 'GET') return streamEvents(context, request, response, id)
    if (sub === undefined && method === 'GET') return readView(context, request, response, id)
    if (sub === undefined && method === 'DELETE') {
      return deleteSession(context, request, response, id)
    }
  }
  if (!path.startsWith('/api/') && (method === 'GET' || method === 'HEAD') && context.staticDir) {
    if (await serveStatic(context.staticDir, path, response)) return
  }
  throw new HttpError(breakoutError('NOT_FOUND', `no route for ${method} ${path}`))
}

/** A percent-encoded path segment, or null when it is not valid encoding. */
function decodePathPart(part: string): string | null {
  try {
    return decodeURIComponent(part)
  } catch {
    return null
  }
}

async function createSession(context: ApiContext, request: IncomingMessage,
  response: ServerResponse): Promise<void> {
  requireAdmin(context, request)
  const body = await readJson(context, request)
  const maxRooms = body.maxRooms
  if (maxRooms !== undefined) {
    const invalid = checkMaxRooms(maxRooms)
    if (invalid) throw new HttpError(invalid)
  }

  const created = context.registry.create(maxRooms as number | undefined)
  if (!created.ok) throw new HttpError(created.error)
  send(response, 201, { id: created.value })
}

async function issueToken(context: ApiContext, request: IncomingMessage,
  response: ServerResponse, id: string): Promise<void> {
  requireAdmin(context, request)
  const body = await readJson(context, request)
  const { role, participantId, name } = body
  const ttl = body.ttlSeconds ?? context.tokenTtlSeconds
  const invalid = checkRole(role) ?? checkId(participantId, 'participantId') ??
    checkPersonName(name) ??
    (Number.isInteger(ttl) && (ttl as number) > 0 && (ttl as number) <= 366 * 24 * 3600 ? null :
      invalidField('ttlSeconds', ttl, 'a whole number of seconds from 1 to 31622400'))
  if (invalid) throw new HttpError(invalid)
  const session = openSession(context, id)

  const issuedAt = Math.floor(context.now() / 1000)
  const claims: TokenClaims = {
    sid: id,
    sub: participantId as string,
    name: (name as string).trim(),
    role: role as TokenClaims['role'],
    iat: issuedAt,
    exp: issuedAt + (ttl as number),
  }
  if (claims.role === 'participant') {
    const enrolled = session.enroll(claims)
    if (!enrolled.ok) throw new HttpError(enrolled.error)
  }
  context.logger.info({ session: id, person: claims.sub, role: claims.role }, 'token issued')
  send(response, 201, {
    token: signToken(claims, context.tokenSecret),
    expiresAt: claims.exp * 1000,
  })
}

async function readView(context: ApiContext, request: IncomingMessage,
  response: ServerResponse, id: string): Promise<void> {
  authorise(context, request, id)
  send(response, 200, openSession(context, id).view())
}

async function streamEvents(context: ApiContext, request: IncomingMessage,
  response: ServerResponse, id: string): Promise<void> {
  authorise(context, request, id)
  const session = openSession(context, id)

  session.watcherCount++
  streamPlacements(session, response, context.now, () => {
    session.watcherCount--
    if (session.idle) context.registry.scheduleIdleCheck(id)
  })
}

async function command(context: ApiContext, request: IncomingMessage,
  response: ServerResponse, id: string): Promise<void> {
  const caller = authorise(context, request, id)
  if (caller.kind !== 'token') {
    throw new HttpError(breakoutError('FORBIDDEN', 'commands are sent with a session token',
      { field: 'authorization', allowed: 'a moderator or participant token' }))
  }
  const body = await readJson(context, request)
  if (!(COMMAND_TYPES as readonly unknown[]).includes(body.type)) {
    throw new HttpError(invalidField('type', body.type, `one of ${COMMAND_TYPES.join(', ')}`))
  }
  const session = openSession(context, id)

  const result = session.runCommand(caller.claims, body as unknown as Command)
  if (!result.ok) throw new HttpError(result.error)
  send(response, 200, session.view())
}

async function deleteSession(context: ApiContext, request: IncomingMessage,
  response: ServerResponse, id: string): Promise<void> {
  requireAdmin(context, request)
  const deleted = context.registry.delete(id)
  if (!deleted.ok) throw new HttpError(deleted.error)
  send(response, 204)
}

function openSession(context: ApiContext, id: string) {
  const opened = context.registry.open(id)
  if (!opened.ok) throw new HttpError(opened.error)
  return opened.value
}

function bearer(request: IncomingMessage): string | null {
  const header = request.headers.authorization
  if (!header) return null
  const match = /^Bearer\s+(.+)$/i.exec(header)
  return match ? (match[1] as string).trim() : null
}

function isAdminKey(context: ApiContext, given: string | null): boolean {
  if (given === null) return false
  const expected = Buffer.from(context.adminKey)
  const actual = Buffer.from(given)
  return expected.length === actual.length && timingSafeEqual(expected, actual)
}

function requireAdmin(context: ApiContext, request: IncomingMessage): void {
  if (!isAdminKey(context, bearer(request))) {
    throw new HttpError(breakoutError('ADMIN_REQUIRED',
      'this route needs the admin key as "Authorization: Bearer <ADMIN_KEY>"',
      { field: 'authorization' }))
  }
}

/** The admin, or the holder of a valid token for session `id`. */
function authorise(context: ApiContext, request: IncomingMessage, id: string): Caller {
  const given = bearer(request)
  if (isAdminKey(context, given)) return { kind: 'admin' }
  const verified = verifyToken(given ?? '', context.tokenSecret, context.now())
  if (!verified.ok) throw new HttpError(verified.error)
  if (verified.value.sid !== id) {
    throw new HttpError(breakoutError('TOKEN_WRONG_SESSION',
      `the token is for session ${verified.value.sid}, not ${id}`, { field: 'token' }))
  }
  return { kind: 'token', claims: verified.value }
}

async function readJson(context: ApiContext, request: IncomingMessage):
  Promise<Record<string, unknown>> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > context.maxBodyBytes) {
      throw new HttpError(breakoutError('BODY_TOO_LARGE',
        `the request body is over ${context.maxBodyBytes} bytes (maxBodyBytes)`,
        { field: 'body', value: size, allowed: `at most ${context.maxBodyBytes} bytes` }))
    }
    chunks.push(chunk as Buffer)
  }
  if (size === 0) return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    throw new HttpError(breakoutError('MALFORMED_MESSAGE', 'the request body is not JSON',
      { field: 'body', allowed: 'a JSON object' }))
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(invalidField('body', parsed, 'a JSON object'))
  }
  return parsed as Record<string, unknown>
}

function setCors(response: ServerResponse): void {
  response.setHeader('access-control-allow-origin', '*')
  response.setHeader('access-control-allow-headers', 'authorization, content-type')
  response.setHeader('access-control-allow-methods', 'GET, POST, DELETE, OPTIONS')
}

function send(response: ServerResponse, status: number, body?: unknown): void {
  response.statusCode = status
  if (body === undefined) {
    response.end()
    return
  }
  response.setHeader('content-type', 'application/json; charset=utf-8')
  response.end(JSON.stringify(body))
}

function sendError(response: ServerResponse, error: BreakoutError): void {
  if (response.headersSent) {
    response.end()
    return
  }
  send(response, statusOf(error.code), { error })
}
