/**
 * The HTTP API as a host platform uses it: sessions, tokens, the view,
 * commands, deletion, health and metrics, and errors that name what was
 * wrong with the status from the catalogue.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { CATALOGUE, createRooms, type ErrorCode } from '../../shared/index.js'
import { startServer, type ServerProcess } from './harness/server-process.js'
import {
  api,
  connect,
  createSession,
  eventually,
  issueToken,
  readView,
  sendCommand,
  synced,
} from './harness/clients.js'
import { ClientPool } from './harness/client-pool.js'
import { expectOk } from './results.js'

let server: ServerProcess
const pool = new ClientPool()
beforeAll(async () => { server = await startServer() })
afterEach(() => pool.closeAll())
afterAll(async () => { await server.stop() })

/** A request with a body sent as given, not as JSON. */
async function rawRequest(method: string, path: string, body: string) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${server.adminKey}`, 'content-type': 'application/json' },
    body,
  })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : null }
}

function expectError(response: { status: number; body: any }, code: ErrorCode, field?: string) {
  expect(response.status).toBe(CATALOGUE[code].status)
  expect(response.body.error).toMatchObject({ code, message: expect.any(String) })
  if (field !== undefined) expect(response.body.error.field).toBe(field)
}

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text()
  const line = text.split('\n').find((entry) => entry.startsWith(`${name} `))
  return Number(line?.split(' ')[1])
}

describe('sessions and tokens', () => {
  it('creates a session with 201 and its id, with the default or the given maxRooms', async () => {
    const plain = await api(server, 'POST', '/api/sessions', { body: {} })
    expect(plain.status).toBe(201)
    expect(plain.body).toEqual({ id: expect.stringMatching(/^[0-9a-z]{16}$/) })
    const small = await api(server, 'POST', '/api/sessions', { body: { maxRooms: 7 } })
    expect(small.status).toBe(201)
    expect(small.body.id).not.toBe(plain.body.id)

    expect((await readView(server, plain.body.id)).view.settings.maxRooms).toBe(15)
    expect((await readView(server, small.body.id)).view.settings.maxRooms).toBe(7)
  })

  it('refuses a maxRooms out of range with 400 naming the field', async () => {
    for (const maxRooms of [0, 101, 2.5, 'ten']) {
      const response = await api(server, 'POST', '/api/sessions', { body: { maxRooms } })
      expectError(response, 'INVALID_ARGUMENT', 'maxRooms')
      expect(response.body.error.message).toContain('maxRooms')
    }
  })

  it('issues a token with 201, its expiry, and claims naming the person', async () => {
    const id = await createSession(server)
    const before = Date.now()
    const { status, body } = await api(server, 'POST', `/api/sessions/${id}/tokens`,
      { body: { role: 'moderator', participantId: 'm1', name: '  Mo  ', ttlSeconds: 600 } })

    expect(status).toBe(201)
    expect(body.expiresAt).toBeGreaterThan(before + 598_000)
    expect(body.expiresAt).toBeLessThanOrEqual(Date.now() + 600_000)
    const claims = JSON.parse(Buffer.from(body.token.split('.')[0], 'base64url').toString())
    expect(claims).toMatchObject({ sid: id, sub: 'm1', name: 'Mo', role: 'moderator' })
  })

  it('refuses a token request with a bad role, id, name or lifetime with 400', async () => {
    const id = await createSession(server)
    const good = { role: 'participant', participantId: 'p1', name: 'Pat' }
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, role: 'admin' }, 'role'],
      [{ ...good, participantId: '' }, 'participantId'],
      [{ ...good, participantId: 'x'.repeat(129) }, 'participantId'],
      [{ ...good, name: ' ' }, 'name'],
      [{ ...good, ttlSeconds: 0 }, 'ttlSeconds'],
    ]
    for (const [body, field] of cases) {
      expectError(await api(server, 'POST', `/api/sessions/${id}/tokens`, { body }),
        'INVALID_ARGUMENT', field)
    }
    expect((await readView(server, id)).view.roster).toEqual([])
  })

  it('puts a participant on the roster when their token is issued, online only while connected',
    async () => {
      const id = await createSession(server)
      const token = await issueToken(server, id, 'participant', 'p1', 'Pat')
      const person = async () =>
        (await readView(server, id)).view.roster.find(({ id: who }) => who === 'p1')

      expect(await person()).toEqual({ id: 'p1', name: 'Pat', role: 'participant', online: false })
      expect((await readView(server, id)).view.participants.p1).toMatchObject({ online: false })
      const client = pool.add(connect(server, id, token))
      await synced(client)
      await eventually(async () => (await person())?.online === true, 'p1 to be online')
      client.destroy()
      await eventually(async () => (await person())?.online === false, 'p1 to be offline')
    })

  it('shows a moderator on the roster while connected', async () => {
    const id = await createSession(server)
    const client = pool.add(connect(server, id, await issueToken(server, id, 'moderator', 'm1',
      'Mo')))
    await synced(client)
    await eventually(async () => (await readView(server, id)).view.roster.some((person) =>
      person.id === 'm1' && person.role === 'moderator' && person.online), 'the moderator online')
  })
})

describe('the view, commands and deletion', () => {
  it('answers the view to the admin key and to a session token, with the server time',
    async () => {
      const id = await createSession(server)
      const token = await issueToken(server, id, 'participant', 'p1', 'Pat')
      for (const auth of [server.adminKey, token]) {
        const before = Date.now()
        const { status, body } = await api(server, 'GET', `/api/sessions/${id}`, { auth })
        expect(status).toBe(200)
        expect(body.serverTime).toBeGreaterThanOrEqual(before - 1000)
        expect(body.serverTime).toBeLessThanOrEqual(Date.now() + 1000)
        expect(body.view).toMatchObject({ phase: 'setup', rooms: [], now: body.serverTime })
        expect(body.view.participants.p1).toMatchObject({ name: 'Pat', roomId: null })
      }
    })

  it('answers a command with the view it produced', async () => {
    const id = await createSession(server)
    const token = await issueToken(server, id, 'moderator', 'm1')
    const client = pool.add(connect(server, id, token))
    await synced(client)
    expectOk(createRooms(client.doc, 2))
    await eventually(async () => (await readView(server, id)).view.rooms.length === 2,
      'the rooms to reach the server')

    const { status, body } = await sendCommand(server, id, token, { type: 'start' })
    expect(status).toBe(200)
    expect(body.view.phase).toBe('running')
    expect(body.view.round).toBe(1)
    expect(body.view.startedAt).toBeLessThanOrEqual(body.serverTime)
    expect(typeof body.serverTime).toBe('number')
  })

  it('deletes a session with 204 and no body', async () => {
    const id = await createSession(server)
    const response = await fetch(`${server.url}/api/sessions/${id}`, {
      method: 'DELETE', headers: { authorization: `Bearer ${server.adminKey}` },
    })
    expect(response.status).toBe(204)
    expect(await response.text()).toBe('')
    expect((await api(server, 'GET', `/api/sessions/${id}`)).status).toBe(404)
  })
})

describe('health, metrics and errors', () => {
  it('answers /healthz with 200', async () => {
    const { status, body } = await api(server, 'GET', '/healthz', { auth: null })
    expect(status).toBe(200)
    expect(body.status).toBe('ok')
  })

  it('exposes metrics in the Prometheus text format, counting open connections', async () => {
    const response = await fetch(`${server.url}/metrics`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/plain')
    const text = await response.text()
    expect(text).toContain('# TYPE breakout_connections_open gauge')
    expect(text).toMatch(/^breakout_connections_open \d+$/m)
    for (const line of text.trim().split('\n')) {
      expect(line).toMatch(/^(# (HELP|TYPE) \w+ .+|\w+(\{[^}]*\})? -?\d+(\.\d+)?)$/)
    }

    // Earlier tests' clients are closed; wait until the server counted them out.
    await eventually(async () => await metric('breakout_connections_open') === 0,
      'no connection to be open')
    const open = 0
    const id = await createSession(server)
    const client = pool.add(connect(server, id, await issueToken(server, id, 'moderator', 'm1')))
    await synced(client)
    expect(await metric('breakout_connections_open')).toBe(open + 1)
    client.destroy()
    await eventually(async () => await metric('breakout_connections_open') === open,
      'the connection to be counted out')
  })

  it('answers a body that is not JSON with 400 MALFORMED_MESSAGE', async () => {
    expectError(await rawRequest('POST', '/api/sessions', '{"maxRooms": 3'), 'MALFORMED_MESSAGE')
  })

  it('answers a JSON body that is not an object with 400 INVALID_ARGUMENT', async () => {
    expectError(await rawRequest('POST', '/api/sessions', '[3]'), 'INVALID_ARGUMENT', 'body')
  })

  it('answers a body over maxBodyBytes with 413 BODY_TOO_LARGE', async () => {
    const id = await createSession(server)
    const huge = JSON.stringify({ role: 'moderator', participantId: 'm1', name: 'x',
      padding: 'y'.repeat(200 * 1024) })
    expectError(await rawRequest('POST', `/api/sessions/${id}/tokens`, huge), 'BODY_TOO_LARGE')
    // The unread rest of the body must not poison a kept-alive connection.
    for (let i = 0; i < 5; i++) expect((await api(server, 'GET', '/healthz')).status).toBe(200)
  })

  it('answers an unknown route with 404 NOT_FOUND', async () => {
    expectError(await api(server, 'GET', '/api/nothing-here'), 'NOT_FOUND')
    expectError(await api(server, 'PUT', '/api/sessions'), 'NOT_FOUND')
  })

  it('answers a session id that is not valid percent-encoding with 404, not 500', async () => {
    expectError(await api(server, 'GET', '/api/sessions/%E0%A4%A'), 'NOT_FOUND')
    expect(server.logs.some((entry) => entry.msg === 'request failed')).toBe(false)
  })

  it('allows cross-origin calls with bearer tokens', async () => {
    const response = await fetch(`${server.url}/api/sessions`, { method: 'OPTIONS' })
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization')
  })
})
