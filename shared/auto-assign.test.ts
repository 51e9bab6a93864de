import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  assign,
  assignmentsOf,
  autoAssign,
  balancedPlacement,
  configureSession,
  createRooms,
  deleteRoom,
  removeParticipant,
  rosterOf,
  shuffle,
  upsertParticipant,
  viewOf,
} from './index.js'
import { expectError, expectOk } from '../test/node/results.js'
import { replicas, stateOf, sync, updatesDuring } from '../test/node/replicas.js'
import { pick, seededRandom } from '../test/node/random.js'

function session({ people, rooms }: { people: number, rooms: number }): Y.Doc {
  const doc = new Y.Doc()
  expectOk(configureSession(doc, { maxRooms: 100 }))
  addPeople(doc, people)
  if (rooms > 0) expectOk(createRooms(doc, rooms))
  return doc
}

function addPeople(doc: Y.Doc, count: number): void {
  doc.transact(() => {
    for (let i = 0; i < count; i++) {
      const id = `p${i}`
      const name = `Person ${i}`
      expectOk(upsertParticipant(doc, { id, name, role: 'participant', online: true }))
    }
  })
}

function assignedCounts(doc: Y.Doc): number[] {
  return viewOf(doc).rooms.map(({ assignedCount }) => assignedCount)
}

function spread(sizes: readonly number[]): number {
  return Math.max(...sizes) - Math.min(...sizes)
}

