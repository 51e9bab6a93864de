/**
 * Moderators editing one session through the real server with stock
 * providers: every client ends with the same session, whoever edited it,
 * whenever they were connected.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addRoom,
  assign,
  createRooms,
  renameRoom,
  setPermission,
  setTimeLimit,
  viewOf,
} from '../../shared/index.js'
import { startServer, type ServerProcess } from './harness/server-process.js'
import {
  connect,
  createSession,
  eventually,
  issueToken,
  readView,
  synced,
  type Client,
} from './harness/clients.js'
import { ClientPool } from './harness/client-pool.js'
import { expectOk } from './results.js'

let server: ServerProcess
const pool = new ClientPool()
beforeAll(async () => { server = await startServer() })
afterEach(() => pool.closeAll())
afterAll(async () => { await server.stop() })

async function moderator(id: string, person: string, doc?: Y.Doc): Promise<Client> {
  const token = await issueToken(server, id, 'moderator', person, person.toUpperCase())
  const client = pool.add(connect(server, id, token, { doc }))
  await synced(client)
  return client
}

function sameBytes(a: Y.Doc, b: Y.Doc): boolean {
  return Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b)))
}

function roomNames(client: Client): string[] {
  return viewOf(client.doc).rooms.map(({ name }) => name)
}

describe('sync between moderators', () => {
  it('converges two moderators editing at once and shows both edits to a third client',
    async () => {
      const id = await createSession(server)
      const [alice, bob] = await Promise.all([moderator(id, 'm1'), moderator(id, 'm2')])

      expectOk(createRooms(alice.doc, 2))
      expectOk(addRoom(bob.doc, 'Library'))
      await eventually(() => viewOf(alice.doc).rooms.length === 3 &&
        viewOf(bob.doc).rooms.length === 3, 'both moderators to hold three rooms')
      const carol = await moderator(id, 'm3')

      const names = ['Library', 'Room 1', 'Room 2']
      await eventually(() => roomNames(carol).length === 3, 'the third client to hold three rooms')
      for (const client of [alice, bob, carol]) expect([...roomNames(client)].sort()).toEqual(names)
      expect(JSON.stringify(viewOf(carol.doc))).toBe(JSON.stringify(viewOf(alice.doc)))
      expect(JSON.stringify(viewOf(bob.doc))).toBe(JSON.stringify(viewOf(alice.doc)))
      expect((await readView(server, id)).view.rooms.map(({ name }) => name).sort()).toEqual(names)
    })

  it('carries renames, reassignments and changed settings, which overwrite earlier values',
    async () => {
      const id = await createSession(server)
      await issueToken(server, id, 'participant', 'p1', 'Pat')
      const [alice, bob] = await Promise.all([moderator(id, 'm1'), moderator(id, 'm2')])
      const [first, second] = expectOk(createRooms(alice.doc, 2)) as [string, string]
      expectOk(assign(alice.doc, 'p1', first))
      expectOk(setTimeLimit(alice.doc, 300))
      await eventually(() => viewOf(bob.doc).participants.p1?.assignedRoomId === first &&
        viewOf(bob.doc).settings.timeLimitSeconds === 300,
      'the first values to reach the other moderator')

      expectOk(renameRoom(bob.doc, first, 'Kitchen'))
      expectOk(assign(bob.doc, 'p1', second))
      expectOk(setTimeLimit(bob.doc, 900))
      expectOk(setPermission(bob.doc, 'chooseRoom', false))
      expectOk(setPermission(bob.doc, 'chooseRoom', true))

      await eventually(() => {
        const view = viewOf(alice.doc)
        return view.rooms[0]?.name === 'Kitchen' &&
          view.participants.p1?.assignedRoomId === second &&
          view.settings.timeLimitSeconds === 900
      }, 'the overwrites to reach the first moderator')
      expect(bob.closes).toEqual([])
      const { view } = await readView(server, id)
      expect(view.rooms[0]?.name).toBe('Kitchen')
      expect(view.participants.p1?.assignedRoomId).toBe(second)
      expect(view.permissions.chooseRoom).toBe(true)
    })

  it('takes the edits of a moderator who reconnects after others came and went', async () => {
    const id = await createSession(server)
    const alice = await moderator(id, 'm1')
    expectOk(createRooms(alice.doc, 1))
    const bob = await moderator(id, 'm2')
    await eventually(() => viewOf(bob.doc).rooms.length === 1, 'the room to reach bob')

    // Carol comes and goes while bob watches: the server overwrites her roster
    // entry, so bob's copy holds a deleted roster value, and the step 2 he
    // sends when he reconnects carries his whole delete set.
    const carol = await moderator(id, 'm3')
    await eventually(() => viewOf(bob.doc).roster.some(({ id, online }) => id === 'm3' && online),
      'bob to see carol online')
    carol.destroy()
    await eventually(() => viewOf(bob.doc).roster.some(({ id, online }) => id === 'm3' && !online),
      'bob to see carol offline')
    bob.provider.disconnect()
    expectOk(addRoom(bob.doc, 'Written offline'))
    bob.provider.connect()

    await eventually(() => roomNames(alice).includes('Written offline'),
      'the offline edit to reach alice')
    await eventually(() => sameBytes(alice.doc, bob.doc), 'both copies to be equal')
    expect(bob.closes.filter((code) => code >= 4000)).toEqual([])
  })

  it('repairs rooms added past the maximum by two moderators who were offline', async () => {
    const id = await createSession(server, 3)
    const alice = await moderator(id, 'm1')
    const bob = await moderator(id, 'm2')
    expectOk(createRooms(alice.doc, 1))
    await eventually(() => viewOf(bob.doc).rooms.length === 1, 'the first room to reach bob')

    alice.provider.disconnect()
    bob.provider.disconnect()
    expectOk(createRooms(alice.doc, 2))
    expectOk(addRoom(bob.doc, 'Bob 1'))
    expectOk(addRoom(bob.doc, 'Bob 2'))
    expect(viewOf(alice.doc).rooms).toHaveLength(3)
    expect(viewOf(bob.doc).rooms).toHaveLength(3)
    alice.provider.connect()
    bob.provider.connect()
    const carol = await moderator(id, 'm3')

    await eventually(() => [alice, bob, carol].every((client) =>
      viewOf(client.doc).rooms.length === 3) && sameBytes(alice.doc, bob.doc) &&
      sameBytes(alice.doc, carol.doc), 'every client to hold the same three rooms')
    expect(JSON.stringify(viewOf(bob.doc).rooms)).toBe(JSON.stringify(viewOf(alice.doc).rooms))
    expect(JSON.stringify(viewOf(carol.doc).rooms)).toBe(JSON.stringify(viewOf(alice.doc).rooms))
    expect((await readView(server, id)).view.rooms).toHaveLength(3)
    expect(server.logs.some((entry) => entry.msg === 'plan repaired' && entry.session === id))
      .toBe(true)
  })
})
