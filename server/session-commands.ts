/**
 * The commands a session token may send (`POST /api/sessions/:id/commands`),
 * checked against the sender's role and the session's permissions, then
 * carried out on the document with the server's clock.
 */
import * as Y from 'yjs'
import {
  COMMAND_ROLES,
  COMMAND_TYPES,
  askForHelp,
  assign,
  breakoutError,
  checkExtension,
  dismissHelp,
  endBreakout,
  extendBreakout,
  fail,
  invalidField,
  isLiveRoom,
  ok,
  permissionOf,
  phaseOf,
  postMessage,
  scheduleEnd,
  startBreakout,
  type Command,
  type Result,
  type TokenClaims,
} from '../shared/index.js'
import { timeField } from '../shared/read.js'

const MAX_GRACE_SECONDS = 3600

export function runCommand(doc: Y.Doc, claims: TokenClaims, command: Command,
  now: number): Result<void> {
  const allowed = COMMAND_ROLES[command.type] as readonly string[] | undefined
  if (!allowed) {
    return fail(invalidField('type', command.type, `one of ${COMMAND_TYPES.join(', ')}`))
  }
  if (!allowed.includes(claims.role)) {
    return fail(breakoutError('FORBIDDEN',
      `a ${claims.role} may not send the ${command.type} command`,
      { field: 'type', value: command.type, allowed: allowed.join(' or ') }))
  }

  switch (command.type) {
    case 'start':
      return startBreakout(doc, now)
    case 'end': {
      const grace = command.graceSeconds ?? 0
      if (!Number.isInteger(grace) || grace < 0 || grace > MAX_GRACE_SECONDS) {
        return fail(invalidField('graceSeconds', grace,
          `a whole number of seconds from 0 to ${MAX_GRACE_SECONDS}`))
      }
      return grace === 0 ? endBreakout(doc, now) : scheduleEnd(doc, now + grace * 1000)
    }
    case 'extend': {
      const invalid = checkExtension(command.seconds)
      if (invalid) return fail(invalid)
      // With no limit running, "extend" sets one: rooms close that long from now.
      if (phaseOf(doc) === 'running' && timeField(doc, 'endsAt') === null &&
        command.seconds > 0) {
        return scheduleEnd(doc, now + command.seconds * 1000)
      }
      return extendBreakout(doc, command.seconds)
    }
    case 'choose-room':
      return chooseRoom(doc, claims, command.roomId)
    case 'broadcast': {
      // The sender's name comes from the token, so nobody can speak for another.
      const posted = postMessage(doc,
        { kind: 'broadcast', from: claims.name, text: command.text, at: now })
      return posted.ok ? ok(undefined) : posted
    }
    case 'ask-help':
      return askForHelp(doc, claims.sub, now)
    case 'dismiss-help':
      return dismissHelp(doc, command.participantId)
  }
}

/** A participant moves themselves, and only themselves, when the session permits it. */
function chooseRoom(doc: Y.Doc, claims: TokenClaims, roomId: unknown): Result<void> {
  if (!permissionOf(doc, 'chooseRoom')) {
    return fail(breakoutError('PERMISSION_DENIED',
      'choosing a room is not permitted in this session',
      { field: 'permissions.chooseRoom', value: false, allowed: 'true' }))
  }
  if (roomId !== null && (typeof roomId !== 'string' || !isLiveRoom(doc, roomId))) {
    return fail(invalidField('roomId', roomId, 'null or the id of a room in this session',
      'UNKNOWN_ROOM'))
  }
  return assign(doc, claims.sub, roomId)
}
