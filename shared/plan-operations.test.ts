import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  ASSIGNMENT_MODES,
  DEFAULT_MAX_ROOMS,
  MAX_ROOM_NAME_LENGTH,
  MAX_TIME_LIMIT_SECONDS,
  PERMISSIONS,
  addRoom,
  assign,
  assignedRoom,
  assignmentsOf,
  configureSession,
  createRooms,
  deleteRoom,
  liveRooms,
  renameRoom,
  setAssignmentMode,
  setPermission,
  setTimeLimit,
  upsertParticipant,
  viewOf,
  type AssignmentMode,
  type Permission,
} from './index.js'
import { expectError, expectOk, leavesUnchanged } from '../test/node/results.js'
import { updatesDuring } from '../test/node/replicas.js'

function sessionWithPeople(...ids: string[]): Y.Doc {
  const doc = new Y.Doc()
  for (const id of ids) {
    expectOk(upsertParticipant(doc, { id, name: `Name ${id}`, role: 'participant', online: true }))
  }
  return doc
}

function roomNames(doc: Y.Doc): string[] {
  return liveRooms(doc).map(({ name }) => name)
}


describe('createRooms', () => {
  it('names new rooms "Room 1" to "Room N" in order', () => {
    const doc = new Y.Doc()
    const ids = expectOk(createRooms(doc, 4))
    expect(ids).toHaveLength(4)
    expect(liveRooms(doc).map(({ id }) => id)).toEqual(ids)
    expect(roomNames(doc)).toEqual(['Room 1', 'Room 2', 'Room 3', 'Room 4'])
  })

  it('keeps existing rooms and adds after them without replace', () => {
    const doc = new Y.Doc()
    const first = expectOk(createRooms(doc, 2))
    const added = expectOk(createRooms(doc, 3))
    expect(liveRooms(doc).map(({ id }) => id)).toEqual([...first, ...added])
    expect(roomNames(doc)).toEqual(['Room 1', 'Room 2', 'Room 3', 'Room 4', 'Room 5'])
  })

  it('replaces the old rooms and returns their members to the main room', () => {
    const doc = sessionWithPeople('p1', 'p2')
    const [old] = expectOk(createRooms(doc, 3))
    expectOk(assign(doc, 'p1', old ?? null))
    const fresh = expectOk(createRooms(doc, 2, { replace: true }))
    expect(liveRooms(doc).map(({ id }) => id)).toEqual(fresh)
    expect(roomNames(doc)).toEqual(['Room 1', 'Room 2'])
    expect(assignedRoom(doc, 'p1')).toBeNull()
    expect(viewOf(doc).mainRoom.assigned.map(({ id }) => id)).toEqual(['p1', 'p2'])
  })

  it('replaces a full session with as many rooms as the maximum allows', () => {
    const doc = new Y.Doc()
    expectOk(createRooms(doc, DEFAULT_MAX_ROOMS))
    const fresh = expectOk(createRooms(doc, DEFAULT_MAX_ROOMS, { replace: true }))
    expect(liveRooms(doc).map(({ id }) => id)).toEqual(fresh)
  })

  it('makes the whole batch in one update', () => {
    const doc = new Y.Doc()
    expect(updatesDuring(doc, () => expectOk(createRooms(doc, 5)))).toBe(1)
  })

  it('creates up to 100 rooms when the session allows 100', () => {
    const doc = new Y.Doc()
    expectOk(configureSession(doc, { maxRooms: 100 }))
    expectOk(createRooms(doc, 100))
    expect(liveRooms(doc)).toHaveLength(100)
    expect(roomNames(doc).at(-1)).toBe('Room 100')
  })

  it.each([0, -1, 1.5, Number.NaN])('refuses a count of %s', (count) => {
    const doc = new Y.Doc()
    const result = leavesUnchanged(doc, () => createRooms(doc, count))
    expectError(result, { code: 'INVALID_ARGUMENT', field: 'count', shows: `got ${count}` })
  })

  it('refuses a count above the default maximum of 15 rooms', () => {
    const doc = new Y.Doc()
    const result = leavesUnchanged(doc, () => createRooms(doc, 16))
    const error = expectError(result, { code: 'INVALID_ARGUMENT', field: 'count', shows: '16' })
    expect(error.allowed).toContain('15')
  })

  it('refuses a count that would pass the maximum together with the kept rooms', () => {
    const doc = new Y.Doc()
    expectOk(configureSession(doc, { maxRooms: 5 }))
    expectOk(createRooms(doc, 3))
    const result = leavesUnchanged(doc, () => createRooms(doc, 3))
    const error = expectError(result, { code: 'INVALID_ARGUMENT', field: 'count', shows: '3' })
    expect(error.allowed).toContain('1 to 2')
  })

  it('reports the room limit when the session already has its most rooms', () => {
    const doc = new Y.Doc()
    expectOk(configureSession(doc, { maxRooms: 2 }))
    expectOk(createRooms(doc, 2))
    const result = leavesUnchanged(doc, () => createRooms(doc, 1))
    const error = expectError(result, { code: 'ROOM_LIMIT_REACHED', field: 'rooms', shows: '3' })
    expect(error.message).toContain('maxRooms')
  })
})

