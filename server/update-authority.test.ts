import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  MAX_ROOM_NAME_LENGTH,
  RESYNC_CLOSE_CODE,
  addRoom,
  assign,
  assignmentsOf,
  closeCodeOf,
  configureSession,
  createRooms,
  deleteRoom,
  lifecycleOf,
  messagesOf,
  renameRoom,
  roomsOf,
  rosterOf,
  setPermission,
  setTimeLimit,
  settingsOf,
  startBreakout,
  upsertParticipant,
  type ErrorCode,
} from '../shared/index.js'
import { expectOk } from '../test/node/results.js'
import { pick, seededRandom } from '../test/node/random.js'
import { checkModeratorUpdate } from './update-authority.js'

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0)

/** A server copy with a roster and two rooms, and a moderator's copy in sync with it. */
function pair() {
  const server = new Y.Doc()
  expectOk(configureSession(server, { maxRooms: 5 }))
  expectOk(upsertParticipant(server, { id: 'p1', name: 'Pat', role: 'participant', online: false }))
  const rooms = expectOk(createRooms(server, 2))
  const moderator = new Y.Doc()
  catchUp(moderator, server)
  return { server, moderator, rooms }
}

function catchUp(to: Y.Doc, from: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))
}

/** The update a moderator's edit produces, as their provider would send it. */
function editOf(doc: Y.Doc, edit: () => void): Uint8Array {
  const updates: Uint8Array[] = []
  const record = (update: Uint8Array) => updates.push(update)
  doc.on('update', record)
  edit()
  doc.off('update', record)
  expect(updates).toHaveLength(1)
  return updates[0] as Uint8Array
}

/** What a reconnecting provider sends as sync step 2: all the server lacks. */
function stepTwo(client: Y.Doc, server: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(client, Y.encodeStateVector(server))
}

function expectRefused(server: Y.Doc, update: Uint8Array, code: ErrorCode): void {
  const result = checkModeratorUpdate(server, update)
  if (result.ok) expect.fail(`expected ${code}, got acceptance`)
  expect(result.error.code).toBe(code)
}

function expectAccepted(server: Y.Doc, update: Uint8Array): void {
  const result = checkModeratorUpdate(server, update)
  if (!result.ok) {
    expect.fail(`expected acceptance, got ${result.error.code}: ${result.error.message}`)
  }
}

