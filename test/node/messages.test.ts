/**
 * Broadcasts and help requests through the real server: commands in, the
 * server-owned `messages` root out, to every client's synced copy and to the
 * HTTP view. Nobody writes the root but the server.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { assign, createRooms, viewOf } from '../../shared/index.js'
import { startServer, type ServerProcess } from './harness/server-process.js'
import {
  createSession,
  eventually,
  readView,
  sendCommand,
} from './harness/clients.js'
import { ClientPool } from './harness/client-pool.js'
import { expectOk } from './results.js'

let server: ServerProcess
const pool = new ClientPool()
beforeAll(async () => { server = await startServer() })
afterEach(() => pool.closeAll())
afterAll(async () => { await server.stop() })

function join(id: string, role: 'moderator' | 'participant', person: string, name = person) {
  return pool.join(server, id, role, person, name)
}

/** Two rooms; Pat (p1) planned into the first, Pia (p2) left in the main room. */
async function session() {
  const id = await createSession(server)
  const moderator = await join(id, 'moderator', 'm1', 'Mo')
  const rooms = expectOk(createRooms(moderator.client.doc, 2)) as [string, string]
  expectOk(assign(moderator.client.doc, 'p1', rooms[0]))
  const p1 = await join(id, 'participant', 'p1', 'Pat')
  const p2 = await join(id, 'participant', 'p2', 'Pia')
  await eventually(async () =>
    (await readView(server, id)).view.participants.p1?.assignedRoomId === rooms[0],
  'the plan to reach the server')
  return { id, moderator, p1, p2, rooms }
}

async function expectRefused(id: string, token: string, body: Record<string, unknown>,
  status: number, code: string, field?: string) {
  const response = await sendCommand(server, id, token, body)
  expect(response.status, JSON.stringify(body)).toBe(status)
  expect(response.body.error.code, JSON.stringify(body)).toBe(code)
  if (field) expect(response.body.error.field).toBe(field)
  return response.body.error
}

describe('the broadcast command', () => {
  it('reaches every participant\'s copy and the view, signed with the moderator\'s name',
    async () => {
      const { id, moderator, p1, p2 } = await session()
      const response = await sendCommand(server, id, moderator.token,
        { type: 'broadcast', text: '  Five minutes left  ' })

      expect(response.status).toBe(200)
      const [sent] = response.body.view.messages
      expect(sent).toMatchObject({ kind: 'broadcast', from: 'Mo', text: 'Five minutes left' })
      expect(sent.at).toBeLessThanOrEqual(response.body.serverTime)
      for (const client of [p1.client, p2.client]) {
        await eventually(() => viewOf(client.doc).messages.at(-1)?.text === 'Five minutes left',
          'the broadcast to reach a participant')
      }
      const { view } = await readView(server, id)
      expect(view.messages).toEqual([sent])
    })

  it('is refused with 403 FORBIDDEN when a participant sends it', async () => {
    const { id, p1 } = await session()
    await expectRefused(id, p1.token, { type: 'broadcast', text: 'Hello all' }, 403,
      'FORBIDDEN', 'type')
    expect((await readView(server, id)).view.messages).toEqual([])
  })

  it('is refused with 400 for a text that is empty or too long, naming what fits',
    async () => {
      const { id, moderator } = await session()
      const empty = await expectRefused(id, moderator.token, { type: 'broadcast', text: '  ' },
        400, 'INVALID_ARGUMENT', 'text')
      expect(empty.allowed).toBe('1-500 characters after trimming')
      expect(empty.value).toBe('  ')
      await expectRefused(id, moderator.token, { type: 'broadcast', text: 'x'.repeat(501) },
        400, 'INVALID_ARGUMENT', 'text')
      await expectRefused(id, moderator.token, { type: 'broadcast' }, 400, 'INVALID_ARGUMENT',
        'text')
      expect((await readView(server, id)).view.messages).toEqual([])
    })
})

describe('asking for help', () => {
  it('shows the request on the moderator\'s copy until a moderator dismisses it',
    async () => {
      const { id, moderator, p1, rooms } = await session()
      expect((await sendCommand(server, id, moderator.token, { type: 'start' })).status)
        .toBe(200)

      const asked = await sendCommand(server, id, p1.token, { type: 'ask-help' })
      expect(asked.status).toBe(200)
      expect(asked.body.view.helpRequests).toEqual([
        expect.objectContaining({ participantId: 'p1', name: 'Pat', roomId: rooms[0] }),
      ])
      expect(asked.body.view.messages[0]).toMatchObject(
        { kind: 'help', from: 'p1', text: rooms[0] })
      await eventually(() => viewOf(moderator.client.doc).helpRequests.length === 1,
        'the request to reach the moderator')

      const dismissed = await sendCommand(server, id, moderator.token,
        { type: 'dismiss-help', participantId: 'p1' })
      expect(dismissed.status).toBe(200)
      expect(dismissed.body.view.helpRequests).toEqual([])
      await eventually(() => viewOf(moderator.client.doc).messages.length === 0,
        'the dismissal to reach the moderator')
      await eventually(() => viewOf(p1.client.doc).helpRequests.length === 0,
        'the dismissal to reach the participant')
    })

  it('is refused with 409 WRONG_PHASE before rooms open and from the main room',
    async () => {
      const { id, moderator, p1, p2 } = await session()
      await expectRefused(id, p1.token, { type: 'ask-help' }, 409, 'WRONG_PHASE', 'phase')
      await sendCommand(server, id, moderator.token, { type: 'start' })
      await expectRefused(id, p2.token, { type: 'ask-help' }, 409, 'WRONG_PHASE', 'roomId')
      expect((await readView(server, id)).view.messages).toEqual([])
    })

  it('is refused with 403 FORBIDDEN across roles', async () => {
    const { id, moderator, p1 } = await session()
    await sendCommand(server, id, moderator.token, { type: 'start' })
    await expectRefused(id, moderator.token, { type: 'ask-help' }, 403, 'FORBIDDEN')
    await sendCommand(server, id, p1.token, { type: 'ask-help' })
    await expectRefused(id, p1.token, { type: 'dismiss-help', participantId: 'p1' }, 403,
      'FORBIDDEN')
    expect((await readView(server, id)).view.helpRequests).toHaveLength(1)
  })

  it('refuses a dismissal without a participant id', async () => {
    const { id, moderator } = await session()
    await expectRefused(id, moderator.token, { type: 'dismiss-help' }, 400,
      'INVALID_ARGUMENT', 'participantId')
  })
})
