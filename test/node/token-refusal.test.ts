/**
 * Every way a token can be wrong, at the sync endpoint and at the HTTP API.
 * A refused socket is closed with the catalogue's close code before the
 * server sends a single byte of the document.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  CATALOGUE,
  FINAL_CLOSE_CODES,
  createRooms,
  viewOf,
  type ErrorCode,
} from '../../shared/index.js'
import { signToken } from '../../server/tokens.js'
import { startServer, type ServerProcess } from './harness/server-process.js'
import {
  api,
  connect,
  createSession,
  eventually,
  issueToken,
  nextClose,
  sendCommand,
  signedToken,
  synced,
} from './harness/clients.js'
import { rawConnect } from './harness/raw-client.js'
import { ClientPool } from './harness/client-pool.js'
import { expectOk } from './results.js'

let server: ServerProcess
const pool = new ClientPool()
/** A session with a room in it, so a leaked byte of it would be noticed. */
let sessionId: string
let otherSessionId: string
let moderatorToken: string
let participantToken: string

beforeAll(async () => {
  server = await startServer()
  sessionId = await createSession(server)
  otherSessionId = await createSession(server)
  moderatorToken = await issueToken(server, sessionId, 'moderator', 'm1', 'Mo')
  participantToken = await issueToken(server, sessionId, 'participant', 'p1', 'Pat')
  const writer = connect(server, sessionId, moderatorToken)
  await synced(writer)
  expectOk(createRooms(writer.doc, 2))
  await eventually(async () => (await api(server, 'GET', `/api/sessions/${sessionId}`))
    .body.view.rooms.length === 2, 'the rooms to reach the server')
  writer.destroy()
})
afterEach(() => pool.closeAll())
afterAll(async () => { await server.stop() })

/** The token with its claims rewritten but the original signature kept. */
function tampered(token: string, change: Record<string, unknown>): string {
  const [body, signature] = token.split('.') as [string, string]
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
  const rewritten = Buffer.from(JSON.stringify({ ...claims, ...change })).toString('base64url')
  return `${rewritten}.${signature}`
}

function expiredToken(sid: string): string {
  const now = Math.floor(Date.now() / 1000)
  return signedToken({ sid, sub: 'm1', iat: now - 120, exp: now - 60 })
}

/** Connects raw; expects the close code and that nothing was sent before it. */
async function expectRefusedSocket(sid: string, token: string | null, code: ErrorCode) {
  const client = pool.add(rawConnect(server, sid, token))
  const closed = await client.closed
  expect(closed.code).toBe(CATALOGUE[code].closeCode)
  expect(closed.reason).toContain(code)
  expect(client.receivedBeforeClose()).toBe(0)
  expect(client.received).toEqual([])
}

function expectError(response: { status: number; body: any }, code: ErrorCode): void {
  expect(response.status).toBe(CATALOGUE[code].status)
  expect(response.body).toEqual({ error: expect.objectContaining({ code,
    message: expect.any(String) }) })
}

describe('the sync endpoint refuses a bad token before sending anything', () => {
  it('closes a socket with no token with 4401', async () => {
    await expectRefusedSocket(sessionId, null, 'TOKEN_MISSING')
  })

  it('closes a socket with a garbage token with 4402', async () => {
    await expectRefusedSocket(sessionId, 'not-a-token', 'TOKEN_INVALID')
    await expectRefusedSocket(sessionId, 'a.b.c', 'TOKEN_INVALID')
  })

  it('closes a socket with a token signed by another secret with 4402', async () => {
    const now = Math.floor(Date.now() / 1000)
    const forged = signToken({ sid: sessionId, sub: 'm9', name: 'Eve', role: 'moderator',
      iat: now, exp: now + 3600 }, 'not-the-secret')
    await expectRefusedSocket(sessionId, forged, 'TOKEN_INVALID')
  })

  it('closes a socket whose token claims were changed after signing with 4402', async () => {
    await expectRefusedSocket(sessionId, tampered(participantToken, { role: 'moderator' }),
      'TOKEN_INVALID')
  })

  it('closes a socket with an expired token with 4403', async () => {
    await expectRefusedSocket(sessionId, expiredToken(sessionId), 'TOKEN_EXPIRED')
  })

  it('closes a socket with an issued token once its lifetime has passed with 4403', async () => {
    const { status, body } = await api(server, 'POST', `/api/sessions/${sessionId}/tokens`,
      { body: { role: 'moderator', participantId: 'm-brief', name: 'Brief', ttlSeconds: 1 } })
    expect(status).toBe(201)
    expect(body.expiresAt).toBeLessThanOrEqual(Date.now() + 1000)
    const wait = Math.max(0, body.expiresAt - Date.now()) + 50
    await new Promise((resolve) => setTimeout(resolve, wait))
    await expectRefusedSocket(sessionId, body.token, 'TOKEN_EXPIRED')
  })

  it('closes an open socket with 4403 when its token runs out', async () => {
    const { body } = await api(server, 'POST', `/api/sessions/${sessionId}/tokens`,
      { body: { role: 'moderator', participantId: 'm-lease', name: 'Lease', ttlSeconds: 2 } })
    const client = rawConnect(server, sessionId, body.token)
    await client.opened
    const closed = await client.closed
    expect(closed.code).toBe(CATALOGUE.TOKEN_EXPIRED.closeCode)
    expect(Date.now()).toBeGreaterThanOrEqual(body.expiresAt - 50)
  })

  it('closes a socket with another session\'s token with 4404', async () => {
    await expectRefusedSocket(otherSessionId, moderatorToken, 'TOKEN_WRONG_SESSION')
  })

  it('closes a socket for an unknown session with 4410', async () => {
    await expectRefusedSocket('no-such-session', signedToken({ sid: 'no-such-session' }),
      'SESSION_NOT_FOUND')
  })

  it('closes a socket for a deleted session with 4410', async () => {
    const doomed = await createSession(server)
    const token = await issueToken(server, doomed, 'moderator', 'm1')
    expect((await api(server, 'DELETE', `/api/sessions/${doomed}`)).status).toBe(204)
    await expectRefusedSocket(doomed, token, 'SESSION_NOT_FOUND')
  })

  it('stops a stock provider for good with a refused token and leaves its copy empty',
    async () => {
      const client = pool.add(connect(server, sessionId, 'not-a-token'))
      const closedEvent = new Promise<{ code: number }>((resolve) =>
        client.provider.once('closed', (event: { code: number }) => resolve(event)))
      expect(await nextClose(client)).toBe(CATALOGUE.TOKEN_INVALID.closeCode)
      expect((await closedEvent).code).toBe(CATALOGUE.TOKEN_INVALID.closeCode)
      expect(FINAL_CLOSE_CODES.has(CATALOGUE.TOKEN_INVALID.closeCode)).toBe(true)
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(client.closes).toHaveLength(1)
      expect(client.provider.synced).toBe(false)
      expect(viewOf(client.doc).rooms).toEqual([])
    })

  it('admits the same session with its own valid token', async () => {
    const client = pool.add(rawConnect(server, sessionId, moderatorToken))
    await client.opened
    await eventually(() => client.received.length > 0, 'the server to send its state vector')
  })
})