describe('checkModeratorUpdate', () => {
  it('accepts new and overwritten rooms, assignments, settings and permissions', () => {
    const { server, moderator, rooms } = pair()
    const [first, second] = rooms as [string, string]
    const edits = [
      () => expectOk(addRoom(moderator, 'Garden')),
      () => expectOk(renameRoom(moderator, first, 'Kitchen')),
      () => expectOk(renameRoom(moderator, first, 'Cellar')),
      () => expectOk(assign(moderator, 'p1', second)),
      () => expectOk(assign(moderator, 'p1', first)),
      () => expectOk(assign(moderator, 'p1', null)),
      () => expectOk(setTimeLimit(moderator, 120)),
      () => expectOk(setTimeLimit(moderator, null)),
      () => expectOk(setPermission(moderator, 'chooseRoom', false)),
      () => expectOk(setPermission(moderator, 'chooseRoom', true)),
      () => expectOk(deleteRoom(moderator, first)),
    ]
    for (const edit of edits) {
      const update = editOf(moderator, edit)
      expectAccepted(server, update)
      Y.applyUpdate(server, update)
    }
  })

  it('refuses a write to the roster', () => {
    const { server, moderator } = pair()
    const update = editOf(moderator, () =>
      rosterOf(moderator).set('p9', { name: 'Eve', role: 'moderator', online: true }))
    expectRefused(server, update, 'SERVER_OWNED_STATE')
  })

  it('refuses an overwrite of an existing roster entry, which names only its neighbour', () => {
    const { server, moderator } = pair()
    const update = editOf(moderator, () =>
      rosterOf(moderator).set('p1', { name: 'Pat', role: 'moderator', online: true }))
    expectRefused(server, update, 'SERVER_OWNED_STATE')
  })

  it('refuses a write to the lifecycle and to the messages', () => {
    const { server, moderator } = pair()
    expectRefused(server, editOf(moderator, () => lifecycleOf(moderator).set('phase', 'closed')),
      'SERVER_OWNED_STATE')
    const other = pair()
    expectRefused(other.server, editOf(other.moderator, () =>
      messagesOf(other.moderator).set('m1', { kind: 'broadcast', from: 'x', text: 'hi', at: T0 })),
    'SERVER_OWNED_STATE')
  })

  it('refuses the deletion of a roster entry', () => {
    const { server, moderator } = pair()
    expectRefused(server, editOf(moderator, () => rosterOf(moderator).delete('p1')),
      'SERVER_OWNED_STATE')
  })

  it('refuses an edit that mixes a plan change with a lifecycle change', () => {
    const { server, moderator } = pair()
    const update = editOf(moderator, () => moderator.transact(() => {
      expectOk(addRoom(moderator, 'Fine'))
      lifecycleOf(moderator).set('maxRooms', 100)
    }))
    expectRefused(server, update, 'SERVER_OWNED_STATE')
  })

  it('refuses values the plan cannot hold', () => {
    const cases: [string, (doc: Y.Doc) => void][] = [
      ['a room name over the limit', (doc) =>
        roomsOf(doc).set('r9', { name: 'x'.repeat(MAX_ROOM_NAME_LENGTH + 1), position: 9 })],
      ['a room with no position', (doc) =>
        roomsOf(doc).set('r9', { name: 'Nine' } as never)],
      ['an unknown setting', (doc) => settingsOf(doc).set('colour', 'red')],
      ['a time limit of a fraction of a second', (doc) =>
        settingsOf(doc).set('timeLimitSeconds', 0.5)],
      ['a nested shared type', (doc) => roomsOf(doc).set('r9', new Y.Map() as never)],
    ]
    const overwrites: [string, (doc: Y.Doc, rooms: string[]) => void][] = [
      ['a rename to an empty name', (doc, [room]) =>
        roomsOf(doc).set(room as string, { name: ' ', position: 1 })],
      ['an assignment overwritten with a number', (doc) =>
        assignmentsOf(doc).set('p1', 7 as never)],
    ]
    for (const [what, write] of cases) {
      const { server, moderator } = pair()
      const result = checkModeratorUpdate(server, editOf(moderator, () => write(moderator)))
      expect(result.ok, what).toBe(false)
      if (!result.ok) expect(result.error.code, what).toBe('INVALID_UPDATE')
    }
    for (const [what, write] of overwrites) {
      const { server, moderator, rooms } = pair()
      expectOk(assign(server, 'p1', rooms[0] as string))
      catchUp(moderator, server)
      const result = checkModeratorUpdate(server, editOf(moderator, () => write(moderator, rooms)))
      expect(result.ok, what).toBe(false)
      if (!result.ok) expect(result.error.code, what).toBe('INVALID_UPDATE')
    }
  })

  it('refuses a bad value with the resync close code and names what was wrong', () => {
    const { server, moderator } = pair()
    const result = checkModeratorUpdate(server, editOf(moderator, () =>
      roomsOf(moderator).set('r9', { name: '', position: 9 })))
    if (result.ok) return expect.fail('expected a refusal')
    expect(closeCodeOf(result.error.code)).toBe(RESYNC_CLOSE_CODE)
    expect(result.error.field).toBe('rooms[r9].name')
    expect(result.error.message).toContain('1-64 characters')
  })

  it('refuses an update that builds on items the server does not have', () => {
    const { server, moderator } = pair()
    const first = editOf(moderator, () => expectOk(addRoom(moderator, 'One')))
    const second = editOf(moderator, () => expectOk(addRoom(moderator, 'Two')))
    expectRefused(server, second, 'UNKNOWN_DEPENDENCY')
    Y.applyUpdate(server, first)
    expectAccepted(server, second)
  })

  it('refuses an edit of a room that only a copy of another session holds', () => {
    const { server } = pair()
    const { moderator: stranger, rooms } = pair()
    const update = editOf(stranger, () => expectOk(renameRoom(stranger, rooms[0] as string, 'X')))
    expectRefused(server, update, 'UNKNOWN_DEPENDENCY')
  })

  it('refuses the whole copy of another session, which carries its lifecycle', () => {
    const { server } = pair()
    const { moderator: stranger } = pair()
    expectRefused(server, stepTwo(stranger, server), 'SERVER_OWNED_STATE')
  })

  it('refuses bytes that are not an update', () => {
    const { server } = pair()
    expectRefused(server, new Uint8Array([1, 2, 3, 250, 255]), 'MALFORMED_MESSAGE')
  })

  it('accepts the sync step 2 of a moderator who saw the server overwrite roster entries', () => {
    const { server, moderator } = pair()
    const pat = { id: 'p1', name: 'Pat', role: 'participant' } as const
    expectOk(upsertParticipant(server, { ...pat, online: true }))
    expectOk(upsertParticipant(server, { ...pat, online: false }))
    expectOk(startBreakout(server, T0))
    catchUp(moderator, server)
    expectOk(addRoom(moderator, 'Offline edit'))

    // A step 2 carries the sender's whole delete set, which includes the
    // roster and lifecycle entries the server itself overwrote.
    expectAccepted(server, stepTwo(moderator, server))
  })

  it('still refuses a step 2 that deletes a live roster entry', () => {
    const { server, moderator } = pair()
    rosterOf(moderator).delete('p1')
    expectRefused(server, stepTwo(moderator, server), 'SERVER_OWNED_STATE')
  })
})

describe('checkModeratorUpdate on corrupted updates', () => {
  it('accepts only updates that apply cleanly, with nothing left pending', () => {
    const seed = Number(process.env.FUZZ_SEED ?? 20260105)
    const random = seededRandom(seed)
    const { server, moderator, rooms } = pair()
    const samples = [
      editOf(moderator, () => expectOk(addRoom(moderator, 'Garden'))),
      editOf(moderator, () => expectOk(renameRoom(moderator, rooms[0] as string, 'Kitchen'))),
      editOf(moderator, () => expectOk(assign(moderator, 'p1', rooms[1] as string))),
      editOf(moderator, () => expectOk(deleteRoom(moderator, rooms[1] as string))),
      editOf(moderator, () => expectOk(setPermission(moderator, 'chooseRoom', false))),
      stepTwo(moderator, new Y.Doc()),
    ]
    let accepted = 0
    for (let round = 0; round < 5000; round++) {
      const corrupted = (samples[pick(random, samples.length)] as Uint8Array).slice()
      for (let flips = 1 + pick(random, 3); flips > 0; flips--) {
        corrupted[pick(random, corrupted.length)] = pick(random, 256)
      }
      if (!checkModeratorUpdate(server, corrupted).ok) continue
      accepted++
      const copy = new Y.Doc()
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(server))
      expect(() => Y.applyUpdate(copy, corrupted), `seed ${seed}, round ${round}`).not.toThrow()
      expect(copy.store.pendingStructs, `seed ${seed}, round ${round}`).toBe(null)
      expect(copy.store.pendingDs, `seed ${seed}, round ${round}`).toBe(null)
    }
    expect(accepted).toBeGreaterThan(0)
  })
})
