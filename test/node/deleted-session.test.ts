/**
 * A deleted session is gone for good: its clients are closed, and a client
 * that still holds a copy of it can neither reopen it nor plant it in
 * another session. Other sessions do not notice.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import * as Y from 'yjs'
import { CATALOGUE, addRoom, createRooms, viewOf } from '../../shared/index.js'
import { startServer, type ServerProcess } from './harness/server-process.js'
import {
  api,
  connect,
  createSession,
  eventually,
  issueToken,
  nextClose,
  readView,
  sendCommand,
  synced,
  type Client,
} from './harness/clients.js'
import { rawConnect, stepTwoFrame } from './harness/raw-client.js'
import { ClientPool } from './harness/client-pool.js'
import { expectOk } from './results.js'

const GONE = CATALOGUE.SESSION_NOT_FOUND.closeCode

let server: ServerProcess
let dataDir: string
const pool = new ClientPool()
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'breakout-deleted-'))
  server = await startServer({ dataDir })
})
afterEach(() => pool.closeAll())
afterAll(async () => {
  await server.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

async function moderator(id: string, person: string, doc?: Y.Doc) {
  const token = await issueToken(server, id, 'moderator', person)
  const client = pool.add(connect(server, id, token, { doc }))
  await synced(client)
  return { client, token }
}

/** A session with three rooms whose moderator stays connected. */
async function sessionWithRooms() {
  const id = await createSession(server)
  const alice = await moderator(id, 'm1')
  expectOk(createRooms(alice.client.doc, 3))
  await eventually(async () => (await readView(server, id)).view.rooms.length === 3,
    'the rooms to reach the server')
  return { id, alice }
}

async function expectSyncing(a: Client, b: Client, name: string): Promise<void> {
  expectOk(addRoom(a.doc, name))
  await eventually(() => viewOf(b.doc).rooms.some((room) => room.name === name),
    `${name} to arrive`)
}

describe('a deleted session', () => {
  it('closes its connected clients with 4410 and answers 404 afterwards', async () => {
    const { id, alice } = await sessionWithRooms()
    const participantToken = await issueToken(server, id, 'participant', 'p1')
    const participant = pool.add(rawConnect(server, id, participantToken))
    await participant.opened
    const closed = nextClose(alice.client)

    expect((await api(server, 'DELETE', `/api/sessions/${id}`)).status).toBe(204)

    expect(await closed).toBe(CATALOGUE.SESSION_DELETED.closeCode)
    expect((await participant.closed).code).toBe(CATALOGUE.SESSION_DELETED.closeCode)
    const notFound = (response: { status: number; body: any }) => {
      expect(response.status).toBe(404)
      expect(response.body.error.code).toBe('SESSION_NOT_FOUND')
    }
    notFound(await api(server, 'GET', `/api/sessions/${id}`))
    notFound(await api(server, 'GET', `/api/sessions/${id}`, { auth: alice.token }))
    notFound(await api(server, 'DELETE', `/api/sessions/${id}`))
    notFound(await api(server, 'POST', `/api/sessions/${id}/tokens`,
      { body: { role: 'moderator', participantId: 'm2', name: 'Two' } }))
    notFound(await sendCommand(server, id, alice.token, { type: 'start' }))
  })

  it('refuses a moderator who reconnects with the old copy, before sending a byte', async () => {
    const { id, alice } = await sessionWithRooms()
    const oldCopy = alice.client.doc
    alice.client.provider.destroy()
    expect((await api(server, 'DELETE', `/api/sessions/${id}`)).status).toBe(204)

    const again = pool.add(connect(server, id, alice.token, { doc: oldCopy }))
    expect(await nextClose(again)).toBe(GONE)
    const raw = pool.add(rawConnect(server, id, alice.token))
    expect((await raw.closed).code).toBe(GONE)
    expect(raw.received).toEqual([])

    expect((await api(server, 'GET', `/api/sessions/${id}`)).status).toBe(404)
    expect(viewOf(oldCopy).rooms).toHaveLength(3)
  })

  it('stays deleted after the server restarts', async () => {
    const { id, alice } = await sessionWithRooms()
    alice.client.provider.destroy()
    expect((await api(server, 'DELETE', `/api/sessions/${id}`)).status).toBe(204)

    await server.stop('SIGTERM')
    server = await startServer({ dataDir })

    expect((await api(server, 'GET', `/api/sessions/${id}`)).status).toBe(404)
    const again = pool.add(connect(server, id, alice.token, { doc: alice.client.doc }))
    expect(await nextClose(again)).toBe(GONE)
  })

  it('cannot be planted into a new session by a client holding the old copy', async () => {
    const { id, alice } = await sessionWithRooms()
    const oldCopy = alice.client.doc
    alice.client.provider.destroy()
    expect((await api(server, 'DELETE', `/api/sessions/${id}`)).status).toBe(204)

    const fresh = await createSession(server)
    const bob = await moderator(fresh, 'm2')
    const token = await issueToken(server, fresh, 'moderator', 'm1')
    const planter = pool.add(rawConnect(server, fresh, token))
    await planter.opened
    planter.send(stepTwoFrame(Y.encodeStateAsUpdate(oldCopy)))

    expect((await planter.closed).code).toBe(CATALOGUE.SERVER_OWNED_STATE.closeCode)
    const carol = await moderator(fresh, 'm3')
    await expectSyncing(bob.client, carol.client, 'Only room')
    expect(viewOf(carol.client.doc).rooms.map(({ name }) => name)).toEqual(['Only room'])
    expect((await readView(server, fresh)).view.rooms).toHaveLength(1)
  })

  it('goes unnoticed by another session\'s clients', async () => {
    const other = await createSession(server)
    const [bob, carol] = [await moderator(other, 'm2'), await moderator(other, 'm3')]
    const { id } = await sessionWithRooms()

    expect((await api(server, 'DELETE', `/api/sessions/${id}`)).status).toBe(204)

    await expectSyncing(bob.client, carol.client, 'Still here')
    expect(bob.client.closes).toEqual([])
    expect(carol.client.closes).toEqual([])
    expect((await readView(server, other)).view.rooms.map(({ name }) => name))
      .toEqual(['Still here'])
  })
})
