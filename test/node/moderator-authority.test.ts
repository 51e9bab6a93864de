/**
 * Moderators write the plan and nothing else. An update that writes
 * server-owned state or a value the plan cannot hold is refused whole, with
 * the resync close code, and nobody else ever sees it. Presence (awareness)
 * is relayed between moderators only, with the identity from their token.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  RESYNC_CLOSE_CODE,
  addRoom,
  createRooms,
  lifecycleOf,
  roomsOf,
  rosterOf,
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
import {
  STEP_TWO_PREFIX,
  awarenessFrame,
  rawConnect,
  stepOneFrame,
} from './harness/raw-client.js'
import { ClientPool } from './harness/client-pool.js'
import { expectOk } from './results.js'

let server: ServerProcess
const pool = new ClientPool()
beforeAll(async () => { server = await startServer() })
afterEach(() => pool.closeAll())
afterAll(async () => { await server.stop() })

async function moderator(id: string, person: string, name: string, doc?: Y.Doc) {
  const token = await issueToken(server, id, 'moderator', person, name)
  const client = pool.add(connect(server, id, token, { doc }))
  await synced(client)
  return { client, token }
}

/** A session with one room and two moderators, alice (m1) and bob (m2). */
async function session() {
  const id = await createSession(server)
  await issueToken(server, id, 'participant', 'p1', 'Pat')
  const alice = await moderator(id, 'm1', 'Alice')
  const bob = await moderator(id, 'm2', 'Bob')
  expectOk(createRooms(alice.client.doc, 1))
  await eventually(() => viewOf(bob.client.doc).rooms.length === 1, 'the room to reach bob')
  return { id, alice, bob }
}

/** Makes an edit every client must receive and waits until `clients` have it. */
async function barrier(writer: Client, clients: Client[], name: string): Promise<void> {
  expectOk(addRoom(writer.doc, name))
  await eventually(() => clients.every((client) =>
    viewOf(client.doc).rooms.some((room) => room.name === name)), `room ${name} everywhere`)
}

describe('a moderator\'s update that writes what only the server writes', () => {
  const forbidden: [string, (doc: Y.Doc) => void, string][] = [
    ['the roster', (doc) => rosterOf(doc).set('p1', { name: 'Pat', role: 'moderator',
      online: true }), 'SERVER_OWNED_STATE'],
    ['the lifecycle', (doc) => lifecycleOf(doc).set('phase', 'running'), 'SERVER_OWNED_STATE'],
    ['a room name past the limit', (doc) => roomsOf(doc).set('long', { name: 'x'.repeat(65),
      position: 9 }), 'INVALID_UPDATE'],
  ]

  for (const [what, write, code] of forbidden) {
    it(`is refused with ${RESYNC_CLOSE_CODE} and not applied when it writes ${what}`, async () => {
      const { id, alice, bob } = await session()
      const closed = nextClose(alice.client)
      write(alice.client.doc)

      expect(await closed).toBe(RESYNC_CLOSE_CODE)
      await server.logged((entry) => entry.msg === 'connection refused' && entry.session === id &&
        entry.code === code)
      const carol = await moderator(id, 'm3', 'Carol')
      await barrier(bob.client, [bob.client, carol.client], 'After')
      for (const client of [bob.client, carol.client]) {
        const view = viewOf(client.doc)
        expect(view.phase).toBe('setup')
        expect(view.roster.find(({ id }) => id === 'p1')?.role).toBe('participant')
        expect(view.rooms.map(({ name }) => name)).toEqual(['Room 1', 'After'])
      }
      const { view } = await readView(server, id)
      expect(view.phase).toBe('setup')
      expect(view.rooms).toHaveLength(2)
      expect(bob.client.closes).toEqual([])
    })
  }

  it('leaves the moderator free to edit the plan after resyncing with a fresh copy', async () => {
    const { id, alice, bob } = await session()
    const closed = nextClose(alice.client)
    rosterOf(alice.client.doc).set('p1', { name: 'Pat', role: 'moderator', online: true })
    expect(await closed).toBe(RESYNC_CLOSE_CODE)

    // The old copy still holds the refused update: it is refused again.
    const stale = pool.add(connect(server, id, alice.token, { doc: alice.client.doc }))
    expect(await nextClose(stale)).toBe(RESYNC_CLOSE_CODE)
    alice.client.provider.destroy()
    stale.provider.destroy()

    const fresh = pool.add(connect(server, id, alice.token))
    await synced(fresh)
    await barrier(fresh, [fresh, bob.client], 'Valid again')
    expect(fresh.closes).toEqual([])
    expect((await readView(server, id)).view.rooms.map(({ name }) => name))
      .toContain('Valid again')
  })
})

