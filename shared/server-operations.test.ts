import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  MAX_PERSON_NAME_LENGTH,
  MAX_ROOMS_LIMIT,
  MAX_TIME_LIMIT_SECONDS,
  assign,
  configureSession,
  createRooms,
  endBreakout,
  extendBreakout,
  removeParticipant,
  rosterOf,
  scheduleEnd,
  setTimeLimit,
  startBreakout,
  upsertParticipant,
  viewOf,
  type Role,
} from './index.js'
import { expectError, expectOk, leavesUnchanged } from '../test/node/results.js'
import { updatesDuring } from '../test/node/replicas.js'

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0)

function sessionWithRooms(rooms = 2): Y.Doc {
  const doc = new Y.Doc()
  expectOk(createRooms(doc, rooms))
  return doc
}

function running(rooms = 2): Y.Doc {
  const doc = sessionWithRooms(rooms)
  expectOk(startBreakout(doc, T0))
  return doc
}


describe('upsertParticipant', () => {
  it('adds a person to the roster with a trimmed name', () => {
    const doc = new Y.Doc()
    expectOk(upsertParticipant(doc, { id: 'p1', name: ' Ada ', role: 'participant',
      online: true }))
    expect(viewOf(doc).roster).toEqual([
      { id: 'p1', name: 'Ada', role: 'participant', online: true },
    ])
  })

  it('updates an entry that is already there', () => {
    const doc = new Y.Doc()
    expectOk(upsertParticipant(doc, { id: 'p1', name: 'Ada', role: 'participant', online: true }))
    expectOk(upsertParticipant(doc, { id: 'p1', name: 'Ada', role: 'participant', online: false }))
    expect(viewOf(doc).participants['p1']?.online).toBe(false)
    expect(viewOf(doc).roster).toHaveLength(1)
  })

  it('writes nothing when the entry is unchanged', () => {
    const doc = new Y.Doc()
    const input = { id: 'p1', name: 'Ada', role: 'moderator' as const, online: true }
    expectOk(upsertParticipant(doc, input))
    expect(updatesDuring(doc, () => expectOk(upsertParticipant(doc, input)))).toBe(0)
  })

  it.each([
    ['an empty id', { id: '' }, 'id', '""'],
    ['an empty name', { name: ' ' }, 'name', '(1 characters)'],
    ['a name that is too long', { name: 'n'.repeat(MAX_PERSON_NAME_LENGTH + 1) }, 'name',
      `(${MAX_PERSON_NAME_LENGTH + 1} characters)`],
    ['an unknown role', { role: 'owner' as Role }, 'role', '"owner"'],
    ['a presence that is not a boolean', { online: 1 as unknown as boolean }, 'online', 'got 1'],
  ])('refuses %s', (_label, change, field, shows) => {
    const doc = new Y.Doc()
    const input = { id: 'p1', name: 'Ada', role: 'participant' as Role, online: true, ...change }
    const result = leavesUnchanged(doc, () => upsertParticipant(doc, input))
    expectError(result, { code: 'INVALID_ARGUMENT', field, shows })
  })
})

describe('removeParticipant', () => {
  it('takes a person off the roster and out of the view', () => {
    const doc = new Y.Doc()
    expectOk(upsertParticipant(doc, { id: 'p1', name: 'Ada', role: 'participant', online: true }))
    expectOk(removeParticipant(doc, 'p1'))
    expect(rosterOf(doc).size).toBe(0)
    expect(viewOf(doc).mainRoom.assignedCount).toBe(0)
  })

  it('refuses someone who is not on the roster', () => {
    const doc = new Y.Doc()
    const result = leavesUnchanged(doc, () => removeParticipant(doc, 'ghost'))
    expectError(result, { code: 'UNKNOWN_PARTICIPANT', field: 'id', shows: '"ghost"' })
  })
})

