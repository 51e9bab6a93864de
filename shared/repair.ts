/**
 * Compensating edits for limits that only concurrent edits can break together.
 *
 * Each replica checks its own edit, but two moderators who each add rooms at
 * once can together pass the session's maximum, and a rename racing a delete
 * writes a deleted room's entry back. Rejecting either update would leave it
 * in its sender's copy forever, so the server instead makes these edits after
 * merging:
 *
 * - rooms past the maximum go, newest first (highest position, then highest
 *   id), and their members return to the main room;
 * - entries of deleted rooms that a concurrent rename wrote back are removed;
 * - assignments to deleted rooms are removed.
 *
 * The result depends only on the document, and every edit is a delete, so two
 * processes repairing the same state at once make the same edits and converge.
 */
import * as Y from 'yjs'
import { assignmentsOf, deletedRoomsOf, roomsOf } from './schema.js'
import { liveRooms, maxRoomsOf } from './read.js'
import { removeRooms } from './plan-operations.js'

export interface RepairReport {
  /** Rooms deleted because the session had more than its maximum. */
  readonly roomsRemoved: readonly string[]
  /** Deleted rooms whose entries came back with a concurrent rename. */
  readonly entriesCleared: readonly string[]
  readonly assignmentsCleared: number
}

export function repair(doc: Y.Doc): RepairReport {
  const rooms = roomsOf(doc)
  const deleted = deletedRoomsOf(doc)
  const assignments = assignmentsOf(doc)
  const live = liveRooms(doc)
  const excess = live.slice(maxRoomsOf(doc)).map(({ id }) => id)
  const entriesCleared = [...rooms.keys()].filter((id) => deleted.has(id))
  const dangling = [...assignments.entries()]
    .filter(([, roomId]) => deleted.has(roomId))
    .map(([participantId]) => participantId)
  const report = {
    roomsRemoved: excess,
    entriesCleared,
    assignmentsCleared: dangling.length,
  }
  if (excess.length + entriesCleared.length + dangling.length === 0) return report

  doc.transact(() => {
    removeRooms(doc, excess)
    for (const id of entriesCleared) rooms.delete(id)
    for (const participantId of dangling) {
      if (assignments.has(participantId)) assignments.delete(participantId)
    }
  })
  return report
}

/** True when `repair` would change something; cheap enough to call per update. */
export function needsRepair(doc: Y.Doc): boolean {
  const deleted = deletedRoomsOf(doc)
  if (liveRooms(doc).length > maxRoomsOf(doc)) return true
  for (const id of roomsOf(doc).keys()) if (deleted.has(id)) return true
  for (const roomId of assignmentsOf(doc).values()) if (deleted.has(roomId)) return true
  return false
}