describe('addRoom', () => {
  it('returns the id of a new room at the end of the list', () => {
    const doc = new Y.Doc()
    expectOk(createRooms(doc, 2))
    const id = expectOk(addRoom(doc))
    expect(liveRooms(doc).at(-1)).toMatchObject({ id, name: 'Room 3' })
  })

  it('uses the given name, trimmed', () => {
    const doc = new Y.Doc()
    const id = expectOk(addRoom(doc, '  Design review '))
    expect(liveRooms(doc)).toEqual([{ id, name: 'Design review', position: 1 }])
  })

  it('gives every added room its own id', () => {
    const doc = new Y.Doc()
    const ids = new Set(Array.from({ length: 10 }, () => expectOk(addRoom(doc))))
    expect(ids.size).toBe(10)
  })

  it('skips a default name that a room already has', () => {
    const doc = new Y.Doc()
    expectOk(addRoom(doc, 'Room 2'))
    expectOk(addRoom(doc))
    expect(roomNames(doc)).toEqual(['Room 2', 'Room 3'])
  })

  it('accepts a name of exactly 64 characters', () => {
    const doc = new Y.Doc()
    const name = 'x'.repeat(MAX_ROOM_NAME_LENGTH)
    expectOk(addRoom(doc, name))
    expect(roomNames(doc)).toEqual([name])
  })

  it.each([
    ['an empty name', '', '(0 characters)'],
    ['a blank name', '   ', '(3 characters)'],
    ['a name of 65 characters', 'y'.repeat(65), '(65 characters)'],
  ])('refuses %s', (_label, name, shows) => {
    const doc = new Y.Doc()
    const result = leavesUnchanged(doc, () => addRoom(doc, name))
    const error = expectError(result, { code: 'INVALID_ARGUMENT', field: 'name', shows })
    expect(error.allowed).toBe('1-64 characters')
  })

  it('refuses a sixteenth room by default', () => {
    const doc = new Y.Doc()
    expectOk(createRooms(doc, 15))
    const result = leavesUnchanged(doc, () => addRoom(doc))
    expectError(result, { code: 'ROOM_LIMIT_REACHED', field: 'rooms', shows: '16' })
  })
})

