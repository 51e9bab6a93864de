/**
 * The derived view: a plain, frozen picture of a session computed from the
 * document alone. It is total: whatever state a merge produced, each
 * participant on the roster appears in exactly one place.
 *
 * Two placements are shown side by side:
 * - `assigned`: the plan, where each participant goes when rooms open. An
 *   assignment to a room that no longer exists means the main room.
 * - `members`: where each participant is now. Outside the running phase that
 *   is the main room for everyone; the plan is kept for the next round.
 *
 * Cost is linear in roster size plus rooms, with one sort of each room's
 * people, so a 5,000 person roster derives in a few milliseconds.
 */
import * as Y from 'yjs'
import { assignmentsOf, messagesOf, rosterOf, type AssignmentMode, type MessageKind,
  type Permission, type Phase, type Role } from './schema.js'
import {
  liveRooms,
  maxRoomsOf,
  modeOf,
  permissionsView,
  phaseOf,
  roundOf,
  timeField,
  timeLimitOf,
} from './read.js'
import { isMessageKind, isRole } from './validate.js'

export interface PersonView {
  readonly id: string
  readonly name: string
  readonly role: Role
  readonly online: boolean
}

export interface ParticipantView extends PersonView {
  readonly role: 'participant'
  /** The room of the plan, or null for the main room. */
  readonly assignedRoomId: string | null
  /** The room they are in now, or null for the main room. */
  readonly roomId: string | null
}

export interface RoomView {
  readonly id: string
  readonly name: string
  readonly position: number
  /** Who is in the room now (empty unless the phase is running). */
  readonly members: readonly ParticipantView[]
  readonly count: number
  /** Who the plan puts in the room. */
  readonly assigned: readonly ParticipantView[]
  readonly assignedCount: number
}

export interface MainRoomView {
  readonly members: readonly ParticipantView[]
  readonly count: number
  /** Who the plan leaves in the main room. */
  readonly assigned: readonly ParticipantView[]
  readonly assignedCount: number
}

export interface SettingsView {
  readonly mode: AssignmentMode
  readonly timeLimitSeconds: number | null
  readonly maxRooms: number
}

export interface MessageView {
  readonly id: string
  readonly kind: MessageKind
  /** The moderator's name for a broadcast; the participant id for a help request. */
  readonly from: string
  /** The broadcast's text; the room id a help request was sent from. */
  readonly text: string
  readonly at: number
}

export interface HelpRequestView {
  readonly participantId: string
  readonly name: string
  /** The room the participant is in now. */
  readonly roomId: string
  readonly at: number
}

export interface SessionView {
  readonly phase: Phase
  readonly round: number
  /** Server times in ms. */
  readonly startedAt: number | null
  readonly endsAt: number | null
  readonly closedAt: number | null
  /** The time the view was derived at, when one was given. */
  readonly now: number | null
  /** Time left while running with a limit, when `now` was given; never negative. */
  readonly remainingMs: number | null
  readonly settings: SettingsView
  readonly permissions: Readonly<Record<Permission, boolean>>
  readonly rooms: readonly RoomView[]
  readonly mainRoom: MainRoomView
  /** Everyone on the roster, moderators included, by name. */
  readonly roster: readonly PersonView[]
  /** Participants by id, for the participant view and the host platform. */
  readonly participants: Readonly<Record<string, ParticipantView>>
  /** Broadcasts and help requests, oldest first, so the newest is last. */
  readonly messages: readonly MessageView[]
  /**
   * Open help requests: asked this round by participants who are in a room
   * now, oldest first. A request from an earlier round, or from someone since
   * brought back to the main room, is no longer anyone's to answer.
   */
  readonly helpRequests: readonly HelpRequestView[]
}

