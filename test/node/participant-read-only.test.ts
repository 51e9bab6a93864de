/**
 * Participants sync read-only: what they write into their own copy is
 * dropped by the server and reaches nobody. What they may do goes through the
 * choose-room command, which the server checks against the permissions.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  addRoom,
  createRooms,
  lifecycleOf,
  roomsOf,
  rosterOf,
  setPermission,
  viewOf,
} from '../../shared/index.js'
import { startServer, type ServerProcess } from './harness/server-process.js'
import {
  createSession,
  eventually,
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

function join(id: string, role: 'moderator' | 'participant', person: string, name = person) {
  return pool.join(server, id, role, person, name)
}

/** A session with two rooms, a moderator and participants p1 and p2 connected. */
async function session() {
  const id = await createSession(server)
  const moderator = await join(id, 'moderator', 'm1', 'Mo')
  const rooms = expectOk(createRooms(moderator.client.doc, 2)) as [string, string]
  const p1 = await join(id, 'participant', 'p1', 'Pat')
  const p2 = await join(id, 'participant', 'p2', 'Pia')
  await eventually(() => viewOf(p1.client.doc).rooms.length === 2 &&
    viewOf(p2.client.doc).rooms.length === 2, 'the rooms to reach the participants')
  return { id, moderator, p1, p2, rooms }
}

function dropLogs(id: string, person: string) {
  return server.logs.filter((entry) => entry.msg === 'participant update dropped' &&
    entry.session === id && entry.person === person)
}

describe('a participant\'s own writes', () => {
  it('are dropped by the server and seen by no other client, then or later', async () => {
    const { id, moderator, p1, p2 } = await session()

    roomsOf(p1.client.doc).set('planted', { name: 'Planted', position: 0 })
    rosterOf(p1.client.doc).set('p1', { name: 'Pat', role: 'moderator', online: true })
    lifecycleOf(p1.client.doc).set('phase', 'running')
    await eventually(() => dropLogs(id, 'p1').length === 3, 'three dropped updates in the log')
    // Something every client must receive, sent after the dropped writes.
    expectOk(addRoom(moderator.client.doc, 'After'))
    const fresh = await join(id, 'moderator', 'm2')

    for (const client of [moderator.client, p2.client, fresh.client]) {
      await eventually(() => viewOf(client.doc).rooms.some(({ name }) => name === 'After'),
        'the later edit to arrive')
      const view = viewOf(client.doc)
      expect(view.rooms.map(({ name }) => name)).not.toContain('Planted')
      expect(view.phase).toBe('setup')
      expect(view.roster.find(({ id }) => id === 'p1')?.role).toBe('participant')
    }
    const { view } = await readView(server, id)
    expect(view.rooms.map(({ name }) => name)).not.toContain('Planted')
    expect(view.phase).toBe('setup')
    expect(p1.client.closes).toEqual([])
  })

  it('leave the participant connected and still receiving the moderators\' edits', async () => {
    const { id, moderator, p1 } = await session()
    roomsOf(p1.client.doc).set('planted', { name: 'Planted', position: 0 })
    await eventually(() => dropLogs(id, 'p1').length === 1, 'the dropped update in the log')

    expectOk(addRoom(moderator.client.doc, 'Later'))
    await eventually(() => viewOf(p1.client.doc).rooms.some(({ name }) => name === 'Later'),
      'the moderator\'s edit to reach the participant')
    expect(p1.client.closes).toEqual([])
    expect(p1.client.provider.wsconnected).toBe(true)
  })
})

describe('an honest participant', () => {
  it('reconnects without a dropped update, though its copy holds the server\'s deletions',
    async () => {
      const { id, p1, p2 } = await session()
      // p2 leaves while p1 watches: the server overwrites p2's roster entry,
      // so p1's copy holds a deletion that its next sync step 2 will carry.
      p2.client.destroy()
      await eventually(() => viewOf(p1.client.doc).participants.p2?.online === false,
        'p1 to see p2 leave')
      p1.client.provider.disconnect()
      p1.client.provider.connect()
      await synced(p1.client)
      const rejoin = await join(id, 'participant', 'p3')
      await eventually(() => viewOf(p1.client.doc).participants.p3?.online === true,
        'p1 to see p3 arrive')

      expect(dropLogs(id, 'p1')).toEqual([])
      expect(rejoin.client.closes).toEqual([])
    })
})

describe('the choose-room command', () => {
  it('moves the participant when the chooseRoom permission allows it', async () => {
    const { id, moderator, p1, rooms } = await session()
    const response = await sendCommand(server, id, p1.token,
      { type: 'choose-room', roomId: rooms[1] })

    expect(response.status).toBe(200)
    expect(response.body.view.participants.p1.assignedRoomId).toBe(rooms[1])
    await eventually(() => viewOf(moderator.client.doc).participants.p1?.assignedRoomId ===
      rooms[1], 'the choice to reach the moderator')
    await eventually(() => viewOf(p1.client.doc).participants.p1?.assignedRoomId === rooms[1],
      'the choice to reach the participant')
    const back = await sendCommand(server, id, p1.token, { type: 'choose-room', roomId: null })
    expect(back.status).toBe(200)
    expect(back.body.view.participants.p1.assignedRoomId).toBe(null)
  })

  it('is refused with 403 PERMISSION_DENIED once a moderator turned the permission off',
    async () => {
      const { id, moderator, p1, rooms } = await session()
      expectOk(setPermission(moderator.client.doc, 'chooseRoom', false))
      await eventually(async () => !(await readView(server, id)).view.permissions.chooseRoom,
        'the permission to reach the server')

      const response = await sendCommand(server, id, p1.token,
        { type: 'choose-room', roomId: rooms[0] })
      expect(response.status).toBe(403)
      expect(response.body.error).toMatchObject({ code: 'PERMISSION_DENIED',
        field: 'permissions.chooseRoom' })
      expect((await readView(server, id)).view.participants.p1?.assignedRoomId).toBe(null)

      expectOk(setPermission(moderator.client.doc, 'chooseRoom', true))
      await eventually(async () => (await readView(server, id)).view.permissions.chooseRoom,
        'the permission to come back')
      const allowed = await sendCommand(server, id, p1.token,
        { type: 'choose-room', roomId: rooms[0] })
      expect(allowed.status).toBe(200)
      expect(allowed.body.view.participants.p1.assignedRoomId).toBe(rooms[0])
    })

  it('is refused with 404 UNKNOWN_ROOM for a room the session does not have', async () => {
    const { id, p1 } = await session()
    const response = await sendCommand(server, id, p1.token,
      { type: 'choose-room', roomId: 'no-such-room' })
    expect(response.status).toBe(404)
    expect(response.body.error).toMatchObject({ code: 'UNKNOWN_ROOM', field: 'roomId' })
  })

  it('is refused with 403 FORBIDDEN when a moderator sends it', async () => {
    const { id, moderator, rooms } = await session()
    const response = await sendCommand(server, id, moderator.token,
      { type: 'choose-room', roomId: rooms[0] })
    expect(response.status).toBe(403)
    expect(response.body.error.code).toBe('FORBIDDEN')
  })
})