describe('renameRoom', () => {
  it('renames a room and keeps its place', () => {
    const doc = new Y.Doc()
    const [first, second] = expectOk(createRooms(doc, 2))
    expectOk(renameRoom(doc, second as string, ' Quiet corner '))
    expect(liveRooms(doc)).toEqual([
      { id: first, name: 'Room 1', position: 1 },
      { id: second, name: 'Quiet corner', position: 2 },
    ])
  })

  it('refuses an unknown room and names its id', () => {
    const doc = new Y.Doc()
    expectOk(createRooms(doc, 1))
    const result = leavesUnchanged(doc, () => renameRoom(doc, 'nope', 'Anything'))
    expectError(result, { code: 'UNKNOWN_ROOM', field: 'roomId', shows: '"nope"' })
  })

  it('refuses a deleted room', () => {
    const doc = new Y.Doc()
    const [id] = expectOk(createRooms(doc, 1)) as [string]
    expectOk(deleteRoom(doc, id))
    const result = leavesUnchanged(doc, () => renameRoom(doc, id, 'Back again'))
    expectError(result, { code: 'UNKNOWN_ROOM', field: 'roomId', shows: id })
  })

  it('refuses a name over 64 characters', () => {
    const doc = new Y.Doc()
    const [id] = expectOk(createRooms(doc, 1)) as [string]
    const long = 'z'.repeat(100)
    const result = leavesUnchanged(doc, () => renameRoom(doc, id, long))
    expectError(result, { code: 'INVALID_ARGUMENT', field: 'name', shows: '(100 characters)' })
    expect(roomNames(doc)).toEqual(['Room 1'])
  })
})

describe('deleteRoom', () => {
  it('deletes a room and returns its members to the main room', () => {
    const doc = sessionWithPeople('p1', 'p2', 'p3')
    const [a, b] = expectOk(createRooms(doc, 2)) as [string, string]
    expectOk(assign(doc, 'p1', a))
    expectOk(assign(doc, 'p2', b))
    expectOk(deleteRoom(doc, a))
    expect(liveRooms(doc).map(({ id }) => id)).toEqual([b])
    expect(assignedRoom(doc, 'p1')).toBeNull()
    expect(assignmentsOf(doc).has('p1')).toBe(false)
    expect(assignedRoom(doc, 'p2')).toBe(b)
    expect(viewOf(doc).mainRoom.assigned.map(({ id }) => id)).toEqual(['p1', 'p3'])
  })

  it('frees a place under the maximum', () => {
    const doc = new Y.Doc()
    const ids = expectOk(createRooms(doc, 15))
    expectOk(deleteRoom(doc, ids[3] as string))
    expectOk(addRoom(doc))
    expect(liveRooms(doc)).toHaveLength(15)
  })

  it('refuses to delete a room twice', () => {
    const doc = new Y.Doc()
    const [id] = expectOk(createRooms(doc, 1)) as [string]
    expectOk(deleteRoom(doc, id))
    const result = leavesUnchanged(doc, () => deleteRoom(doc, id))
    expectError(result, { code: 'UNKNOWN_ROOM', field: 'roomId', shows: id })
  })
})

describe('assign', () => {
  it('moves a participant dropped on a room', () => {
    const doc = sessionWithPeople('p1')
    const [, room] = expectOk(createRooms(doc, 2)) as [string, string]
    expectOk(assign(doc, 'p1', room))
    expect(assignedRoom(doc, 'p1')).toBe(room)
    expect(viewOf(doc).rooms[1]?.assigned.map(({ id }) => id)).toEqual(['p1'])
  })

  it('moves a participant from one room to another', () => {
    const doc = sessionWithPeople('p1')
    const [a, b] = expectOk(createRooms(doc, 2)) as [string, string]
    expectOk(assign(doc, 'p1', a))
    expectOk(assign(doc, 'p1', b))
    const view = viewOf(doc)
    expect(view.rooms.map((room) => room.assignedCount)).toEqual([0, 1])
  })

  it('returns a participant to the main room with null', () => {
    const doc = sessionWithPeople('p1')
    const [room] = expectOk(createRooms(doc, 1)) as [string]
    expectOk(assign(doc, 'p1', room))
    expectOk(assign(doc, 'p1', null))
    expect(assignedRoom(doc, 'p1')).toBeNull()
    expect(viewOf(doc).mainRoom.assigned.map(({ id }) => id)).toEqual(['p1'])
  })

  it('writes nothing when the participant is already there', () => {
    const doc = sessionWithPeople('p1')
    const [room] = expectOk(createRooms(doc, 1)) as [string]
    expectOk(assign(doc, 'p1', room))
    expect(updatesDuring(doc, () => expectOk(assign(doc, 'p1', room)))).toBe(0)
    expect(updatesDuring(doc, () => expectOk(assign(doc, 'p2', null)))).toBe(0)
  })

  it('refuses an unknown room', () => {
    const doc = sessionWithPeople('p1')
    expectOk(createRooms(doc, 1))
    const result = leavesUnchanged(doc, () => assign(doc, 'p1', 'room-that-never-was'))
    expectError(result, { code: 'UNKNOWN_ROOM', field: 'roomId', shows: 'room-that-never-was' })
  })

  it('refuses an empty participant id', () => {
    const doc = sessionWithPeople('p1')
    const [room] = expectOk(createRooms(doc, 1)) as [string]
    const result = leavesUnchanged(doc, () => assign(doc, '', room))
    expectError(result, { code: 'INVALID_ARGUMENT', field: 'participantId', shows: '""' })
  })
})

