/**
 * The operations moderators perform on the plan: rooms, assignments and
 * settings. Each runs in one transaction, so a replica sends it as one update,
 * and each checks its input first: a rejected call changes nothing.
 *
 * These write only the plan roots. The server-owned roots (roster,
 * lifecycle) are written by `server-operations.ts`.
 */
import * as Y from 'yjs'
import {
  assignmentsOf,
  deletedRoomsOf,
  permissionsOf,
  roomsOf,
  rosterOf,
  settingsOf,
  type AssignmentMode,
  type Permission,
} from './schema.js'
import { fail, invalidField, ok, type Result } from './errors.js'
import { isLiveRoom, liveRooms, maxRoomsOf } from './read.js'
import {
  checkAssignmentMode,
  checkCount,
  checkId,
  checkPermission,
  checkRoomName,
  checkTimeLimit,
} from './validate.js'
import { randomId } from './ids.js'
import { balancedPlacement, type Random } from './auto-assign.js'

export interface CreateRoomsOptions {
  /** Delete the existing rooms first; their members return to the main room. */
  replace?: boolean
}

/** Adds `count` rooms named "Room N". Returns the new rooms' ids in order. */
export function createRooms(doc: Y.Doc, count: number,
  { replace = false }: CreateRoomsOptions = {}): Result<string[]> {
  const existing = liveRooms(doc)
  const max = maxRoomsOf(doc)
  const available = replace ? max : max - existing.length
  if (available < 1) return fail(roomLimit(max, existing.length))
  const invalid = checkCount(count, available)
  if (invalid) return fail(invalid)

  const ids: string[] = []
  doc.transact(() => {
    if (replace) removeRooms(doc, existing.map(({ id }) => id))
    const kept = replace ? [] : existing
    let position = nextPosition(kept)
    const taken = new Set(kept.map(({ name }) => name))
    let number = 1
    for (let i = 0; i < count; i++) {
      while (taken.has(`Room ${number}`)) number++
      const id = randomId()
      roomsOf(doc).set(id, { name: `Room ${number}`, position: position++ })
      taken.add(`Room ${number}`)
      ids.push(id)
    }
  })
  return ok(ids)
}

/** Adds one room at the end. Without a name it takes the next free "Room N". */
export function addRoom(doc: Y.Doc, name?: string): Result<string> {
  const existing = liveRooms(doc)
  const max = maxRoomsOf(doc)
  if (existing.length >= max) return fail(roomLimit(max, existing.length))
  if (name !== undefined) {
    const invalid = checkRoomName(name)
    if (invalid) return fail(invalid)
  }

  const taken = new Set(existing.map((room) => room.name))
  let number = existing.length + 1
  while (taken.has(`Room ${number}`)) number++
  const id = randomId()
  const record = { name: name?.trim() ?? `Room ${number}`, position: nextPosition(existing) }
  roomsOf(doc).set(id, record)
  return ok(id)
}

export function renameRoom(doc: Y.Doc, roomId: string, name: string): Result<void> {
  const invalid = checkRoomName(name) ?? checkLiveRoom(doc, roomId)
  if (invalid) return fail(invalid)

  const record = roomsOf(doc).get(roomId)
  if (!record) return fail(unknownRoom(roomId))
  roomsOf(doc).set(roomId, { name: name.trim(), position: record.position })
  return ok(undefined)
}

/** Deletes a room; its members return to the main room. */
export function deleteRoom(doc: Y.Doc, roomId: string): Result<void> {
  const invalid = checkLiveRoom(doc, roomId)
  if (invalid) return fail(invalid)

  doc.transact(() => removeRooms(doc, [roomId]))
  return ok(undefined)
}

/** Moves a participant to a room, or to the main room with `null`. */
export function assign(doc: Y.Doc, participantId: string, roomId: string | null): Result<void> {
  const invalid = checkId(participantId, 'participantId') ??
    (roomId === null ? null : checkLiveRoom(doc, roomId))
  if (invalid) return fail(invalid)

  const assignments = assignmentsOf(doc)
  if (roomId === null) {
    if (assignments.has(participantId)) assignments.delete(participantId)
  } else if (assignments.get(participantId) !== roomId) {
    assignments.set(participantId, roomId)
  }
  return ok(undefined)
}

export interface AutoAssignOptions {
  /** Who to place; by default every participant on the roster. */
  participants?: readonly string[]
  /** Leave people who are already in a room where they are. */
  keepAssigned?: boolean
  /** Source of randomness in [0, 1), for reproducible tests. */
  random?: Random
}

