import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  PERMISSIONS,
  assign,
  assignmentsOf,
  createRooms,
  deleteRoom,
  deletedRoomsOf,
  endBreakout,
  lifecycleOf,
  permissionsOf,
  removeParticipant,
  roomsOf,
  rosterOf,
  settingsOf,
  startBreakout,
  upsertParticipant,
  viewOf,
  type Role,
} from './index.js'
import { expectOk } from '../test/node/results.js'
import { replicas, sync } from '../test/node/replicas.js'
import { viewProblems } from '../test/node/invariants.js'

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0)

function person(doc: Y.Doc, id: string, name: string, role: Role = 'participant'): void {
  expectOk(upsertParticipant(doc, { id, name, role, online: true }))
}

function ids(people: readonly { id: string }[]): string[] {
  return people.map(({ id }) => id)
}

/** Three rooms, five participants and a moderator; p1 and p2 in room 1, p3 in room 3. */
function plannedSession(): { doc: Y.Doc, rooms: string[] } {
  const doc = new Y.Doc()
  const rooms = expectOk(createRooms(doc, 3))
  person(doc, 'p1', 'Zoe')
  person(doc, 'p2', 'Adam')
  person(doc, 'p3', 'Mia')
  person(doc, 'p4', 'Bea')
  person(doc, 'p5', 'Carl')
  person(doc, 'm1', 'Host', 'moderator')
  expectOk(assign(doc, 'p1', rooms[0] as string))
  expectOk(assign(doc, 'p2', rooms[0] as string))
  expectOk(assign(doc, 'p3', rooms[2] as string))
  return { doc, rooms }
}

