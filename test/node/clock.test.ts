/**
 * The server owns the clock: start, end and extend are commands stamped with
 * its time, and it closes the rooms when the end passes, whether or not
 * anyone is connected, and even when the end passed while it was down.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {
  assign,
  createRooms,
  setTimeLimit,
  viewOf,
  type SessionView,
} from '../../shared/index.js'
import { startServer, type ServerProcess } from './harness/server-process.js'
import {
  connect,
  createSession,
  eventually,
  issueToken,
  readView,
  sendCommand,
  synced,
} from './harness/clients.js'
import { ClientPool } from './harness/client-pool.js'
import { expectOk } from './results.js'

let server: ServerProcess
let dataDir: string
const pool = new ClientPool()
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'breakout-clock-'))
  server = await startServer({ dataDir })
})
afterEach(() => pool.closeAll())
afterAll(async () => {
  await server.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

/**
 * A session with two rooms, p1 planned into the first and p2 into the
 * second, and the time limit set by a moderator's client. The moderator
 * stays connected unless `leave` is set.
 */
async function plannedSession(limitSeconds: number | null, { leave = false } = {}) {
  const id = await createSession(server)
  await issueToken(server, id, 'participant', 'p1', 'Pat')
  await issueToken(server, id, 'participant', 'p2', 'Pia')
  const token = await issueToken(server, id, 'moderator', 'm1', 'Mo')
  const moderator = pool.add(connect(server, id, token))
  await synced(moderator)
  const rooms = expectOk(createRooms(moderator.doc, 2)) as [string, string]
  expectOk(assign(moderator.doc, 'p1', rooms[0]))
  expectOk(assign(moderator.doc, 'p2', rooms[1]))
  expectOk(setTimeLimit(moderator.doc, limitSeconds))
  await eventually(async () => {
    const { view } = await readView(server, id)
    return view.settings.timeLimitSeconds === limitSeconds && view.rooms.length === 2 &&
      view.participants.p2?.assignedRoomId === rooms[1]
  }, 'the plan to reach the server')
  if (leave) moderator.destroy()
  return { id, token, moderator, rooms }
}

async function command(id: string, token: string, body: Record<string, unknown>) {
  const response = await sendCommand(server, id, token, body)
  if (response.status !== 200) {
    throw new Error(`${String(body.type)}: ${response.status} ${JSON.stringify(response.body)}`)
  }
  return response.body as { view: SessionView; serverTime: number }
}

function expectEveryoneInTheMainRoom(view: SessionView, rooms: readonly string[]): void {
  expect(view.phase).toBe('closed')
  expect(view.endsAt).toBe(null)
  expect(view.rooms.map(({ count }) => count)).toEqual([0, 0])
  expect(view.mainRoom.members.map(({ id }) => id).sort()).toEqual(['p1', 'p2'])
  expect(view.participants.p1).toMatchObject({ roomId: null, assignedRoomId: rooms[0] })
}

/** The command's stamp is taken a moment before the answer's `serverTime`. */
function expectAbout(actual: number | null, expected: number): void {
  expect(actual).toBeGreaterThan(expected - 100)
  expect(actual).toBeLessThanOrEqual(expected)
}

async function restart(signal: NodeJS.Signals): Promise<void> {
  await server.stop(signal)
  server = await startServer({ dataDir })
}