describe('the HTTP API refuses a bad token with the catalogue status', () => {
  const view = () => `/api/sessions/${sessionId}`
  const commands = () => `/api/sessions/${sessionId}/commands`

  it('answers a view request without a token with 401 TOKEN_MISSING', async () => {
    expectError(await api(server, 'GET', view(), { auth: null }), 'TOKEN_MISSING')
  })

  it('answers a forged, tampered or garbage token with 401 TOKEN_INVALID', async () => {
    const now = Math.floor(Date.now() / 1000)
    const forged = signToken({ sid: sessionId, sub: 'm9', name: 'Eve', role: 'moderator',
      iat: now, exp: now + 3600 }, 'not-the-secret')
    for (const token of ['garbage', forged, tampered(participantToken, { role: 'moderator' })]) {
      expectError(await api(server, 'GET', view(), { auth: token }), 'TOKEN_INVALID')
      expectError(await sendCommand(server, sessionId, token, { type: 'start' }), 'TOKEN_INVALID')
    }
  })

  it('answers an expired token with 401 TOKEN_EXPIRED', async () => {
    expectError(await api(server, 'GET', view(), { auth: expiredToken(sessionId) }),
      'TOKEN_EXPIRED')
    expectError(await sendCommand(server, sessionId, expiredToken(sessionId), { type: 'start' }),
      'TOKEN_EXPIRED')
  })

  it('answers another session\'s token with 403 TOKEN_WRONG_SESSION', async () => {
    expectError(await api(server, 'GET', `/api/sessions/${otherSessionId}`,
      { auth: moderatorToken }), 'TOKEN_WRONG_SESSION')
    expectError(await sendCommand(server, otherSessionId, moderatorToken, { type: 'start' }),
      'TOKEN_WRONG_SESSION')
  })

  it('answers an unknown session with 404 SESSION_NOT_FOUND', async () => {
    expectError(await api(server, 'GET', '/api/sessions/no-such-session'), 'SESSION_NOT_FOUND')
    expectError(await api(server, 'GET', '/api/sessions/no-such-session',
      { auth: signedToken({ sid: 'no-such-session' }) }), 'SESSION_NOT_FOUND')
    expectError(await sendCommand(server, 'no-such-session',
      signedToken({ sid: 'no-such-session' }), { type: 'start' }), 'SESSION_NOT_FOUND')
  })

  it('answers a command without a token with 401, and with the admin key with 403', async () => {
    expectError(await api(server, 'POST', commands(), { auth: null, body: { type: 'start' } }),
      'TOKEN_MISSING')
    expectError(await api(server, 'POST', commands(), { body: { type: 'start' } }), 'FORBIDDEN')
  })

  it('answers a participant who sends start with 403 FORBIDDEN and starts nothing', async () => {
    const response = await sendCommand(server, sessionId, participantToken, { type: 'start' })
    expectError(response, 'FORBIDDEN')
    expect(response.body.error.message).toContain('participant')
    const { body } = await api(server, 'GET', view())
    expect(body.view.phase).toBe('setup')
  })

  it('answers admin routes called with a session token with 401 ADMIN_REQUIRED', async () => {
    expectError(await api(server, 'POST', '/api/sessions', { auth: moderatorToken, body: {} }),
      'ADMIN_REQUIRED')
    expectError(await api(server, 'POST', `/api/sessions/${sessionId}/tokens`, {
      auth: moderatorToken, body: { role: 'moderator', participantId: 'm7', name: 'Seven' },
    }), 'ADMIN_REQUIRED')
    expectError(await api(server, 'DELETE', view(), { auth: moderatorToken }), 'ADMIN_REQUIRED')
  })

  it('answers a view request with a valid token of the session', async () => {
    const response = await api(server, 'GET', view(), { auth: participantToken })
    expect(response.status).toBe(200)
    expect(response.body.view.rooms).toHaveLength(2)
  })
})