describe('configureSession', () => {
  it('sets the most rooms a session may hold, up to 100', () => {
    const doc = new Y.Doc()
    expectOk(configureSession(doc, { maxRooms: MAX_ROOMS_LIMIT }))
    expect(viewOf(doc).settings.maxRooms).toBe(100)
    expectOk(configureSession(doc, { maxRooms: 1 }))
    expect(viewOf(doc).settings.maxRooms).toBe(1)
  })

  it.each([0, 101, 2.5])('refuses a maximum of %s rooms', (maxRooms) => {
    const doc = new Y.Doc()
    const result = leavesUnchanged(doc, () => configureSession(doc, { maxRooms }))
    const error = expectError(result, {
      code: 'INVALID_ARGUMENT', field: 'maxRooms', shows: `got ${maxRooms}`,
    })
    expect(error.allowed).toContain('1 to 100')
    expect(viewOf(doc).settings.maxRooms).toBe(15)
  })
})

describe('startBreakout', () => {
  it('opens the rooms and moves everyone to their planned room', () => {
    const doc = sessionWithRooms(2)
    expectOk(upsertParticipant(doc, { id: 'p1', name: 'Ada', role: 'participant', online: true }))
    const [room] = viewOf(doc).rooms
    expectOk(assign(doc, 'p1', room?.id ?? null))
    expect(viewOf(doc).rooms[0]?.count).toBe(0)
    expectOk(startBreakout(doc, T0))
    const view = viewOf(doc, T0)
    expect(view.phase).toBe('running')
    expect(view.round).toBe(1)
    expect(view.startedAt).toBe(T0)
    expect(view.rooms[0]?.members.map(({ id }) => id)).toEqual(['p1'])
    expect(view.participants['p1']?.roomId).toBe(room?.id)
  })

  it('stamps the end from the default time limit of 600 seconds', () => {
    const doc = running()
    expect(viewOf(doc).endsAt).toBe(T0 + 600_000)
    expect(viewOf(doc, T0 + 60_000).remainingMs).toBe(540_000)
  })

  it('leaves the end open when there is no time limit', () => {
    const doc = sessionWithRooms()
    expectOk(setTimeLimit(doc, null))
    expectOk(startBreakout(doc, T0))
    expect(viewOf(doc, T0).endsAt).toBeNull()
    expect(viewOf(doc, T0).remainingMs).toBeNull()
  })

  it('starts a new round from closed with the same plan', () => {
    const doc = running()
    expectOk(endBreakout(doc, T0 + 1000))
    expectOk(startBreakout(doc, T0 + 5000))
    const view = viewOf(doc)
    expect(view).toMatchObject({
      phase: 'running', round: 2, startedAt: T0 + 5000, closedAt: null,
    })
    expect(view.endsAt).toBe(T0 + 5000 + 600_000)
  })

  it('refuses to start while the rooms are running', () => {
    const doc = running()
    const result = leavesUnchanged(doc, () => startBreakout(doc, T0 + 1))
    expectError(result, { code: 'WRONG_PHASE', field: 'phase', shows: '"running"' })
  })

  it('refuses to start without rooms', () => {
    const doc = new Y.Doc()
    const result = leavesUnchanged(doc, () => startBreakout(doc, T0))
    expectError(result, { code: 'WRONG_PHASE', field: 'rooms', shows: 'got 0' })
  })

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses a start time of %s', (now) => {
    const doc = sessionWithRooms()
    const result = leavesUnchanged(doc, () => startBreakout(doc, now))
    expectError(result, { code: 'INVALID_ARGUMENT', field: 'now', shows: `got ${now}` })
  })
})

