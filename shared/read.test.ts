import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  DEFAULT_MAX_ROOMS,
  DEFAULT_TIME_LIMIT_SECONDS,
  PERMISSIONS,
  assignedRoom,
  assignmentsOf,
  configureSession,
  createRooms,
  deleteRoom,
  isLiveRoom,
  lifecycleOf,
  maxRoomsOf,
  modeOf,
  permissionOf,
  phaseOf,
  setTimeLimit,
  settingsOf,
  timeLimitOf,
} from './index.js'
import { expectOk } from '../test/node/results.js'

describe('defaults', () => {
  it('allows at most 15 rooms', () => {
    expect(DEFAULT_MAX_ROOMS).toBe(15)
    expect(maxRoomsOf(new Y.Doc())).toBe(15)
  })

  it('limits rooms to 600 seconds', () => {
    expect(DEFAULT_TIME_LIMIT_SECONDS).toBe(600)
    expect(timeLimitOf(new Y.Doc())).toBe(600)
  })

  it('allows each of the seven permissions', () => {
    const doc = new Y.Doc()
    expect(PERMISSIONS).toHaveLength(7)
    for (const key of PERMISSIONS) expect(permissionOf(doc, key)).toBe(true)
  })

  it('assigns automatically and starts in setup', () => {
    const doc = new Y.Doc()
    expect(modeOf(doc)).toBe('auto')
    expect(phaseOf(doc)).toBe('setup')
  })
})

describe('tolerant readers', () => {
  it('tells a removed time limit from a missing one', () => {
    const doc = new Y.Doc()
    expectOk(setTimeLimit(doc, null))
    expect(timeLimitOf(doc)).toBeNull()
    settingsOf(doc).set('timeLimitSeconds', 'soon')
    expect(timeLimitOf(doc)).toBe(600)
  })

  it('reads a maximum the server set and ignores one out of range', () => {
    const doc = new Y.Doc()
    expectOk(configureSession(doc, { maxRooms: 40 }))
    expect(maxRoomsOf(doc)).toBe(40)
    lifecycleOf(doc).set('maxRooms', 0)
    expect(maxRoomsOf(doc)).toBe(15)
  })

  it('reads the planned room only while that room exists', () => {
    const doc = new Y.Doc()
    const [room] = expectOk(createRooms(doc, 1)) as [string]
    assignmentsOf(doc).set('p1', room)
    expect(assignedRoom(doc, 'p1')).toBe(room)
    expect(isLiveRoom(doc, room)).toBe(true)
    expectOk(deleteRoom(doc, room))
    assignmentsOf(doc).set('p1', room)
    expect(isLiveRoom(doc, room)).toBe(false)
    expect(assignedRoom(doc, 'p1')).toBeNull()
  })
})