describe('viewOf', () => {
  it('shows an empty session with every default', () => {
    const view = viewOf(new Y.Doc())
    expect(view).toEqual({
      phase: 'setup', round: 0, startedAt: null, endsAt: null, closedAt: null, now: null,
      remainingMs: null,
      settings: { mode: 'auto', timeLimitSeconds: 600, maxRooms: 15 },
      permissions: Object.fromEntries(PERMISSIONS.map((key) => [key, true])),
      rooms: [],
      mainRoom: { members: [], count: 0, assigned: [], assignedCount: 0 },
      roster: [],
      participants: {},
      messages: [],
      helpRequests: [],
    })
  })

  it('lists the rooms in order with the plan and who is in each', () => {
    const { doc, rooms } = plannedSession()
    expectOk(startBreakout(doc, T0))
    const view = viewOf(doc, T0)
    expect(view.rooms.map(({ id, name, count, assignedCount }) => ({ id, name, count,
      assignedCount }))).toEqual([
      { id: rooms[0], name: 'Room 1', count: 2, assignedCount: 2 },
      { id: rooms[1], name: 'Room 2', count: 0, assignedCount: 0 },
      { id: rooms[2], name: 'Room 3', count: 1, assignedCount: 1 },
    ])
    expect(ids(view.rooms[0]?.members ?? [])).toEqual(['p2', 'p1'])
    expect(ids(view.mainRoom.members)).toEqual(['p4', 'p5'])
    expect(view.mainRoom.count).toBe(2)
    expect(viewProblems(view)).toEqual([])
  })

  it('keeps everyone in the main room before the rooms open, with the plan beside them', () => {
    const { doc } = plannedSession()
    const view = viewOf(doc)
    expect(view.phase).toBe('setup')
    expect(view.rooms.map(({ count }) => count)).toEqual([0, 0, 0])
    expect(view.rooms.map(({ assignedCount }) => assignedCount)).toEqual([2, 0, 1])
    expect(ids(view.mainRoom.members)).toEqual(['p2', 'p4', 'p5', 'p3', 'p1'])
    expect(ids(view.mainRoom.assigned)).toEqual(['p4', 'p5'])
    expect(view.participants['p1']).toMatchObject({ roomId: null,
      assignedRoomId: view.rooms[0]?.id })
    expect(viewProblems(view)).toEqual([])
  })

  it('brings everyone back to the main room after the rooms close and keeps the plan', () => {
    const { doc } = plannedSession()
    expectOk(startBreakout(doc, T0))
    expectOk(endBreakout(doc, T0 + 1))
    const view = viewOf(doc)
    expect(view.mainRoom.count).toBe(5)
    expect(view.rooms.map(({ assignedCount }) => assignedCount)).toEqual([2, 0, 1])
    expect(viewProblems(view)).toEqual([])
  })

  it('shows moderators on the roster but in no room', () => {
    const { doc, rooms } = plannedSession()
    assignmentsOf(doc).set('m1', rooms[1] as string)
    expectOk(startBreakout(doc, T0))
    const view = viewOf(doc)
    expect(ids(view.roster)).toEqual(['p2', 'p4', 'p5', 'm1', 'p3', 'p1'])
    expect(view.participants['m1']).toBeUndefined()
    expect(view.rooms[1]?.count).toBe(0)
    expect(viewProblems(view)).toEqual([])
  })

  it('shows a participant planned into a deleted room in the main room', () => {
    const { doc, rooms } = plannedSession()
    expectOk(startBreakout(doc, T0))
    // What a drag into a room that another moderator deleted at once leaves behind.
    deletedRoomsOf(doc).set(rooms[2] as string, true)
    const view = viewOf(doc)
    expect(view.rooms).toHaveLength(2)
    expect(view.participants['p3']).toMatchObject({ roomId: null, assignedRoomId: null })
    expect(ids(view.mainRoom.members)).toContain('p3')
    expect(viewProblems(view)).toEqual([])
  })

  it('ignores a room entry that a rename wrote back after its delete', () => {
    const { doc, rooms } = plannedSession()
    const id = rooms[0] as string
    expectOk(deleteRoom(doc, id))
    roomsOf(doc).set(id, { name: 'Renamed', position: 1 })
    assignmentsOf(doc).set('p1', id)
    const view = viewOf(doc)
    expect(ids(view.rooms)).toEqual([rooms[1], rooms[2]])
    expect(view.participants['p1']?.assignedRoomId).toBeNull()
    expect(viewProblems(view)).toEqual([])
  })

  it('shows a participant planned into a room that never existed in the main room', () => {
    const { doc } = plannedSession()
    assignmentsOf(doc).set('p4', 'no-such-room')
    expectOk(startBreakout(doc, T0))
    expect(viewOf(doc).participants['p4']?.roomId).toBeNull()
    expect(viewProblems(viewOf(doc))).toEqual([])
  })

  it('does not show planned people who are not on the roster', () => {
    const { doc, rooms } = plannedSession()
    expectOk(removeParticipant(doc, 'p1'))
    assignmentsOf(doc).set('stranger', rooms[1] as string)
    expectOk(startBreakout(doc, T0))
    const view = viewOf(doc)
    expect(ids(view.rooms[0]?.members ?? [])).toEqual(['p2'])
    expect(view.rooms[1]?.count).toBe(0)
    expect(viewProblems(view)).toEqual([])
  })

  it('orders rooms added at the same position by id', () => {
    const doc = new Y.Doc()
    roomsOf(doc).set('b', { name: 'B', position: 1 })
    roomsOf(doc).set('a', { name: 'A', position: 1 })
    roomsOf(doc).set('c', { name: 'C', position: 0.5 })
    expect(ids(viewOf(doc).rooms)).toEqual(['c', 'a', 'b'])
  })

  it('orders people with the same name by id', () => {
    const doc = new Y.Doc()
    person(doc, 'y', 'Sam')
    person(doc, 'x', 'Sam')
    expect(ids(viewOf(doc).mainRoom.members)).toEqual(['x', 'y'])
  })

  it('reports the time left while running, never below zero', () => {
    const { doc } = plannedSession()
    expectOk(startBreakout(doc, T0))
    expect(viewOf(doc).remainingMs).toBeNull()
    expect(viewOf(doc, T0 + 100_000)).toMatchObject({ now: T0 + 100_000, remainingMs: 500_000 })
    expect(viewOf(doc, T0 + 700_000).remainingMs).toBe(0)
  })

  it('is frozen so that a component cannot change it', () => {
    const { doc } = plannedSession()
    const view = viewOf(doc)
    expect(Object.isFrozen(view)).toBe(true)
    expect(Object.isFrozen(view.rooms[0]?.assigned)).toBe(true)
    expect(Object.isFrozen(view.participants)).toBe(true)
    expect(Object.isFrozen(view.mainRoom.members[0])).toBe(true)
  })

  it('is the same on replicas that learnt the same people in another order', () => {
    const [a, b] = replicas(2) as [Y.Doc, Y.Doc]
    for (let i = 0; i < 6; i++) person(i % 2 === 0 ? a : b, `p${i}`, `Person ${i % 3}`)
    sync(a, b)
    expect(JSON.stringify(viewOf(b))).toBe(JSON.stringify(viewOf(a)))
  })

  describe('with values a buggy or hostile client wrote', () => {
    it('skips room entries that are not rooms', () => {
      const doc = new Y.Doc()
      roomsOf(doc).set('text', 'Room' as never)
      roomsOf(doc).set('nameless', { position: 1 } as never)
      roomsOf(doc).set('nowhere', { name: 'X', position: Number.NaN })
      roomsOf(doc).set('far', { name: 'X', position: Number.POSITIVE_INFINITY })
      roomsOf(doc).set('good', { name: 'Good', position: 3 })
      expect(ids(viewOf(doc).rooms)).toEqual(['good'])
    })

    it('shows a blank room name as "Room" and cuts a long one to 64 characters', () => {
      const doc = new Y.Doc()
      roomsOf(doc).set('blank', { name: '   ', position: 1 })
      roomsOf(doc).set('long', { name: 'L'.repeat(500), position: 2 })
      expect(viewOf(doc).rooms.map(({ name }) => name)).toEqual(['Room', 'L'.repeat(64)])
    })

    it('reads a damaged roster entry as well as it can', () => {
      const doc = new Y.Doc()
      rosterOf(doc).set('junk', 42 as never)
      rosterOf(doc).set('empty', null as never)
      rosterOf(doc).set('bare', {} as never)
      rosterOf(doc).set('odd', { name: 'Odd', role: 'king', online: 'yes' } as never)
      const view = viewOf(doc)
      expect(view.roster).toEqual([
        { id: 'bare', name: 'bare', role: 'participant', online: false },
        { id: 'odd', name: 'Odd', role: 'participant', online: false },
      ])
      expect(viewProblems(view)).toEqual([])
    })

    it('falls back to the defaults for settings it cannot use', () => {
      const doc = new Y.Doc()
      settingsOf(doc).set('mode', 'chaos')
      settingsOf(doc).set('timeLimitSeconds', -3)
      lifecycleOf(doc).set('maxRooms', 1000)
      lifecycleOf(doc).set('phase', 'paused')
      lifecycleOf(doc).set('round', 'two')
      lifecycleOf(doc).set('startedAt', 'noon')
      const view = viewOf(doc)
      expect(view).toMatchObject({ phase: 'setup', round: 0, startedAt: null })
      expect(view.settings).toEqual({ mode: 'auto', timeLimitSeconds: 600, maxRooms: 15 })
    })

    it('shows every permission as a boolean, allowed unless it is false', () => {
      const doc = new Y.Doc()
      permissionsOf(doc).set('recording', false)
      permissionsOf(doc).set('whiteboard', 'no' as never)
      permissionsOf(doc).set('teleport', false)
      const { permissions } = viewOf(doc)
      expect(Object.keys(permissions)).toEqual([...PERMISSIONS])
      expect(permissions.recording).toBe(false)
      expect(permissions.whiteboard).toBe(true)
      expect(viewProblems(viewOf(doc))).toEqual([])
    })

    it('shows someone planned into a room id that is not text in the main room', () => {
      const { doc } = plannedSession()
      assignmentsOf(doc).set('p4', 7 as never)
      expectOk(startBreakout(doc, T0))
      expect(viewOf(doc).participants['p4']?.roomId).toBeNull()
      expect(viewProblems(viewOf(doc))).toEqual([])
    })
  })
})
