import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  assign,
  assignmentsOf,
  configureSession,
  createRooms,
  deleteRoom,
  deletedRoomsOf,
  liveRooms,
  needsRepair,
  repair,
  roomsOf,
  upsertParticipant,
  viewOf,
} from './index.js'
import { expectOk } from '../test/node/results.js'
import { replicas, stateOf, sync, updatesDuring } from '../test/node/replicas.js'
import { viewProblems } from '../test/node/invariants.js'

function roomIds(doc: Y.Doc): string[] {
  return liveRooms(doc).map(({ id }) => id)
}

/** Five rooms with one participant in each, then the maximum lowered to `max`. */
function overfull(max: number): { doc: Y.Doc, rooms: string[] } {
  const doc = new Y.Doc()
  const rooms = expectOk(createRooms(doc, 5))
  rooms.forEach((room, i) => {
    expectOk(upsertParticipant(doc, { id: `p${i}`, name: `P${i}`, role: 'participant',
      online: true }))
    expectOk(assign(doc, `p${i}`, room))
  })
  expectOk(configureSession(doc, { maxRooms: max }))
  return { doc, rooms }
}

describe('repair', () => {
  it('changes nothing in a session within its limits', () => {
    const doc = new Y.Doc()
    expectOk(createRooms(doc, 3))
    expect(needsRepair(doc)).toBe(false)
    const before = stateOf(doc)
    let report: ReturnType<typeof repair> | undefined
    expect(updatesDuring(doc, () => (report = repair(doc)))).toBe(0)
    expect(report).toEqual({ roomsRemoved: [], entriesCleared: [], assignmentsCleared: 0 })
    expect(stateOf(doc)).toEqual(before)
  })

  it('removes the newest rooms past the maximum and returns their members to main', () => {
    const { doc, rooms } = overfull(3)
    expect(needsRepair(doc)).toBe(true)
    const report = repair(doc)
    expect(report.roomsRemoved).toEqual([rooms[3], rooms[4]])
    expect(roomIds(doc)).toEqual(rooms.slice(0, 3))
    const view = viewOf(doc)
    expect(view.mainRoom.assigned.map(({ id }) => id)).toEqual(['p3', 'p4'])
    expect(assignmentsOf(doc).has('p3')).toBe(false)
    expect(needsRepair(doc)).toBe(false)
    expect(viewProblems(view)).toEqual([])
  })

  it('removes the room with the higher id first among rooms at the same position', () => {
    const doc = new Y.Doc()
    expectOk(configureSession(doc, { maxRooms: 2 }))
    roomsOf(doc).set('m', { name: 'M', position: 1 })
    roomsOf(doc).set('z', { name: 'Z', position: 2 })
    roomsOf(doc).set('a', { name: 'A', position: 2 })
    expect(repair(doc).roomsRemoved).toEqual(['z'])
    expect(roomIds(doc)).toEqual(['m', 'a'])
  })

  it('clears a room entry that a rename wrote back after the delete', () => {
    const doc = new Y.Doc()
    const [id] = expectOk(createRooms(doc, 1)) as [string]
    expectOk(deleteRoom(doc, id))
    roomsOf(doc).set(id, { name: 'Renamed', position: 1 })
    assignmentsOf(doc).set('p1', id)
    expect(needsRepair(doc)).toBe(true)
    expect(repair(doc)).toEqual({ roomsRemoved: [], entriesCleared: [id], assignmentsCleared: 1 })
    expect(roomsOf(doc).has(id)).toBe(false)
    expect(assignmentsOf(doc).has('p1')).toBe(false)
    expect(deletedRoomsOf(doc).get(id)).toBe(true)
    expect(needsRepair(doc)).toBe(false)
  })

  it('makes all its edits in one update', () => {
    const { doc } = overfull(1)
    expect(updatesDuring(doc, () => repair(doc))).toBe(1)
  })

  it('keeps the limit when the session allows 100 rooms', () => {
    const doc = new Y.Doc()
    expectOk(configureSession(doc, { maxRooms: 100 }))
    for (let i = 0; i < 105; i++) roomsOf(doc).set(`r${String(i).padStart(3, '0')}`,
      { name: `R${i}`, position: i + 1 })
    expect(repair(doc).roomsRemoved).toEqual(['r100', 'r101', 'r102', 'r103', 'r104'])
    expect(liveRooms(doc)).toHaveLength(100)
  })

  it('makes the same edits on two processes, so running it twice at once converges', () => {
    const [a, b, c] = replicas(3) as [Y.Doc, Y.Doc, Y.Doc]
    const { doc } = overfull(2)
    Y.applyUpdate(a, stateOf(doc))
    sync(a, b, c)
    const reportA = repair(a)
    const reportB = repair(b)
    expect(reportB).toEqual(reportA)
    repair(c)
    sync(a, b, c)
    expect(stateOf(b)).toEqual(stateOf(a))
    expect(stateOf(c)).toEqual(stateOf(a))
    expect(JSON.stringify(viewOf(b))).toBe(JSON.stringify(viewOf(a)))
    expect(liveRooms(a)).toHaveLength(2)
    expect(needsRepair(a)).toBe(false)
  })
})