describe('autoAssign', () => {
  it('places every participant on the roster in a room, balanced', () => {
    const doc = session({ people: 10, rooms: 3 })
    const placement = expectOk(autoAssign(doc, { random: seededRandom(1) }))
    expect(placement.size).toBe(10)
    expect(assignedCounts(doc).sort()).toEqual([3, 3, 4])
    expect(viewOf(doc).mainRoom.assignedCount).toBe(0)
  })

  it('leaves moderators out of the rooms', () => {
    const doc = session({ people: 4, rooms: 2 })
    expectOk(upsertParticipant(doc, { id: 'm1', name: 'Mod', role: 'moderator', online: true }))
    const placement = expectOk(autoAssign(doc, { random: seededRandom(2) }))
    expect([...placement.keys()].sort()).toEqual(['p0', 'p1', 'p2', 'p3'])
    expect(assignmentsOf(doc).has('m1')).toBe(false)
  })

  it('makes the whole placement in one update', () => {
    const doc = session({ people: 20, rooms: 4 })
    expect(updatesDuring(doc, () => expectOk(autoAssign(doc)))).toBe(1)
  })

  it('places at random, and the same way for the same random source', () => {
    const placements = [1, 1, 2].map((seed) => {
      const doc = session({ people: 30, rooms: 5 })
      const placement = expectOk(autoAssign(doc, { random: seededRandom(seed) }))
      const byPerson = [...placement.entries()].sort(([a], [b]) => (a < b ? -1 : 1))
      const rooms = viewOf(doc).rooms.map(({ id }) => id)
      return JSON.stringify(byPerson.map(([person, room]) => [person, rooms.indexOf(room)]))
    })
    expect(placements[0]).toBe(placements[1])
    expect(placements[0]).not.toBe(placements[2])
  })

  it('places the same way whatever order the replica learnt the roster in', () => {
    // Two replicas hold the same document, but each heard of the people in
    // another order; the same random source must give the same placement.
    const [a, b] = replicas(2) as [Y.Doc, Y.Doc]
    expectOk(createRooms(a, 3))
    sync(a, b)
    for (let i = 0; i < 12; i++) {
      const doc = i % 2 === 0 ? a : b
      expectOk(upsertParticipant(doc, { id: `p${i}`, name: `P${i}`, role: 'participant',
        online: true }))
    }
    sync(a, b)
    expect([...rosterOf(a).keys()]).not.toEqual([...rosterOf(b).keys()])
    const fromA = expectOk(autoAssign(a, { random: seededRandom(9) }))
    const fromB = expectOk(autoAssign(b, { random: seededRandom(9) }))
    expect(new Map([...fromB].sort())).toEqual(new Map([...fromA].sort()))
  })

  it('places only the participants it is given and leaves the others where they are', () => {
    const doc = session({ people: 6, rooms: 2 })
    const [first] = viewOf(doc).rooms
    expectOk(assign(doc, 'p5', first?.id ?? null))
    const placement = expectOk(autoAssign(doc, { participants: ['p0', 'p1', 'p2'] }))
    expect([...placement.keys()].sort()).toEqual(['p0', 'p1', 'p2'])
    expect(assignmentsOf(doc).get('p5')).toBe(first?.id)
    expect(assignmentsOf(doc).has('p3')).toBe(false)
    expect(spread(assignedCounts(doc))).toBe(0)
  })

  it('keeps people already in a room with keepAssigned and places only the rest', () => {
    const doc = session({ people: 8, rooms: 3 })
    const [a, b] = viewOf(doc).rooms.map(({ id }) => id) as [string, string]
    expectOk(assign(doc, 'p0', a))
    expectOk(assign(doc, 'p1', a))
    expectOk(assign(doc, 'p2', b))
    const placement = expectOk(autoAssign(doc, { keepAssigned: true, random: seededRandom(3) }))
    expect([...placement.keys()].sort()).toEqual(['p3', 'p4', 'p5', 'p6', 'p7'])
    expect(assignmentsOf(doc).get('p0')).toBe(a)
    expect(assignmentsOf(doc).get('p1')).toBe(a)
    expect(assignmentsOf(doc).get('p2')).toBe(b)
    expect(assignedCounts(doc).sort()).toEqual([2, 3, 3])
  })

  it('moves people already in a room without keepAssigned', () => {
    const doc = session({ people: 6, rooms: 2 })
    const [a] = viewOf(doc).rooms.map(({ id }) => id) as [string]
    for (let i = 0; i < 6; i++) expectOk(assign(doc, `p${i}`, a))
    expectOk(autoAssign(doc, { random: seededRandom(4) }))
    expect(assignedCounts(doc)).toEqual([3, 3])
  })

  it('places someone whose room was deleted even with keepAssigned', () => {
    const doc = session({ people: 3, rooms: 2 })
    const [a, b] = viewOf(doc).rooms.map(({ id }) => id) as [string, string]
    expectOk(assign(doc, 'p0', a))
    expectOk(assign(doc, 'p1', a))
    expectOk(deleteRoom(doc, a))
    // A stale entry, as a concurrent drag into the deleted room leaves behind.
    assignmentsOf(doc).set('p2', a)
    const placement = expectOk(autoAssign(doc, { keepAssigned: true, random: seededRandom(5) }))
    expect([...placement.keys()].sort()).toEqual(['p0', 'p1', 'p2'])
    expect([...placement.values()]).toEqual([b, b, b])
  })

  it('balances the rooms people see although some who left are still planned', () => {
    // Three people left the roster while planned into one room. Their entries
    // stay (they may come back), but the view does not show them, so counting
    // them would leave the visible rooms uneven.
    const doc = session({ people: 7, rooms: 2 })
    const [a] = viewOf(doc).rooms.map(({ id }) => id) as [string]
    for (const id of ['p4', 'p5', 'p6']) {
      expectOk(assign(doc, id, a))
      expectOk(removeParticipant(doc, id))
    }
    expectOk(autoAssign(doc, { random: seededRandom(6) }))
    expect(assignedCounts(doc)).toEqual([2, 2])
  })

  it('refuses when there is no room to assign to, and changes nothing', () => {
    const doc = session({ people: 3, rooms: 0 })
    const before = stateOf(doc)
    const result = autoAssign(doc)
    expectError(result, { code: 'WRONG_PHASE', field: 'rooms', shows: 'got 0' })
    expect(stateOf(doc)).toEqual(before)
  })

  it('refuses a participant list with an empty id, and changes nothing', () => {
    const doc = session({ people: 3, rooms: 2 })
    const before = stateOf(doc)
    const result = autoAssign(doc, { participants: ['p0', '', 'p1'] })
    expectError(result, { code: 'INVALID_ARGUMENT', field: 'participants[]', shows: '""' })
    expect(stateOf(doc)).toEqual(before)
  })
})

