/**
 * Concurrent edits on two or three replicas of one session: a server and one
 * or two moderators who edit at the same moment, before either has seen the
 * other's change. After the replicas exchange updates, every replica must show
 * the same session, and the view must keep its promises.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addRoom,
  assign,
  assignmentsOf,
  autoAssign,
  configureSession,
  createRooms,
  deleteRoom,
  liveRooms,
  needsRepair,
  renameRoom,
  repair,
  roomsOf,
  startBreakout,
  upsertParticipant,
  viewOf,
} from './index.js'
import { Network, replicas, stateOf, sync } from '../test/node/replicas.js'
import { expectOk } from '../test/node/results.js'
import { viewProblems } from '../test/node/invariants.js'
import { seededRandom } from '../test/node/random.js'

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0)

/**
 * A server and two moderators sharing a session with `rooms` rooms and
 * participants p1..p4, all in sync.
 */
function session({ rooms = 3, maxRooms = 15 } = {}) {
  const [server, alice, bob] = replicas(3) as [Y.Doc, Y.Doc, Y.Doc]
  expectOk(configureSession(server, { maxRooms }))
  for (const id of ['p1', 'p2', 'p3', 'p4']) {
    expectOk(upsertParticipant(server, { id, name: id.toUpperCase(), role: 'participant',
      online: true }))
  }
  const roomIds = rooms > 0 ? expectOk(createRooms(server, rooms)) : []
  sync(server, alice, bob)
  return { server, alice, bob, all: [server, alice, bob], rooms: roomIds }
}

/** All replicas hold the same bytes and show the same, sound view. */
function expectConverged(docs: readonly Y.Doc[]): void {
  const [first, ...rest] = docs as [Y.Doc, ...Y.Doc[]]
  const view = JSON.stringify(viewOf(first))
  for (const doc of rest) {
    expect(stateOf(doc)).toEqual(stateOf(first))
    expect(JSON.stringify(viewOf(doc))).toBe(view)
  }
  expect(viewProblems(viewOf(first))).toEqual([])
}

