/**
 * Operations only the server performs: the roster, the lifecycle and the
 * session's configuration. Clients never write these roots; the server refuses
 * a client update that does. Times are the server's clock in milliseconds, so
 * a moderator whose clock is wrong cannot shorten a session.
 */
import * as Y from 'yjs'
import {
  MAX_BROADCASTS,
  lifecycleOf,
  messagesOf,
  rosterOf,
  type MessageKind,
  type MessageRecord,
  type Role,
} from './schema.js'
import { fail, invalidField, ok, type Result } from './errors.js'
import { assignedRoom, liveRooms, phaseOf, roundOf, timeField, timeLimitOf } from './read.js'
import { randomId } from './ids.js'
import {
  checkExtension,
  checkId,
  checkMaxRooms,
  checkMessageKind,
  checkMessageText,
  checkPersonName,
  checkRole,
  checkTime,
} from './validate.js'

export interface ParticipantInput {
  id: string
  name: string
  role: Role
  online: boolean
}

/** Adds a person to the roster or updates their entry. */
export function upsertParticipant(doc: Y.Doc, input: ParticipantInput): Result<void> {
  const { id, name, role, online } = input
  const invalid = checkId(id, 'id') ?? checkPersonName(name) ?? checkRole(role) ??
    (typeof online === 'boolean' ? null : invalidField('online', online, 'true or false'))
  if (invalid) return fail(invalid)

  const roster = rosterOf(doc)
  const current = roster.get(id)
  const record = { name: name.trim(), role, online }
  const same = current && current.name === record.name && current.role === role &&
    current.online === online
  if (!same) roster.set(id, record)
  return ok(undefined)
}

export function removeParticipant(doc: Y.Doc, id: string): Result<void> {
  if (!rosterOf(doc).has(id)) {
    return fail(invalidField('id', id, 'a participant on the roster', 'UNKNOWN_PARTICIPANT'))
  }
  rosterOf(doc).delete(id)
  return ok(undefined)
}

export interface SessionConfig {
  maxRooms: number
}

export function configureSession(doc: Y.Doc, { maxRooms }: SessionConfig): Result<void> {
  const invalid = checkMaxRooms(maxRooms)
  if (invalid) return fail(invalid)

  lifecycleOf(doc).set('maxRooms', maxRooms)
  return ok(undefined)
}

/**
 * Opens the rooms. Allowed from setup and, to reuse the rooms for another
 * round, from closed. Stamps the start and, when a limit is set, the end.
 */
export function startBreakout(doc: Y.Doc, now: number): Result<void> {
  const invalid = checkTime(now)
  if (invalid) return fail(invalid)
  if (phaseOf(doc) === 'running') {
    return fail(invalidField('phase', 'running', 'setup or closed to start', 'WRONG_PHASE'))
  }
  if (liveRooms(doc).length === 0) {
    return fail(invalidField('rooms', 0, 'at least one room to start', 'WRONG_PHASE'))
  }

  const limit = timeLimitOf(doc)
  const lifecycle = lifecycleOf(doc)
  doc.transact(() => {
    lifecycle.set('phase', 'running')
    lifecycle.set('startedAt', now)
    lifecycle.set('endsAt', limit === null ? null : now + limit * 1000)
    lifecycle.set('closedAt', null)
    lifecycle.set('round', roundOf(doc) + 1)
  })
  return ok(undefined)
}

/** Closes the rooms now: everyone is back in the main room, the plan is kept. */
export function endBreakout(doc: Y.Doc, now: number): Result<void> {
  const invalid = checkTime(now) ?? checkRunning(doc)
  if (invalid) return fail(invalid)

  const lifecycle = lifecycleOf(doc)
  doc.transact(() => {
    lifecycle.set('phase', 'closed')
    lifecycle.set('closedAt', now)
    lifecycle.set('endsAt', null)
  })
  return ok(undefined)
}

/**
 * Moves the end by `seconds` (negative to shorten). A session with no limit
 * must be given one with `scheduleEnd` first.
 */
