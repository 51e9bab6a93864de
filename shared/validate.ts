/**
 * Checks of every value a caller can hand the model. Each returns an error that
 * names the field, the value and what is allowed, or null when the value fits.
 */
import {
  ASSIGNMENT_MODES,
  MAX_ID_LENGTH,
  MAX_MESSAGE_LENGTH,
  MESSAGE_KINDS,
  MAX_PERSON_NAME_LENGTH,
  MAX_ROOM_NAME_LENGTH,
  MAX_ROOMS_LIMIT,
  MAX_TIME_LIMIT_SECONDS,
  PERMISSIONS,
  ROLES,
  type AssignmentMode,
  type MessageKind,
  type Permission,
  type Role,
} from './schema.js'
import { invalidField, type BreakoutError } from './errors.js'

export function checkRoomName(name: unknown, field = 'name'): BreakoutError | null {
  if (typeof name !== 'string') return invalidField(field, name, 'a string')
  const length = name.trim().length
  if (length < 1 || length > MAX_ROOM_NAME_LENGTH) {
    return invalidField(field, name, `1-${MAX_ROOM_NAME_LENGTH} characters`)
  }
  return null
}

export function checkPersonName(name: unknown, field = 'name'): BreakoutError | null {
  if (typeof name !== 'string') return invalidField(field, name, 'a string')
  const length = name.trim().length
  if (length < 1 || length > MAX_PERSON_NAME_LENGTH) {
    return invalidField(field, name, `1-${MAX_PERSON_NAME_LENGTH} characters`)
  }
  return null
}

export function checkId(id: unknown, field: string): BreakoutError | null {
  if (typeof id !== 'string' || id.length < 1 || id.length > MAX_ID_LENGTH) {
    return invalidField(field, id, `a string of 1-${MAX_ID_LENGTH} characters`)
  }
  return null
}

export function checkCount(count: unknown, max: number, field = 'count'): BreakoutError | null {
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > max) {
    return invalidField(field, count, `a whole number from 1 to ${max}`)
  }
  return null
}

export function checkMaxRooms(max: unknown): BreakoutError | null {
  return checkCount(max, MAX_ROOMS_LIMIT, 'maxRooms')
}

export function checkTimeLimit(seconds: unknown): BreakoutError | null {
  if (seconds === null) return null
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1 ||
    seconds > MAX_TIME_LIMIT_SECONDS) {
    return invalidField('timeLimitSeconds', seconds,
      `null or a whole number of seconds from 1 to ${MAX_TIME_LIMIT_SECONDS}`)
  }
  return null
}

export function checkExtension(seconds: unknown): BreakoutError | null {
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds === 0 ||
    Math.abs(seconds) > MAX_TIME_LIMIT_SECONDS) {
    const max = MAX_TIME_LIMIT_SECONDS
    return invalidField('seconds', seconds,
      `a whole number of seconds, not 0, from -${max} to ${max}`)
  }
  return null
}

export function isAssignmentMode(mode: unknown): mode is AssignmentMode {
  return (ASSIGNMENT_MODES as readonly unknown[]).includes(mode)
}

export function checkAssignmentMode(mode: unknown): BreakoutError | null {
  if (isAssignmentMode(mode)) return null
  return invalidField('mode', mode, `one of ${ASSIGNMENT_MODES.join(', ')}`)
}

export function isPermission(key: unknown): key is Permission {
  return (PERMISSIONS as readonly unknown[]).includes(key)
}

export function checkPermission(key: unknown): BreakoutError | null {
  if (isPermission(key)) return null
  return invalidField('permission', key, `one of ${PERMISSIONS.join(', ')}`)
}

export function isRole(role: unknown): role is Role {
  return (ROLES as readonly unknown[]).includes(role)
}

export function checkRole(role: unknown): BreakoutError | null {
  if (isRole(role)) return null
  return invalidField('role', role, `one of ${ROLES.join(', ')}`)
}

export function checkTime(now: unknown, field = 'now'): BreakoutError | null {
  if (typeof now !== 'number' || !Number.isFinite(now) || now < 0) {
    return invalidField(field, now, 'a time in milliseconds since 1970')
  }
  return null
}

export function checkMessageText(text: unknown, field = 'text'): BreakoutError | null {
  if (typeof text !== 'string') return invalidField(field, text, 'a string')
  const length = text.trim().length
  if (length < 1 || length > MAX_MESSAGE_LENGTH) {
    return invalidField(field, text, `1-${MAX_MESSAGE_LENGTH} characters after trimming`)
  }
  return null
}

export function isMessageKind(kind: unknown): kind is MessageKind {
  return (MESSAGE_KINDS as readonly unknown[]).includes(kind)
}

export function checkMessageKind(kind: unknown): BreakoutError | null {
  if (isMessageKind(kind)) return null
  return invalidField('kind', kind, `one of ${MESSAGE_KINDS.join(', ')}`)
}