describe('concurrent edits', () => {
  it('puts a participant dragged to two rooms at once in one of them on every replica', () => {
    const { server, alice, bob, all, rooms } = session()
    const [a, b] = rooms as [string, string]
    expectOk(assign(alice, 'p1', a))
    expectOk(assign(bob, 'p1', b))
    sync(...all)
    expectConverged(all)
    const winner = assignmentsOf(server).get('p1')
    expect([a, b]).toContain(winner)
    const view = viewOf(server)
    expect(view.rooms.filter((room) => room.assigned.some(({ id }) => id === 'p1')))
      .toHaveLength(1)
  })

  it('settles a drag racing a return to the main room the same way everywhere', () => {
    const { server, alice, bob, all, rooms } = session()
    expectOk(assign(server, 'p2', rooms[0] as string))
    sync(...all)
    expectOk(assign(alice, 'p2', rooms[1] as string))
    expectOk(assign(bob, 'p2', null))
    sync(...all)
    expectConverged(all)
  })

  it('sends someone dragged into a room deleted at the same time to the main room', () => {
    const { server, alice, bob, all, rooms } = session()
    const doomed = rooms[1] as string
    expectOk(startBreakout(server, T0))
    sync(...all)
    expectOk(deleteRoom(alice, doomed))
    expectOk(assign(bob, 'p3', doomed))
    sync(...all)
    expectConverged(all)
    for (const doc of all) {
      const view = viewOf(doc)
      expect(view.rooms.map(({ id }) => id)).not.toContain(doomed)
      expect(view.participants['p3']).toMatchObject({ roomId: null, assignedRoomId: null })
      expect(view.mainRoom.members.map(({ id }) => id)).toContain('p3')
    }
    expect(needsRepair(server)).toBe(true)
    repair(server)
    sync(...all)
    expect(assignmentsOf(bob).has('p3')).toBe(false)
    expectConverged(all)
  })

  it('gives a room renamed twice at once the same one of the two names everywhere', () => {
    const { server, alice, bob, all, rooms } = session()
    const room = rooms[0] as string
    expectOk(renameRoom(alice, room, 'Red'))
    expectOk(renameRoom(bob, room, 'Blue'))
    sync(...all)
    expectConverged(all)
    const name = liveRooms(server).find(({ id }) => id === room)?.name
    expect(['Red', 'Blue']).toContain(name)
    expect(liveRooms(server).map(({ id }) => id)).toEqual(rooms)
  })

  it('keeps a room deleted when another moderator renames it at the same time', () => {
    const { server, alice, bob, all, rooms } = session()
    const room = rooms[2] as string
    expectOk(assign(server, 'p4', room))
    sync(...all)
    expectOk(deleteRoom(alice, room))
    expectOk(renameRoom(bob, room, 'Still here?'))
    sync(...all)
    expectConverged(all)
    for (const doc of all) {
      expect(liveRooms(doc).map(({ id }) => id)).toEqual(rooms.slice(0, 2))
      expect(viewOf(doc).participants['p4']?.assignedRoomId).toBeNull()
    }
    expect(roomsOf(server).has(room)).toBe(true)
    repair(server)
    sync(...all)
    expect(roomsOf(bob).has(room)).toBe(false)
    expectConverged(all)
  })

  it('gives two moderators adding a room at once two rooms', () => {
    const { server, alice, bob, all } = session({ rooms: 1 })
    const fromAlice = expectOk(addRoom(alice))
    const fromBob = expectOk(addRoom(bob))
    sync(...all)
    expectConverged(all)
    expect(liveRooms(server).map(({ id }) => id)).toEqual(expect.arrayContaining([fromAlice,
      fromBob]))
    expect(liveRooms(server)).toHaveLength(3)
  })

  describe('adding rooms past the maximum together', () => {
    /** Two moderators each add rooms up to a maximum of 5; together they pass it. */
    function overfull() {
      const context = session({ rooms: 2, maxRooms: 5 })
      const { server, alice, bob, all } = context
      expectOk(createRooms(alice, 3))
      expectOk(addRoom(bob, 'Bob 1'))
      expectOk(addRoom(bob, 'Bob 2'))
      const bobsRoom = liveRooms(bob).at(-1)?.id as string
      expectOk(assign(bob, 'p1', bobsRoom))
      sync(...all)
      expect(liveRooms(server)).toHaveLength(7)
      expect(viewProblems(viewOf(server))).toEqual([])
      return context
    }

    it('comes back under the limit on every replica after one replica repairs', () => {
      const { server, alice, bob, all } = overfull()
      const report = repair(server)
      expect(report.roomsRemoved).toHaveLength(2)
      sync(...all)
      expectConverged(all)
      for (const doc of [server, alice, bob]) expect(liveRooms(doc)).toHaveLength(5)
      expect(needsRepair(alice)).toBe(false)
    })

    it('comes back under the limit when two processes repair at once', () => {
      const { server, alice, bob, all } = overfull()
      const oldest = liveRooms(server).slice(0, 5).map(({ id }) => id)
      const first = repair(server)
      const second = repair(alice)
      expect(second).toEqual(first)
      sync(...all)
      expectConverged(all)
      expect(liveRooms(bob)).toHaveLength(5)
      expect(liveRooms(bob).map(({ id }) => id)).toEqual(oldest)
      expect(needsRepair(bob)).toBe(false)
    })

    it('returns the members of the removed rooms to the main room', () => {
      const { server, all } = overfull()
      const removed = new Set(repair(server).roomsRemoved)
      sync(...all)
      const view = viewOf(server)
      for (const participant of Object.values(view.participants)) {
        expect(removed.has(participant.assignedRoomId ?? '')).toBe(false)
      }
      expect(view.rooms.reduce((sum, room) => sum + room.assignedCount, 0) +
        view.mainRoom.assignedCount).toBe(4)
    })
  })

  it('keeps each participant in one room when two moderators auto-assign at once', () => {
    const { alice, bob, all } = session({ rooms: 3 })
    expectOk(autoAssign(alice, { random: seededRandom(1) }))
    expectOk(autoAssign(bob, { random: seededRandom(2) }))
    sync(...all)
    expectConverged(all)
  })

  it('sends the members of rooms replaced by one moderator to the main room', () => {
    const { server, alice, bob, all, rooms } = session({ rooms: 2 })
    expectOk(createRooms(alice, 4, { replace: true }))
    expectOk(assign(bob, 'p2', rooms[0] as string))
    sync(...all)
    expectConverged(all)
    expect(liveRooms(server)).toHaveLength(4)
    expect(viewOf(server).participants['p2']?.assignedRoomId).toBeNull()
  })

  it('converges when updates arrive out of order and twice over a live link', () => {
    const { alice, bob, server, all, rooms } = session()
    const network = new Network(all)
    const random = seededRandom(42)
    expectOk(assign(alice, 'p1', rooms[0] as string))
    expectOk(renameRoom(bob, rooms[0] as string, 'Garden'))
    expectOk(deleteRoom(alice, rooms[1] as string))
    expectOk(assign(bob, 'p2', rooms[1] as string))
    expectOk(addRoom(server, 'Late'))
    expect(network.pending).toBe(10)
    network.drain(random, 0.5)
    expectConverged(all)
    expect(viewOf(server).rooms.map(({ name }) => name)).toEqual(['Garden', 'Room 3', 'Late'])
  })
})
