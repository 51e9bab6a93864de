/**
 * Tolerant readers of the document. A document is the merge of what many
 * replicas wrote, and a moderator's client may be buggy or hostile, so every
 * reader accepts any value and falls back to the default for one it cannot use.
 */
import * as Y from 'yjs'
import {
  DEFAULT_MAX_ROOMS,
  DEFAULT_TIME_LIMIT_SECONDS,
  MAX_ROOM_NAME_LENGTH,
  PERMISSIONS,
  assignmentsOf,
  deletedRoomsOf,
  lifecycleOf,
  permissionsOf,
  roomsOf,
  settingsOf,
  type AssignmentMode,
  type Permission,
  type Phase,
  type RoomRecord,
} from './schema.js'
import { checkMaxRooms, checkTimeLimit, isAssignmentMode } from './validate.js'

export interface LiveRoom extends RoomRecord {
  readonly id: string
}

function isRoomRecord(value: unknown): value is RoomRecord {
  if (typeof value !== 'object' || value === null) return false
  const { name, position } = value as Record<string, unknown>
  return typeof name === 'string' && typeof position === 'number' && Number.isFinite(position)
}

/** Rooms that exist: present, well formed and not deleted; in dashboard order. */
export function liveRooms(doc: Y.Doc): LiveRoom[] {
  const deleted = deletedRoomsOf(doc)
  const rooms: LiveRoom[] = []
  roomsOf(doc).forEach((record, id) => {
    if (deleted.has(id) || !isRoomRecord(record)) return
    const name = record.name.trim().slice(0, MAX_ROOM_NAME_LENGTH) || 'Room'
    rooms.push({ id, name, position: record.position })
  })
  return rooms.sort(compareRooms)
}

export function compareRooms(a: LiveRoom, b: LiveRoom): number {
  if (a.position !== b.position) return a.position - b.position
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

export function isLiveRoom(doc: Y.Doc, id: string): boolean {
  return !deletedRoomsOf(doc).has(id) && isRoomRecord(roomsOf(doc).get(id))
}

export function maxRoomsOf(doc: Y.Doc): number {
  const max = lifecycleOf(doc).get('maxRooms')
  return checkMaxRooms(max) === null ? (max as number) : DEFAULT_MAX_ROOMS
}

export function modeOf(doc: Y.Doc): AssignmentMode {
  const mode = settingsOf(doc).get('mode')
  return isAssignmentMode(mode) ? mode : 'auto'
}

export function timeLimitOf(doc: Y.Doc): number | null {
  const settings = settingsOf(doc)
  if (!settings.has('timeLimitSeconds')) return DEFAULT_TIME_LIMIT_SECONDS
  const seconds = settings.get('timeLimitSeconds')
  return checkTimeLimit(seconds) === null ? (seconds as number | null) : DEFAULT_TIME_LIMIT_SECONDS
}

export function permissionOf(doc: Y.Doc, key: Permission): boolean {
  return permissionsOf(doc).get(key) !== false
}

export function permissionsView(doc: Y.Doc): Readonly<Record<Permission, boolean>> {
  const result = {} as Record<Permission, boolean>
  for (const key of PERMISSIONS) result[key] = permissionOf(doc, key)
  return Object.freeze(result)
}

export function phaseOf(doc: Y.Doc): Phase {
  const phase = lifecycleOf(doc).get('phase')
  return phase === 'running' || phase === 'closed' ? phase : 'setup'
}

export function timeField(doc: Y.Doc, key: 'startedAt' | 'endsAt' | 'closedAt'): number | null {
  const value = lifecycleOf(doc).get(key)
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

export function roundOf(doc: Y.Doc): number {
  const round = lifecycleOf(doc).get('round')
  return typeof round === 'number' && Number.isInteger(round) && round >= 0 ? round : 0
}

/** The room a participant is assigned to in the plan, or null for the main room. */
export function assignedRoom(doc: Y.Doc, participantId: string): string | null {
  const roomId = assignmentsOf(doc).get(participantId)
  return typeof roomId === 'string' && isLiveRoom(doc, roomId) ? roomId : null
}
