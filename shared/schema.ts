/**
 * The shape of a breakout session document.
 *
 * A session is one `Y.Doc`. Every root is a flat `Y.Map` whose values are plain
 * JSON, never nested shared types. Two reasons:
 *
 * - The server decides who may write by the root an update touches. In a flat
 *   document every item's parent is a root, so that check is a lookup, never a
 *   walk through nested types that may have been garbage collected.
 * - A room is one map entry, so a rename replaces the whole record and two
 *   concurrent renames resolve to one name on every replica.
 *
 * Roots, and who writes them (embedding pages may read them by these names):
 *
 * | root             | key            | value            | written by              |
 * | ---------------- | -------------- | ---------------- | ----------------------- |
 * | `rooms`          | room id        | `RoomRecord`     | moderators              |
 * | `deletedRooms`   | room id        | `true`           | moderators              |
 * | `assignments`    | participant id | room id          | moderators; server      |
 * | `settings`       | setting name   | setting value    | moderators              |
 * | `permissions`    | permission key | boolean          | moderators              |
 * | `roster`         | participant id | `RosterRecord`   | server                  |
 * | `lifecycle`      | field name     | field value      | server                  |
 * | `messages`       | message id     | `MessageRecord`  | server                  |
 *
 * `deletedRooms` makes a delete win over a concurrent rename: without it, a
 * rename that races a delete would write the room's entry back.
 */
import * as Y from 'yjs'

export const PLAN_ROOTS = [
  'rooms', 'deletedRooms', 'assignments', 'settings', 'permissions',
] as const
export const LIVE_ROOTS = ['roster', 'lifecycle', 'messages'] as const

export type PlanRoot = (typeof PLAN_ROOTS)[number]
export type LiveRoot = (typeof LIVE_ROOTS)[number]
export type RootName = PlanRoot | LiveRoot

export const PERMISSIONS = [
  'chooseRoom',
  'uploadFiles',
  'recording',
  'mediaLibraries',
  'shareScreen',
  'annotation',
  'whiteboard',
] as const

export type Permission = (typeof PERMISSIONS)[number]

export const PERMISSION_LABELS: Readonly<Record<Permission, string>> = {
  chooseRoom: 'Choose room',
  uploadFiles: 'Upload files',
  recording: 'Recording',
  mediaLibraries: 'Media libraries',
  shareScreen: 'Share screen',
  annotation: 'Annotation',
  whiteboard: 'Whiteboard',
}

export const ASSIGNMENT_MODES = ['auto', 'manual', 'choose'] as const
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number]

export const ROLES = ['moderator', 'participant'] as const
export type Role = (typeof ROLES)[number]

export const PHASES = ['setup', 'running', 'closed'] as const
export type Phase = (typeof PHASES)[number]

export const DEFAULT_MAX_ROOMS = 15
export const MAX_ROOMS_LIMIT = 100
export const DEFAULT_TIME_LIMIT_SECONDS = 600
export const MAX_TIME_LIMIT_SECONDS = 24 * 60 * 60
export const MAX_ROOM_NAME_LENGTH = 64
export const MAX_PERSON_NAME_LENGTH = 128
export const MAX_ID_LENGTH = 128
export const MAX_MESSAGE_LENGTH = 500
/** Broadcasts kept in the document; older ones are deleted as new ones arrive. */
export const MAX_BROADCASTS = 50

export interface RoomRecord {
  name: string
  /** Order on the dashboard; ties (concurrent adds) break by room id. */
  position: number
}

export interface RosterRecord {
  name: string
  role: Role
  online: boolean
}

export const MESSAGE_KINDS = ['broadcast', 'help'] as const
export type MessageKind = (typeof MESSAGE_KINDS)[number]

/**
 * A broadcast is `{ kind: 'broadcast', from: moderator's name, text }` under a
 * random id. A help request is `{ kind: 'help', from: participant id, text:
 * room id }` under `help:<participant id>`, so asking twice is one request.
 */
export interface MessageRecord {
  kind: MessageKind
  from: string
  text: string
  /** Server time in ms. */
  at: number
}

/** Settings keys in the `settings` root. */
export interface SettingsRecord {
  mode: AssignmentMode
  /** Seconds, or null for no limit. */
  timeLimitSeconds: number | null
}

/** Fields of the `lifecycle` root. */
export interface LifecycleRecord {
  phase: Phase
  /** Server time in ms when the current round started. */
  startedAt: number | null
  /** Server time in ms when rooms close, or null for no limit. */
  endsAt: number | null
  /** Server time in ms when the last round closed. */
  closedAt: number | null
  /** How many rounds have started. */
  round: number
  /** The most rooms this session may hold; set by the server. */
  maxRooms: number
}

export function roomsOf(doc: Y.Doc): Y.Map<RoomRecord> {
  return doc.getMap<RoomRecord>('rooms')
}

export function deletedRoomsOf(doc: Y.Doc): Y.Map<true> {
  return doc.getMap<true>('deletedRooms')
}

export function assignmentsOf(doc: Y.Doc): Y.Map<string> {
  return doc.getMap<string>('assignments')
}

export function settingsOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>('settings')
}

export function permissionsOf(doc: Y.Doc): Y.Map<boolean> {
  return doc.getMap<boolean>('permissions')
}

export function rosterOf(doc: Y.Doc): Y.Map<RosterRecord> {
  return doc.getMap<RosterRecord>('roster')
}

export function lifecycleOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>('lifecycle')
}

export function messagesOf(doc: Y.Doc): Y.Map<MessageRecord> {
  return doc.getMap<MessageRecord>('messages')
}

/** Touches every root so that a fresh document knows all of their names. */
export function defineRoots(doc: Y.Doc): void {
  for (const name of [...PLAN_ROOTS, ...LIVE_ROOTS]) doc.getMap(name)
}

export function isPlanRoot(name: string): name is PlanRoot {
  return (PLAN_ROOTS as readonly string[]).includes(name)
}