export function extendBreakout(doc: Y.Doc, seconds: number): Result<void> {
  const invalid = checkExtension(seconds) ?? checkRunning(doc)
  if (invalid) return fail(invalid)
  const endsAt = timeField(doc, 'endsAt')
  if (endsAt === null) {
    return fail(invalidField('endsAt', null, 'a time limit running to extend', 'WRONG_PHASE'))
  }

  lifecycleOf(doc).set('endsAt', endsAt + seconds * 1000)
  return ok(undefined)
}

/** Sets when the running rooms close, e.g. `now + grace` for "end in 30 seconds". */
export function scheduleEnd(doc: Y.Doc, endsAt: number): Result<void> {
  const invalid = checkRunning(doc) ?? checkTime(endsAt, 'endsAt')
  if (invalid) return fail(invalid)

  lifecycleOf(doc).set('endsAt', endsAt)
  return ok(undefined)
}

export interface MessageInput {
  kind: MessageKind
  /** A moderator's name for a broadcast, a participant id for a help request. */
  from: string
  text: string
  /** Server time in ms. */
  at: number
}

/**
 * Writes a message and returns its id. A help request is keyed by its sender,
 * so asking again replaces the earlier request instead of piling up; the
 * roster bounds how many there can be. Broadcasts get random ids, and only
 * the newest `MAX_BROADCASTS` are kept, the rest deleted in the same
 * transaction so no replica ever sees more.
 */
export function postMessage(doc: Y.Doc, input: MessageInput): Result<string> {
  const { kind, from, text, at } = input
  const invalid = checkMessageKind(kind) ??
    (kind === 'help' ? checkId(from, 'from') : checkPersonName(from, 'from')) ??
    checkMessageText(text) ?? checkTime(at, 'at')
  if (invalid) return fail(invalid)

  const messages = messagesOf(doc)
  const id = kind === 'help' ? helpKey(from) : randomId()
  doc.transact(() => {
    messages.set(id, { kind, from: from.trim(), text: text.trim(), at })
    if (kind === 'broadcast') dropOldBroadcasts(messages)
  })
  return ok(id)
}

/**
 * A participant in a running room asks the moderators for help. Outside a
 * room there is no room to come to, so the request is refused.
 */
export function askForHelp(doc: Y.Doc, participantId: string, at: number): Result<void> {
  const invalid = checkId(participantId, 'participantId') ?? checkRunning(doc)
  if (invalid) return fail(invalid)
  const person = rosterOf(doc).get(participantId)
  if (!person || person.role !== 'participant') {
    return fail(invalidField('participantId', participantId, 'a participant on the roster',
      'UNKNOWN_PARTICIPANT'))
  }
  const roomId = assignedRoom(doc, participantId)
  if (roomId === null) {
    return fail(invalidField('roomId', null, 'a breakout room to ask for help in',
      'WRONG_PHASE'))
  }

  const posted = postMessage(doc, { kind: 'help', from: participantId, text: roomId, at })
  return posted.ok ? ok(undefined) : posted
}

/**
 * Removes a participant's help request. Dismissing one that is already gone
 * succeeds: two moderators clicking dismiss at once both did what they meant.
 */
export function dismissHelp(doc: Y.Doc, participantId: string): Result<void> {
  const invalid = checkId(participantId, 'participantId')
  if (invalid) return fail(invalid)

  const messages = messagesOf(doc)
  if (messages.has(helpKey(participantId))) messages.delete(helpKey(participantId))
  return ok(undefined)
}

function helpKey(participantId: string): string {
  return `help:${participantId}`
}

function dropOldBroadcasts(messages: Y.Map<MessageRecord>): void {
  const broadcasts: { id: string; at: number }[] = []
  messages.forEach((record, id) => {
    if (record?.kind === 'broadcast') broadcasts.push({ id, at: Number(record.at) || 0 })
  })
  if (broadcasts.length <= MAX_BROADCASTS) return
  // Oldest first; ties by id, so every replica would pick the same ones.
  broadcasts.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  for (const { id } of broadcasts.slice(0, broadcasts.length - MAX_BROADCASTS)) {
    messages.delete(id)
  }
}

function checkRunning(doc: Y.Doc) {
  const phase = phaseOf(doc)
  return phase === 'running' ? null :
    invalidField('phase', phase, 'running', 'WRONG_PHASE')
}