describe('the clock', () => {
  it('closes a round with a two-second limit by itself', async () => {
    const { id, token, moderator, rooms } = await plannedSession(2)

    const started = await command(id, token, { type: 'start' })
    expect(started.view.phase).toBe('running')
    expect(started.view.endsAt).toBe((started.view.startedAt as number) + 2000)
    expect(started.view.participants.p1?.roomId).toBe(rooms[0])
    expect(started.view.rooms.map(({ count }) => count)).toEqual([1, 1])

    await eventually(async () => (await readView(server, id)).view.phase === 'closed',
      'the rooms to close', 5000)
    const { view, serverTime } = await readView(server, id)
    expectEveryoneInTheMainRoom(view, rooms)
    expect(view.closedAt).toBeGreaterThanOrEqual(started.view.endsAt as number)
    expect(view.closedAt).toBeLessThan((started.view.endsAt as number) + 3000)
    expect(serverTime).toBeGreaterThanOrEqual(view.closedAt as number)
    await eventually(() => viewOf(moderator.doc).phase === 'closed',
      'the moderator to see the rooms close')
    await server.logged((entry) => entry.msg === 'rooms closed by the clock' &&
      entry.session === id)
  })

  it('closes a round with nobody connected', async () => {
    const { id, token, rooms } = await plannedSession(1, { leave: true })
    await command(id, token, { type: 'start' })
    await eventually(async () => (await readView(server, id)).view.phase === 'closed',
      'the rooms to close', 4000)
    expectEveryoneInTheMainRoom((await readView(server, id)).view, rooms)
  })

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    it(`closes a round whose end passed while the server was down (${signal})`, async () => {
      const { id, token, rooms } = await plannedSession(1, { leave: true })
      const { view: started } = await command(id, token, { type: 'start' })

      await server.stop(signal)
      await new Promise((resolve) => setTimeout(resolve,
        Math.max(0, (started.endsAt as number) - Date.now()) + 300))
      server = await startServer({ dataDir })

      // Closed on start-up, before anyone asked for the session.
      await server.logged((entry) => entry.msg === 'rooms closed by the clock' &&
        entry.session === id, 5000)
      const { view } = await readView(server, id)
      expectEveryoneInTheMainRoom(view, rooms)
      // Closed as of its scheduled end, not as of the restart.
      expect(view.closedAt).toBe(started.endsAt)
    })
  }

  it('keeps a round running across a restart when its end has not passed', async () => {
    const { id, token } = await plannedSession(600, { leave: true })
    const { view: started } = await command(id, token, { type: 'start' })
    await restart('SIGTERM')
    const { view } = await readView(server, id)
    expect(view.phase).toBe('running')
    expect(view.endsAt).toBe(started.endsAt)
  })

  it('moves the end later and earlier with extend', async () => {
    const { id, token } = await plannedSession(600)
    const { view: started } = await command(id, token, { type: 'start' })
    const endsAt = started.endsAt as number

    const later = await command(id, token, { type: 'extend', seconds: 60 })
    expect(later.view.endsAt).toBe(endsAt + 60_000)
    const earlier = await command(id, token, { type: 'extend', seconds: -120 })
    expect(earlier.view.endsAt).toBe(endsAt - 60_000)
    expect(earlier.view.phase).toBe('running')
    expect(earlier.view.remainingMs).toBeLessThanOrEqual(540_000)
  })

  it('closes at once when a negative extend moves the end into the past', async () => {
    const { id, token, rooms } = await plannedSession(600)
    await command(id, token, { type: 'start' })
    const { view } = await command(id, token, { type: 'extend', seconds: -601 })
    expectEveryoneInTheMainRoom(view, rooms)
  })

  it('gives a round without a limit an end when it is extended', async () => {
    const { id, token } = await plannedSession(null)
    const { view: started } = await command(id, token, { type: 'start' })
    expect(started.endsAt).toBe(null)
    const { view, serverTime } = await command(id, token, { type: 'extend', seconds: 300 })
    expectAbout(view.endsAt, serverTime + 300_000)
  })

  it('schedules the close when end is sent with graceSeconds', async () => {
    const { id, token, rooms } = await plannedSession(600)
    await command(id, token, { type: 'start' })

    const ending = await command(id, token, { type: 'end', graceSeconds: 1 })
    expect(ending.view.phase).toBe('running')
    expectAbout(ending.view.endsAt, ending.serverTime + 1000)
    await eventually(async () => (await readView(server, id)).view.phase === 'closed',
      'the rooms to close after the grace', 4000)
    expectEveryoneInTheMainRoom((await readView(server, id)).view, rooms)
  })

  it('closes at once on end without grace', async () => {
    const { id, token, rooms } = await plannedSession(600)
    await command(id, token, { type: 'start' })
    const { view, serverTime } = await command(id, token, { type: 'end' })
    expectEveryoneInTheMainRoom(view, rooms)
    expectAbout(view.closedAt, serverTime)
  })

  it('refuses commands that do not fit the phase or carry a bad value', async () => {
    const { id, token } = await plannedSession(600)
    const refused = async (body: Record<string, unknown>, status: number, code: string) => {
      const response = await sendCommand(server, id, token, body)
      expect(response.status, JSON.stringify(body)).toBe(status)
      expect(response.body.error.code, JSON.stringify(body)).toBe(code)
    }
    await refused({ type: 'extend', seconds: 60 }, 409, 'WRONG_PHASE')
    await refused({ type: 'end' }, 409, 'WRONG_PHASE')
    await command(id, token, { type: 'start' })
    await refused({ type: 'start' }, 409, 'WRONG_PHASE')
    await refused({ type: 'extend', seconds: 0 }, 400, 'INVALID_ARGUMENT')
    await refused({ type: 'extend', seconds: 1.5 }, 400, 'INVALID_ARGUMENT')
    await refused({ type: 'end', graceSeconds: -1 }, 400, 'INVALID_ARGUMENT')
    await refused({ type: 'pause' }, 400, 'INVALID_ARGUMENT')
    expect((await readView(server, id)).view.phase).toBe('running')
  })
})
