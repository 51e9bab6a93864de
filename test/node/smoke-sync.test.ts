import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addRoom, assign, createRooms, viewOf } from '../../shared/index.js'
import { startServer, type ServerProcess } from './harness/server-process.js'
import { connect, createSession, eventually, issueToken, synced } from './harness/clients.js'

let server: ServerProcess
beforeAll(async () => { server = await startServer() })
afterAll(async () => { await server.stop() })

describe('smoke', () => {
  it('syncs two moderators', async () => {
    const id = await createSession(server)
    await issueToken(server, id, 'participant', 'p1', 'Pat')
    const a = connect(server, id, await issueToken(server, id, 'moderator', 'm1', 'Mo'))
    const b = connect(server, id, await issueToken(server, id, 'moderator', 'm2', 'Mia'))
    await Promise.all([synced(a), synced(b)])
    createRooms(a.doc, 3)
    const room = addRoom(b.doc, 'Extra')
    expect(room.ok).toBe(true)
    await eventually(() => viewOf(a.doc).rooms.length === 4 && viewOf(b.doc).rooms.length === 4,
      'four rooms')
    assign(a.doc, 'p1', viewOf(a.doc).rooms[0]!.id)
    await eventually(() => viewOf(b.doc).rooms[0]!.assignedCount === 1, 'assignment')
    a.destroy(); b.destroy()
  })
})
