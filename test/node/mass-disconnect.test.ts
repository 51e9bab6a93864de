/**
 * A thousand moderators of one session, each with presence (awareness)
 * state, drop at the same moment. The reference y-websocket server dies of
 * a stack overflow here (closing a connection broadcasts the removal to
 * sockets that are closing too); this server must stay up, tell whoever is
 * left, and keep serving.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { addRoom, viewOf } from '../../shared/index.js'
import { startServer, type ServerProcess } from './harness/server-process.js'
import {
  api,
  connect,
  createSession,
  eventually,
  issueToken,
  readView,
  signedToken,
  synced,
} from './harness/clients.js'
import {
  awarenessFrame,
  rawConnect,
  stepOneFrame,
  type RawClient,
} from './harness/raw-client.js'
import { ClientPool } from './harness/client-pool.js'
import { expectOk } from './results.js'

const CLIENTS = 1000
/** Connections opened at once; more would only queue in the listen backlog. */
const BATCH = 100

let server: ServerProcess
const pool = new ClientPool()
beforeAll(async () => {
  server = await startServer({ env: {
    MAX_CONNECTIONS_PER_SESSION: String(CLIENTS + 10),
    LOG_LEVEL: 'info',
  } })
})
afterEach(() => pool.closeAll())
afterAll(async () => { await server.stop() })

async function openModerators(sessionId: string): Promise<RawClient[]> {
  const clients: RawClient[] = []
  for (let start = 0; start < CLIENTS; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, CLIENTS - start) }, (_, offset) => {
      const index = start + offset
      const token = signedToken({ sid: sessionId, sub: `m${index}`, name: `Moderator ${index}` })
      return pool.add(rawConnect(server, sessionId, token))
    })
    await Promise.all(batch.map(async (client, offset) => {
      await client.opened
      client.send(stepOneFrame())
      client.send(awarenessFrame(10_000 + start + offset, { user: { name: 'Claimed' } }))
    }))
    clients.push(...batch)
  }
  return clients
}

describe('a thousand moderators leaving at once', () => {
  it('leaves the server up, the remaining moderator connected and the session usable',
    async () => {
      const id = await createSession(server)
      const watcherToken = await issueToken(server, id, 'moderator', 'watcher', 'Watcher')
      const watcher = pool.add(connect(server, id, watcherToken))
      await synced(watcher)
      watcher.provider.awareness.setLocalStateField('user', { name: 'Watcher' })

      const crowd = await openModerators(id)
      const presence = () => watcher.provider.awareness.getStates().size
      await eventually(() => presence() === CLIENTS + 1,
        'everyone\'s presence to reach the watcher', 60_000)
      await eventually(async () => (await readView(server, id)).view.roster
        .filter(({ online }) => online).length === CLIENTS + 1, 'everyone to be online', 30_000)

      for (const client of crowd) client.terminate()

      await eventually(() => presence() === 1, 'the crowd\'s presence to be removed', 30_000)
      await eventually(async () => (await readView(server, id)).view.roster
        .filter(({ online }) => online).length === 1, 'only the watcher to be online', 30_000)
      expect(server.child.exitCode).toBe(null)
      expect((await api(server, 'GET', '/healthz', { auth: null })).status).toBe(200)
      expect(watcher.closes).toEqual([])
      expect(server.logs.filter((entry) => entry.level === 'error')).toEqual([])

      const newcomer = pool.add(connect(server, id,
        await issueToken(server, id, 'moderator', 'newcomer')))
      await synced(newcomer)
      expectOk(addRoom(newcomer.doc, 'After the crowd'))
      await eventually(() => viewOf(watcher.doc).rooms.some(({ name }) =>
        name === 'After the crowd'), 'a new edit to reach the watcher')
    }, 120_000)
})