export function viewOf(doc: Y.Doc, now?: number): SessionView {
  const phase = phaseOf(doc)
  const running = phase === 'running'
  const rooms = liveRooms(doc)
  const roomIds = new Set(rooms.map(({ id }) => id))
  const assignments = assignmentsOf(doc)

  const roster: PersonView[] = []
  const everyone: ParticipantView[] = []
  const assignedTo = new Map<string | null, ParticipantView[]>()
  rosterOf(doc).forEach((record, id) => {
    if (typeof record !== 'object' || record === null) return
    const name = typeof record.name === 'string' && record.name ? record.name : id
    const role = isRole(record.role) ? record.role : 'participant'
    const online = record.online === true
    roster.push(Object.freeze({ id, name, role, online }))
    if (role !== 'participant') return
    const planned = assignments.get(id)
    const assignedRoomId = typeof planned === 'string' && roomIds.has(planned) ? planned : null
    const participant: ParticipantView = Object.freeze({
      id, name, role, online, assignedRoomId, roomId: running ? assignedRoomId : null,
    })
    everyone.push(participant)
    let list = assignedTo.get(assignedRoomId)
    if (!list) assignedTo.set(assignedRoomId, (list = []))
    list.push(participant)
  })

  // A Y.Map iterates in the order this replica learnt its keys, which differs
  // between replicas; filling the record in name order keeps every view equal.
  everyone.sort(byName)
  const participants: Record<string, ParticipantView> = Object.create(null)
  for (const participant of everyone) participants[participant.id] = participant

  const none: readonly ParticipantView[] = Object.freeze([])
  const roomViews = rooms.map(({ id, name, position }) => {
    const assigned = Object.freeze((assignedTo.get(id) ?? []).sort(byName))
    const members = running ? assigned : none
    return Object.freeze({
      id, name, position, members, count: members.length, assigned,
      assignedCount: assigned.length,
    })
  })
  const unassigned = Object.freeze((assignedTo.get(null) ?? []).sort(byName))
  const inMain = running ? unassigned : Object.freeze(everyone)

  const messages = messagesIn(doc)
  const startedAt = timeField(doc, 'startedAt')
  const helpRequests: HelpRequestView[] = []
  for (const message of messages) {
    if (!running || message.kind !== 'help' || message.at < (startedAt ?? 0)) continue
    const person = participants[message.from]
    if (!person || person.roomId === null) continue
    helpRequests.push(Object.freeze({ participantId: person.id, name: person.name,
      roomId: person.roomId, at: message.at }))
  }

  const endsAt = running ? timeField(doc, 'endsAt') : null
  const remainingMs = now === undefined || endsAt === null ? null : Math.max(0, endsAt - now)
  return Object.freeze({
    phase,
    round: roundOf(doc),
    startedAt,
    endsAt,
    closedAt: timeField(doc, 'closedAt'),
    now: now ?? null,
    remainingMs,
    settings: Object.freeze({
      mode: modeOf(doc), timeLimitSeconds: timeLimitOf(doc), maxRooms: maxRoomsOf(doc),
    }),
    permissions: permissionsView(doc),
    rooms: Object.freeze(roomViews),
    mainRoom: Object.freeze({
      members: inMain, count: inMain.length, assigned: unassigned,
      assignedCount: unassigned.length,
    }),
    roster: Object.freeze(roster.sort(byName)),
    participants: Object.freeze(participants),
    messages,
    helpRequests: Object.freeze(helpRequests),
  })
}

/** Well-formed messages, oldest first; ties by id so every replica lists them alike. */
function messagesIn(doc: Y.Doc): readonly MessageView[] {
  const messages: MessageView[] = []
  messagesOf(doc).forEach((record, id) => {
    if (typeof record !== 'object' || record === null) return
    const { kind, from, text, at } = record
    if (!isMessageKind(kind) || typeof from !== 'string' || typeof text !== 'string' ||
      typeof at !== 'number' || !Number.isFinite(at)) return
    messages.push(Object.freeze({ id, kind, from, text, at }))
  })
  messages.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return Object.freeze(messages)
}

// One fixed collation, not the runtime's locale, so a server and browsers set to
// different languages list people in the same order.
const collator = new Intl.Collator('en', { sensitivity: 'variant', numeric: true })

function byName(a: PersonView, b: PersonView): number {
  return collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}
