/**
 * A session stays in memory only while someone uses it: it is unloaded a
 * quiet spell (IDLE_UNLOAD_MS) after its last connection or request, and
 * loads again, whole, when it is next used.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { addRoom, createRooms, viewOf } from '../../shared/index.js'
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

const IDLE_UNLOAD_MS = 300

let server: ServerProcess
const pool = new ClientPool()
beforeAll(async () => {
  server = await startServer({ env: { IDLE_UNLOAD_MS: String(IDLE_UNLOAD_MS) } })
})
afterEach(() => pool.closeAll())
afterAll(async () => { await server.stop() })

async function loadedCount(): Promise<number> {
  return (await api(server, 'GET', '/healthz', { auth: null })).body.sessionsLoaded as number
}

const quietSpell = () => new Promise((resolve) => setTimeout(resolve, IDLE_UNLOAD_MS * 3))

describe('idle sessions', () => {
  it('unloads a session once its last client left, and loads it whole again', async () => {
    const id = await createSession(server)
    const token = await issueToken(server, id, 'moderator', 'm1')
    const alice = pool.add(connect(server, id, token))
    await synced(alice)
    expectOk(createRooms(alice.doc, 2))
    await quietSpell()
    expect(await loadedCount()).toBe(1)

    alice.destroy()
    await eventually(async () => await loadedCount() === 0, 'the session to be unloaded')

    const bob = pool.add(connect(server, id, await issueToken(server, id, 'moderator', 'm2')))
    await synced(bob)
    expect(viewOf(bob.doc).rooms).toHaveLength(2)
    expectOk(addRoom(bob.doc, 'After reloading'))
    await eventually(async () => (await readView(server, id)).view.rooms.length === 3,
      'the edit to reach the server')
  })

  it('unloads a session that was loaded only to answer requests', async () => {
    const id = await createSession(server)
    const token = await issueToken(server, id, 'participant', 'p1', 'Pat')
    await eventually(async () => await loadedCount() === 0, 'the new session to be unloaded')

    for (const request of [
      () => api(server, 'GET', `/api/sessions/${id}`),
      () => api(server, 'POST', `/api/sessions/${id}/tokens`,
        { body: { role: 'participant', participantId: 'p2', name: 'Pia' } }),
      () => sendCommand(server, id, token, { type: 'choose-room', roomId: null }),
    ]) {
      expect((await request()).status).toBeLessThan(300)
      expect(await loadedCount()).toBe(1)
      await eventually(async () => await loadedCount() === 0,
        'the session to be unloaded after the request', IDLE_UNLOAD_MS * 10)
    }
  })
})