describe('endBreakout', () => {
  it('closes the rooms and brings everyone back while keeping the plan', () => {
    const doc = sessionWithRooms(1)
    expectOk(upsertParticipant(doc, { id: 'p1', name: 'Ada', role: 'participant', online: true }))
    const [room] = viewOf(doc).rooms
    expectOk(assign(doc, 'p1', room?.id ?? null))
    expectOk(startBreakout(doc, T0))
    expectOk(endBreakout(doc, T0 + 1000))
    const view = viewOf(doc, T0 + 2000)
    expect(view).toMatchObject({ phase: 'closed', closedAt: T0 + 1000, endsAt: null,
      remainingMs: null })
    expect(view.rooms[0]?.members).toEqual([])
    expect(view.rooms[0]?.assigned.map(({ id }) => id)).toEqual(['p1'])
    expect(view.mainRoom.members.map(({ id }) => id)).toEqual(['p1'])
  })

  it('refuses to end rooms that are not running', () => {
    const doc = sessionWithRooms()
    const result = leavesUnchanged(doc, () => endBreakout(doc, T0))
    expectError(result, { code: 'WRONG_PHASE', field: 'phase', shows: '"setup"' })
  })
})

describe('extendBreakout', () => {
  it('moves the end later by the given seconds', () => {
    const doc = running()
    expectOk(extendBreakout(doc, 120))
    expect(viewOf(doc).endsAt).toBe(T0 + 720_000)
  })

  it('moves the end earlier with negative seconds', () => {
    const doc = running()
    expectOk(extendBreakout(doc, -300))
    expect(viewOf(doc).endsAt).toBe(T0 + 300_000)
  })

  it.each([0, 1.5, MAX_TIME_LIMIT_SECONDS + 1, -MAX_TIME_LIMIT_SECONDS - 1])(
    'refuses an extension of %s seconds', (seconds) => {
      const doc = running()
      const result = leavesUnchanged(doc, () => extendBreakout(doc, seconds))
      expectError(result, { code: 'INVALID_ARGUMENT', field: 'seconds', shows: `got ${seconds}` })
    })

  it('refuses to extend rooms that are not running', () => {
    const doc = sessionWithRooms()
    const result = leavesUnchanged(doc, () => extendBreakout(doc, 60))
    expectError(result, { code: 'WRONG_PHASE', field: 'phase', shows: '"setup"' })
  })

  it('refuses to extend rooms that have no time limit', () => {
    const doc = sessionWithRooms()
    expectOk(setTimeLimit(doc, null))
    expectOk(startBreakout(doc, T0))
    const result = leavesUnchanged(doc, () => extendBreakout(doc, 60))
    expectError(result, { code: 'WRONG_PHASE', field: 'endsAt', shows: 'got null' })
  })
})

describe('scheduleEnd', () => {
  it('sets when the running rooms close', () => {
    const doc = running()
    expectOk(scheduleEnd(doc, T0 + 30_000))
    expect(viewOf(doc, T0 + 10_000)).toMatchObject({ endsAt: T0 + 30_000, remainingMs: 20_000 })
  })

  it('gives an open-ended round an end', () => {
    const doc = sessionWithRooms()
    expectOk(setTimeLimit(doc, null))
    expectOk(startBreakout(doc, T0))
    expectOk(scheduleEnd(doc, T0 + 5000))
    expectOk(extendBreakout(doc, 10))
    expect(viewOf(doc).endsAt).toBe(T0 + 15_000)
  })

  it('never reports negative time left once the end has passed', () => {
    const doc = running()
    expectOk(scheduleEnd(doc, T0 + 1000))
    expect(viewOf(doc, T0 + 9000).remainingMs).toBe(0)
  })

  it('refuses an end time that is not a time', () => {
    const doc = running()
    const result = leavesUnchanged(doc, () => scheduleEnd(doc, -5))
    expectError(result, { code: 'INVALID_ARGUMENT', field: 'endsAt', shows: 'got -5' })
  })

  it('refuses to schedule the end of rooms that are not running', () => {
    const doc = sessionWithRooms()
    const result = leavesUnchanged(doc, () => scheduleEnd(doc, T0))
    expectError(result, { code: 'WRONG_PHASE', field: 'phase', shows: '"setup"' })
  })
})
