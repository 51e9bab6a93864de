/**
 * Each limit closes the one connection that tripped it, with its own close
 * code, and every other client of the same session carries on syncing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  CATALOGUE,
  addRoom,
  assignmentsOf,
  viewOf,
} from '../../shared/index.js'
import { startServer, type ServerProcess } from './harness/server-process.js'
import {
  connect,
  createSession,
  eventually,
  issueToken,
  nextClose,
  readView,
  synced,
  type Client,
} from './harness/clients.js'
import { rawConnect, stepOneFrame, updateFrame } from './harness/raw-client.js'
import { ClientPool } from './harness/client-pool.js'
import { expectOk } from './results.js'

const MAX_FRAME_BYTES = 64 * 1024
const MAX_DOCUMENT_BYTES = 32 * 1024
const MAX_UPDATES_PER_SECOND = 30
const MAX_CONNECTIONS_PER_SESSION = 4

let server: ServerProcess
const pool = new ClientPool()
beforeAll(async () => {
  server = await startServer({ env: {
    MAX_FRAME_BYTES: String(MAX_FRAME_BYTES),
    MAX_DOCUMENT_BYTES: String(MAX_DOCUMENT_BYTES),
    MAX_UPDATES_PER_SECOND: String(MAX_UPDATES_PER_SECOND),
    MAX_CONNECTIONS_PER_SESSION: String(MAX_CONNECTIONS_PER_SESSION),
  } })
})
afterEach(() => pool.closeAll())
afterAll(async () => { await server.stop() })

async function moderator(id: string, person: string): Promise<Client> {
  const client = pool.add(connect(server, id, await issueToken(server, id, 'moderator', person)))
  await synced(client)
  return client
}

/** A session with two stock moderators who must keep syncing whatever happens. */
async function session() {
  const id = await createSession(server)
  const [alice, bob] = await Promise.all([moderator(id, 'm1'), moderator(id, 'm2')])
  return { id, alice, bob }
}

let edits = 0
async function expectStillSyncing(from: Client, to: Client): Promise<void> {
  const name = `Still syncing ${++edits}`
  expectOk(addRoom(from.doc, name))
  await eventually(() => viewOf(to.doc).rooms.some((room) => room.name === name),
    `${name} to arrive`)
  expect(from.closes).toEqual([])
  expect(to.closes).toEqual([])
}

async function rawModerator(id: string, person: string) {
  const client = pool.add(rawConnect(server, id, await issueToken(server, id, 'moderator', person)))
  await client.opened
  return client
}

describe('limits', () => {
  it('closes a connection that sends a frame over maxFrameBytes with 4413', async () => {
    const { id, alice, bob } = await session()
    const offender = await rawModerator(id, 'm3')
    offender.send(updateFrame(new Uint8Array(MAX_FRAME_BYTES + 1000)))

    const closed = await offender.closed
    expect(closed.code).toBe(CATALOGUE.FRAME_TOO_LARGE.closeCode)
    expect(closed.reason).toContain('maxFrameBytes')
    await expectStillSyncing(alice, bob)
    await expectStillSyncing(bob, alice)
  })

  it('counts and logs a connection refused once, however many frames were in flight',
    async () => {
      const { id } = await session()
      const refusals = async () => {
        const text = await (await fetch(`${server.url}/metrics`)).text()
        const series = 'breakout_connections_refused_total{code="FRAME_TOO_LARGE"}'
        const line = text.split('\n').find((entry) => entry.startsWith(series))
        return Number(line?.split(' ')[1] ?? 0)
      }
      const before = await refusals()
      const offender = await rawModerator(id, 'm3')
      for (let i = 0; i < 3; i++) offender.send(updateFrame(new Uint8Array(MAX_FRAME_BYTES + 1)))

      expect((await offender.closed).code).toBe(CATALOGUE.FRAME_TOO_LARGE.closeCode)
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect(await refusals()).toBe(before + 1)
      expect(server.logs.filter((entry) => entry.msg === 'connection refused' &&
        entry.session === id && entry.person === 'm3')).toHaveLength(1)
    })

  it('stops reading a frame far over the limit and closes with 1009', async () => {
    const { id, alice, bob } = await session()
    const offender = await rawModerator(id, 'm3')
    offender.send(new Uint8Array(MAX_FRAME_BYTES * 8))

    expect((await offender.closed).code).toBe(1009)
    await expectStillSyncing(alice, bob)
  })

  it('closes a connection that sends more than maxUpdatesPerSecond messages with 4529',
    async () => {
      const { id, alice, bob } = await session()
      const offender = await rawModerator(id, 'm3')
      for (let i = 0; i < MAX_UPDATES_PER_SECOND * 3; i++) offender.send(stepOneFrame())

      const closed = await offender.closed
      expect(closed.code).toBe(CATALOGUE.RATE_LIMITED.closeCode)
      expect(closed.reason).toContain('maxUpdatesPerSecond')
      await expectStillSyncing(alice, bob)
    })

  it('lets a client send maxUpdatesPerSecond messages a second for several seconds', async () => {
    const { id } = await session()
    const steady = await rawModerator(id, 'm3')
    const perTick = MAX_UPDATES_PER_SECOND / 10
    for (let tick = 0; tick < 14; tick++) {
      for (let i = 0; i < perTick; i++) steady.send(stepOneFrame())
      await new Promise((resolve) => setTimeout(resolve, 110))
    }
    expect(steady.receivedBeforeClose()).toBe(null)
    expect(steady.socket.readyState).toBe(steady.socket.OPEN)
  })

  it('refuses a connection past maxConnectionsPerSession with 4503', async () => {
    const { id, alice, bob } = await session()
    const third = await moderator(id, 'm3')
    const fourth = await moderator(id, 'm4')
    const fifth = pool.add(rawConnect(server, id, await issueToken(server, id, 'moderator', 'm5')))

    const closed = await fifth.closed
    expect(closed.code).toBe(CATALOGUE.TOO_MANY_CONNECTIONS.closeCode)
    expect(closed.reason).toContain('maxConnectionsPerSession')
    expect(fifth.receivedBeforeClose()).toBe(0)
    await expectStillSyncing(alice, fourth)
    await expectStillSyncing(third, bob)

    // Another session is counted on its own.
    const other = await createSession(server)
    await moderator(other, 'm1')

    fourth.destroy()
    await eventually(async () => (await readView(server, id)).view.roster
      .find(({ id: person }) => person === 'm4')?.online === false, 'the fourth to leave')
    const again = await moderator(id, 'm5')
    await expectStillSyncing(again, alice)
  })

  it('closes a connection whose update would grow the document past maxDocumentBytes with 4414',
    async () => {
      const { id, alice, bob } = await session()
      const closed = nextClose(alice)
      alice.doc.transact(() => {
        for (let i = 0; i < 200; i++) {
          assignmentsOf(alice.doc).set(`participant-${i}-${'x'.repeat(100)}`, `${'r'.repeat(100)}`)
        }
      })

      expect(await closed).toBe(CATALOGUE.DOCUMENT_TOO_LARGE.closeCode)
      const carol = await moderator(id, 'm3')
      await expectStillSyncing(bob, carol)
      expect(Object.keys((await readView(server, id)).view.participants)).toEqual([])
      expect(viewOf(carol.doc).rooms).toHaveLength(1)
      expect(assignmentsOf(carol.doc).size).toBe(0)
    })
})