describe('auto-assignment balance', () => {
  const peopleCounts = [1, 2, 3, 7, 50, 99, 100, 101, 999, 1000]
  const roomCounts = [1, 2, 3, 7, 15, 50, 100]

  describe.each(peopleCounts)('with %i participants', (people) => {
    it('fills 1 to 100 rooms so that their sizes differ by at most one', () => {
      const doc = session({ people, rooms: 0 })
      for (const rooms of roomCounts) {
        expectOk(createRooms(doc, rooms, { replace: true }))
        expectOk(autoAssign(doc, { random: seededRandom(people * 1000 + rooms) }))
        const view = viewOf(doc)
        const sizes = view.rooms.map(({ assignedCount }) => assignedCount)
        const label = `${people} participants in ${rooms} rooms: ${sizes.join(',')}`
        expect(sizes, label).toHaveLength(rooms)
        expect(spread(sizes), label).toBeLessThanOrEqual(1)
        expect(sizes.reduce((sum, size) => sum + size, 0), label).toBe(people)
        expect(view.mainRoom.assignedCount, label).toBe(0)
      }
    })

    it('keeps the placed and tops up the smallest rooms with keepAssigned', () => {
      const doc = session({ people, rooms: 0 })
      for (const rooms of roomCounts) {
        const ids = expectOk(createRooms(doc, rooms, { replace: true }))
        // A lopsided plan to start from: about a third of the people, all
        // crowded into the first few rooms.
        const random = seededRandom(people * 7 + rooms)
        const before = new Map<string, string>()
        for (let i = 0; i < people; i += 3) {
          const room = ids[pick(random, Math.min(3, rooms))] as string
          expectOk(assign(doc, `p${i}`, room))
          before.set(`p${i}`, room)
        }
        const placement = expectOk(autoAssign(doc, { keepAssigned: true, random }))
        const label = `${people} participants in ${rooms} rooms`
        expect(placement.size, label).toBe(people - before.size)
        for (const [person, room] of before) {
          expect(assignmentsOf(doc).get(person), label).toBe(room)
          expect(placement.has(person), label).toBe(false)
        }
        const sizes = new Map(viewOf(doc).rooms.map((room) => [room.id, room.assignedCount]))
        const smallest = Math.min(...sizes.values())
        for (const room of new Set(placement.values())) {
          expect(sizes.get(room), `${label}: a topped-up room grew past the others`)
            .toBeLessThanOrEqual(smallest + 1)
        }
        expect(viewOf(doc).mainRoom.assignedCount, label).toBe(0)
      }
    })
  })
})

describe('balancedPlacement', () => {
  it('places nobody when there are no rooms', () => {
    expect(balancedPlacement(['a', 'b'], new Map(), seededRandom(1)).size).toBe(0)
  })

  it('fills the emptiest rooms first', () => {
    const sizes = new Map([['A', 2], ['B', 0], ['C', 1]])
    const placement = balancedPlacement(['p1', 'p2', 'p3'], sizes, seededRandom(2))
    const added = new Map<string, number>()
    for (const room of placement.values()) added.set(room, (added.get(room) ?? 0) + 1)
    expect(added).toEqual(new Map([['B', 2], ['C', 1]]))
  })

  it('breaks ties between equal rooms at random', () => {
    const sizes = new Map([['A', 0], ['B', 0], ['C', 0], ['D', 0]])
    const chosen = new Set<string>()
    for (let seed = 0; seed < 40; seed++) {
      chosen.add(balancedPlacement(['only'], sizes, seededRandom(seed)).get('only') as string)
    }
    expect(chosen).toEqual(new Set(['A', 'B', 'C', 'D']))
  })

  it('shuffles into a permutation of the same items', () => {
    const items = Array.from({ length: 50 }, (_, i) => i)
    const shuffled = shuffle([...items], seededRandom(3))
    expect(shuffled).not.toEqual(items)
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items)
  })
})