/**
 * Places participants at random so that room sizes differ by at most one.
 * Returns participant id -> room id for everyone it placed.
 */
export function autoAssign(doc: Y.Doc,
  options: AutoAssignOptions = {}): Result<Map<string, string>> {
  const { keepAssigned = false, random = Math.random } = options
  const rooms = liveRooms(doc)
  if (rooms.length === 0) {
    return fail(invalidField('rooms', 0, 'at least one room to assign to', 'WRONG_PHASE'))
  }
  const people = options.participants ?? rosterParticipants(doc)
  for (const id of people) {
    const invalid = checkId(id, 'participants[]')
    if (invalid) return fail(invalid)
  }

  const assignments = assignmentsOf(doc)
  const moving = new Set(people)
  const shown = new Set(rosterParticipants(doc))
  const sizes = new Map(rooms.map(({ id }) => [id, 0]))
  const toPlace: string[] = []
  // A room's size counts who stays in it and is seen there: the view does not
  // show planned people who left the roster, so counting them would leave the
  // rooms people see uneven.
  for (const [participantId, roomId] of assignments.entries()) {
    const stays = moving.has(participantId) ? keepAssigned : shown.has(participantId)
    if (stays && sizes.has(roomId)) sizes.set(roomId, (sizes.get(roomId) ?? 0) + 1)
  }
  for (const id of moving) {
    const current = assignments.get(id)
    if (!keepAssigned || current === undefined || !sizes.has(current)) toPlace.push(id)
  }
  // Map order is the order this replica learnt the keys in; sorting first makes
  // the placement depend only on the document and the random source.
  toPlace.sort()
  const placement = balancedPlacement(toPlace, sizes, random)

  doc.transact(() => {
    for (const [participantId, roomId] of placement) {
      if (assignments.get(participantId) !== roomId) assignments.set(participantId, roomId)
    }
  })
  return ok(placement)
}

export function setAssignmentMode(doc: Y.Doc, mode: AssignmentMode): Result<void> {
  const invalid = checkAssignmentMode(mode)
  if (invalid) return fail(invalid)

  settingsOf(doc).set('mode', mode)
  return ok(undefined)
}

/** Sets the time limit in seconds, or removes it with `null`. */
export function setTimeLimit(doc: Y.Doc, seconds: number | null): Result<void> {
  const invalid = checkTimeLimit(seconds)
  if (invalid) return fail(invalid)

  settingsOf(doc).set('timeLimitSeconds', seconds)
  return ok(undefined)
}

export function setPermission(doc: Y.Doc, key: Permission, allowed: boolean): Result<void> {
  const invalid = checkPermission(key) ??
    (typeof allowed === 'boolean' ? null : invalidField('allowed', allowed, 'true or false'))
  if (invalid) return fail(invalid)

  permissionsOf(doc).set(key, allowed)
  return ok(undefined)
}

/**
 * Deletes rooms and sends their members to the main room. Shared with
 * `repair`, which must make exactly the same edits on every process.
 */
export function removeRooms(doc: Y.Doc, roomIds: readonly string[]): void {
  if (roomIds.length === 0) return
  const gone = new Set(roomIds)
  const rooms = roomsOf(doc)
  const deleted = deletedRoomsOf(doc)
  const assignments = assignmentsOf(doc)
  doc.transact(() => {
    for (const id of gone) {
      if (!deleted.has(id)) deleted.set(id, true)
      if (rooms.has(id)) rooms.delete(id)
    }
    for (const [participantId, roomId] of assignments.entries()) {
      if (gone.has(roomId)) assignments.delete(participantId)
    }
  })
}

function rosterParticipants(doc: Y.Doc): string[] {
  const ids: string[] = []
  rosterOf(doc).forEach((record, id) => {
    if (record?.role === 'participant') ids.push(id)
  })
  return ids
}

function nextPosition(rooms: readonly { position: number }[]): number {
  let last = 0
  for (const { position } of rooms) last = Math.max(last, position)
  return Math.floor(last) + 1
}

function checkLiveRoom(doc: Y.Doc, roomId: unknown) {
  const invalid = checkId(roomId, 'roomId')
  if (invalid) return invalid
  return isLiveRoom(doc, roomId as string) ? null : unknownRoom(roomId)
}

function unknownRoom(roomId: unknown) {
  return invalidField('roomId', roomId, 'the id of a room in this session', 'UNKNOWN_ROOM')
}

function roomLimit(max: number, count: number) {
  return invalidField('rooms', count + 1, `at most ${max} rooms (the session's maxRooms)`,
    'ROOM_LIMIT_REACHED')
}