describe('presence between moderators', () => {
  it('shows other moderators the name from the token, not the one the client claims',
    async () => {
      const { alice, bob } = await session()
      alice.client.provider.awareness.setLocalState({
        user: { id: 'someone-else', name: 'Mallory', role: 'participant', color: '#ff8800' },
        dragging: 'p1',
        injected: '<script>',
      })

      const aliceId = alice.client.doc.clientID
      await eventually(() => bob.client.provider.awareness.getStates().has(aliceId),
        'bob to see alice\'s presence')
      expect(bob.client.provider.awareness.getStates().get(aliceId)).toEqual({
        user: { id: 'm1', name: 'Alice', role: 'moderator', color: '#ff8800' },
        dragging: 'p1',
      })
    })

  it('does not relay a participant\'s presence, nor send moderators\' presence to them',
    async () => {
      const { id, alice, bob } = await session()
      const token = await issueToken(server, id, 'participant', 'p1', 'Pat')
      const participant = pool.add(rawConnect(server, id, token))
      await participant.opened
      participant.send(awarenessFrame(424242, { user: { name: 'Pat' } }))
      const answered = participant.next(STEP_TWO_PREFIX)
      participant.send(stepOneFrame())
      expect(await answered).not.toBeNull()

      alice.client.provider.awareness.setLocalStateField('user', { name: 'Alice' })
      await eventually(() => bob.client.provider.awareness.getStates()
        .has(alice.client.doc.clientID), 'bob to see alice\'s presence')
      expect(bob.client.provider.awareness.getStates().has(424242)).toBe(false)
      expect(alice.client.provider.awareness.getStates().has(424242)).toBe(false)
      expect(participant.received.filter((message) => message[0] === 1)).toEqual([])
    })

  it('keeps a stock moderator connected who joins twenty others and echoes their presence',
    async () => {
      // The stock provider sends back every awareness change it receives,
      // so the presence of everyone already here comes straight back.
      const id = await createSession(server)
      const crowd = await Promise.all(Array.from({ length: 20 }, async (_, index) => {
        const token = await issueToken(server, id, 'moderator', `m${index}`)
        const client = pool.add(rawConnect(server, id, token))
        await client.opened
        client.send(awarenessFrame(5000 + index, { user: { name: `M${index}` } }))
        return client
      }))
      const late = await moderator(id, 'late', 'Late')
      await eventually(() => late.client.provider.awareness.getStates().size === 21,
        'the late moderator to see everyone')
      late.client.provider.awareness.setLocalStateField('user', { name: 'Late' })

      const lateId = late.client.doc.clientID
      const other = await moderator(id, 'other', 'Other')
      await eventually(() => other.client.provider.awareness.getStates().has(lateId),
        'the late moderator\'s own presence to be relayed')
      expect(late.client.closes).toEqual([])
      expect(crowd.every((client) => client.receivedBeforeClose() === null)).toBe(true)
    })

  it('does not let one connection announce presence for more than a few clients', async () => {
    const { id, bob } = await session()
    const token = await issueToken(server, id, 'moderator', 'm9', 'Mallory')
    const mallory = pool.add(rawConnect(server, id, token))
    await mallory.opened
    // Forty messages: under maxUpdatesPerSecond, so only the awareness rule applies.
    for (let index = 0; index < 40; index++) {
      mallory.send(awarenessFrame(9000 + index, { user: { name: 'Sybil' } }))
    }
    await eventually(() => bob.client.provider.awareness.getStates().has(9000),
      'the first of mallory\'s clients to be relayed')
    await new Promise((resolve) => setTimeout(resolve, 200))
    const sybils = [...bob.client.provider.awareness.getStates().keys()]
      .filter((clientId) => clientId >= 9000 && clientId < 9040)
    expect(sybils.length).toBeGreaterThan(0)
    expect(sybils.length).toBeLessThanOrEqual(16)
    expect(mallory.receivedBeforeClose()).toBe(null)
  })

  it('does not let a moderator remove or overwrite another moderator\'s presence', async () => {
    const { id, alice, bob } = await session()
    alice.client.provider.awareness.setLocalStateField('user', { name: 'Alice' })
    const aliceId = alice.client.doc.clientID
    await eventually(() => bob.client.provider.awareness.getStates().has(aliceId),
      'bob to see alice\'s presence')

    const token = await issueToken(server, id, 'moderator', 'm9', 'Mallory')
    const mallory = pool.add(rawConnect(server, id, token))
    await mallory.opened
    mallory.send(awarenessFrame(aliceId, null, 1000))
    mallory.send(awarenessFrame(aliceId, { user: { name: 'Not Alice' } }, 1001))
    mallory.send(awarenessFrame(777, { user: { name: 'Mallory' } }))
    await eventually(() => bob.client.provider.awareness.getStates().has(777),
      'bob to see mallory\'s own presence')
    expect(bob.client.provider.awareness.getStates().get(aliceId)).toMatchObject({
      user: { id: 'm1', name: 'Alice' },
    })
  })
})