describe('settings', () => {
  it.each(ASSIGNMENT_MODES)('sets the assignment mode to %s', (mode) => {
    const doc = new Y.Doc()
    expectOk(setAssignmentMode(doc, mode))
    expect(viewOf(doc).settings.mode).toBe(mode)
  })

  it('refuses an unknown assignment mode and lists the modes', () => {
    const doc = new Y.Doc()
    const result = leavesUnchanged(doc, () => setAssignmentMode(doc, 'lottery' as AssignmentMode))
    const error = expectError(result, {
      code: 'INVALID_ARGUMENT', field: 'mode', shows: '"lottery"',
    })
    expect(error.allowed).toBe('one of auto, manual, choose')
  })

  it('sets the time limit in seconds', () => {
    const doc = new Y.Doc()
    expectOk(setTimeLimit(doc, 90))
    expect(viewOf(doc).settings.timeLimitSeconds).toBe(90)
    expectOk(setTimeLimit(doc, MAX_TIME_LIMIT_SECONDS))
    expect(viewOf(doc).settings.timeLimitSeconds).toBe(MAX_TIME_LIMIT_SECONDS)
  })

  it('removes the time limit with null', () => {
    const doc = new Y.Doc()
    expectOk(setTimeLimit(doc, null))
    expect(viewOf(doc).settings.timeLimitSeconds).toBeNull()
  })

  it.each([0, -60, 1.5, MAX_TIME_LIMIT_SECONDS + 1, Number.POSITIVE_INFINITY])(
    'refuses a time limit of %s seconds', (seconds) => {
      const doc = new Y.Doc()
      const result = leavesUnchanged(doc, () => setTimeLimit(doc, seconds))
      expectError(result, {
        code: 'INVALID_ARGUMENT', field: 'timeLimitSeconds', shows: `got ${seconds}`,
      })
      expect(viewOf(doc).settings.timeLimitSeconds).toBe(600)
    })

  it('refuses a time limit given as text', () => {
    const doc = new Y.Doc()
    const result = leavesUnchanged(doc, () => setTimeLimit(doc, '600' as unknown as number))
    expectError(result, { code: 'INVALID_ARGUMENT', field: 'timeLimitSeconds', shows: '"600"' })
  })

  it.each(PERMISSIONS)('turns the %s permission off and on again', (key) => {
    const doc = new Y.Doc()
    expectOk(setPermission(doc, key, false))
    const off = viewOf(doc).permissions
    expect(off[key]).toBe(false)
    expect(Object.values(off).filter((allowed) => !allowed)).toHaveLength(1)
    expectOk(setPermission(doc, key, true))
    expect(viewOf(doc).permissions[key]).toBe(true)
  })

  it('refuses an unknown permission and lists the seven', () => {
    const doc = new Y.Doc()
    const result = leavesUnchanged(doc, () => setPermission(doc, 'teleport' as Permission, true))
    const error = expectError(result, {
      code: 'INVALID_ARGUMENT', field: 'permission', shows: 'teleport',
    })
    for (const key of PERMISSIONS) expect(error.allowed).toContain(key)
  })

  it('refuses a permission value that is not a boolean', () => {
    const doc = new Y.Doc()
    const result = leavesUnchanged(doc,
      () => setPermission(doc, 'recording', 'no' as unknown as boolean))
    expectError(result, { code: 'INVALID_ARGUMENT', field: 'allowed', shows: '"no"' })
  })
})
