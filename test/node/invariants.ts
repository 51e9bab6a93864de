/**
 * Every promise the derived view makes, whatever state a merge produced. The
 * check returns the broken ones as sentences rather than throwing at the first,
 * so a fuzz failure shows everything that went wrong at once.
 */
import {
  ASSIGNMENT_MODES,
  MAX_ROOMS_LIMIT,
  MAX_TIME_LIMIT_SECONDS,
  PERMISSIONS,
  type ParticipantView,
  type PersonView,
  type SessionView,
} from '../../shared/index.js'

export function viewProblems(view: SessionView): string[] {
  const problems: string[] = []
  const participantIds = Object.keys(view.participants).sort()
  const running = view.phase === 'running'

  for (const placement of ['members', 'assigned'] as const) {
    const seen = new Map<string, number>()
    const lists = [...view.rooms.map((room) => room[placement]), view.mainRoom[placement]]
    for (const list of lists) for (const { id } of list) seen.set(id, (seen.get(id) ?? 0) + 1)
    for (const id of participantIds) {
      const times = seen.get(id) ?? 0
      if (times !== 1) problems.push(`${id} is shown ${times} times among ${placement}`)
    }
    for (const id of seen.keys()) {
      if (!(id in view.participants)) {
        problems.push(`${id} is among ${placement} but not a participant`)
      }
    }
  }

  const counted = [...view.rooms, view.mainRoom]
  for (const [index, room] of counted.entries()) {
    const name = index < view.rooms.length ? `room ${index}` : 'main room'
    if (room.count !== room.members.length) problems.push(`${name} count is not its members`)
    if (room.assignedCount !== room.assigned.length) {
      problems.push(`${name} assignedCount is not its assigned`)
    }
    if (!isSortedByName(room.members) || !isSortedByName(room.assigned)) {
      problems.push(`${name} lists people out of name order`)
    }
  }

  for (const room of view.rooms) {
    if (!running && room.members.length > 0) {
      problems.push(`room ${room.id} has members while ${view.phase}`)
    }
    if (running && !sameIds(room.members, room.assigned)) {
      problems.push(`room ${room.id} members differ from its plan while running`)
    }
    for (const person of room.assigned) {
      if (view.participants[person.id]?.assignedRoomId !== room.id) {
        problems.push(`${person.id} is planned into ${room.id} but says otherwise`)
      }
    }
    for (const person of room.members) {
      if (view.participants[person.id]?.roomId !== room.id) {
        problems.push(`${person.id} is in ${room.id} but says otherwise`)
      }
    }
  }
  for (const person of view.mainRoom.assigned) {
    if (person.assignedRoomId !== null) {
      problems.push(`${person.id} is planned into main but names a room`)
    }
  }
  for (const person of view.mainRoom.members) {
    if (person.roomId !== null) problems.push(`${person.id} is in main but names a room`)
  }
  if (!running && view.mainRoom.count !== participantIds.length) {
    problems.push(`not everyone is in the main room while ${view.phase}`)
  }

  const roomIds = view.rooms.map(({ id }) => id)
  if (new Set(roomIds).size !== roomIds.length) problems.push('a room is shown twice')
  for (let i = 1; i < view.rooms.length; i++) {
    const [before, after] = [view.rooms[i - 1], view.rooms[i]]
    if (!before || !after) continue
    const ordered = before.position < after.position ||
      (before.position === after.position && before.id < after.id)
    if (!ordered) problems.push(`rooms ${before.id} and ${after.id} are out of order`)
  }

  const keys = Object.keys(view.permissions).sort()
  if (JSON.stringify(keys) !== JSON.stringify([...PERMISSIONS].sort())) {
    problems.push(`permissions are ${keys.join(',')}`)
  }
  for (const [key, allowed] of Object.entries(view.permissions)) {
    if (typeof allowed !== 'boolean') problems.push(`permission ${key} is ${String(allowed)}`)
  }

  const { mode, timeLimitSeconds, maxRooms } = view.settings
  if (!ASSIGNMENT_MODES.includes(mode)) problems.push(`mode is ${String(mode)}`)
  if (timeLimitSeconds !== null && !(Number.isInteger(timeLimitSeconds) &&
    timeLimitSeconds >= 1 && timeLimitSeconds <= MAX_TIME_LIMIT_SECONDS)) {
    problems.push(`time limit is ${timeLimitSeconds}`)
  }
  if (!Number.isInteger(maxRooms) || maxRooms < 1 || maxRooms > MAX_ROOMS_LIMIT) {
    problems.push(`maxRooms is ${maxRooms}`)
  }
  if (view.remainingMs !== null && !(view.remainingMs >= 0)) {
    problems.push(`remainingMs is ${view.remainingMs}`)
  }

  const rosterIds = view.roster.map(({ id }) => id)
  if (new Set(rosterIds).size !== rosterIds.length) problems.push('someone is on the roster twice')
  if (!isSortedByName(view.roster)) problems.push('the roster is out of name order')
  for (const id of participantIds) {
    const entry = view.roster.find((person) => person.id === id)
    if (entry?.role !== 'participant') problems.push(`${id} is not a participant on the roster`)
  }
  return problems
}

function sameIds(a: readonly ParticipantView[], b: readonly ParticipantView[]): boolean {
  return a.length === b.length && a.every((person, i) => person.id === b[i]?.id)
}

function isSortedByName(people: readonly PersonView[]): boolean {
  for (let i = 1; i < people.length; i++) {
    const [a, b] = [people[i - 1], people[i]]
    if (!a || !b) continue
    const order = a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
    if (order >= 0) return false
  }
  return true
}
