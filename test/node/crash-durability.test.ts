/**
 * The server appends each update before it sends it to anyone, so whatever a
 * client has received survives `kill -9` of the process. Each test kills the
 * server right after another client received the edits and restarts it on
 * the same data folder.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import * as Y from 'yjs'
import {
  addRoom,
  assign,
  createRooms,
  renameRoom,
  viewOf,
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

/** Small, so that the log is compacted several times before the crash. */
const COMPACT_AFTER_UPDATES = 5

let server: ServerProcess
let dataDir: string
const pool = new ClientPool()
const start = async () => {
  server = await startServer({ dataDir,
    env: { COMPACT_AFTER_UPDATES: String(COMPACT_AFTER_UPDATES) } })
}
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'breakout-crash-'))
  await start()
})
afterEach(() => pool.closeAll())
afterAll(async () => {
  await server.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

async function moderator(id: string, person: string, doc?: Y.Doc) {
  const token = await issueToken(server, id, 'moderator', person)
  const client = pool.add(connect(server, id, token, { doc }))
  await synced(client)
  return client
}

async function crashAndRestart(): Promise<void> {
  await server.stop('SIGKILL')
  await start()
}

function roomNames(doc: Y.Doc): string[] {
  return viewOf(doc).rooms.map(({ name }) => name).sort()
}

describe('after kill -9', () => {
  it('keeps every edit another client had received', async () => {
    const id = await createSession(server, 40)
    await issueToken(server, id, 'participant', 'p1', 'Pat')
    const alice = await moderator(id, 'm1')
    const bob = await moderator(id, 'm2')
    const [first] = expectOk(createRooms(alice.doc, 3)) as [string]
    for (let i = 0; i < 12; i++) expectOk(addRoom(alice.doc, `Added ${i}`))
    expectOk(renameRoom(alice.doc, first, 'Renamed'))
    expectOk(assign(alice.doc, 'p1', first))
    await eventually(() => viewOf(bob.doc).participants.p1?.assignedRoomId === first &&
      viewOf(bob.doc).rooms.length === 15 && viewOf(bob.doc).rooms[0]?.name === 'Renamed',
    'bob to receive every edit')
    const seen = roomNames(bob.doc)
    await server.logged((entry) => entry.msg === 'log compacted' && entry.session === id)

    await crashAndRestart()
    const carol = await moderator(id, 'm3')

    expect(roomNames(carol.doc)).toEqual(seen)
    expect(viewOf(carol.doc).participants.p1?.assignedRoomId).toBe(first)
    const { view } = await readView(server, id)
    expect(view.rooms.map(({ name }) => name).sort()).toEqual(seen)
  })

  it('keeps whatever part of a burst of edits another client had received', async () => {
    const id = await createSession(server, 100)
    const alice = await moderator(id, 'm1')
    const bob = await moderator(id, 'm2')
    for (let i = 0; i < 80; i++) expectOk(addRoom(alice.doc, `Burst ${i}`))
    await eventually(() => viewOf(bob.doc).rooms.length >= 20, 'bob to receive part of the burst')
    const seen = roomNames(bob.doc)

    await crashAndRestart()
    const carol = await moderator(id, 'm3')

    const kept = new Set(roomNames(carol.doc))
    expect(seen.filter((name) => !kept.has(name))).toEqual([])
  })

  it('shows nobody online, since nobody is connected to the new process', async () => {
    const id = await createSession(server)
    const participant = pool.add(connect(server, id,
      await issueToken(server, id, 'participant', 'p1', 'Pat')))
    await moderator(id, 'm1')
    await synced(participant)
    await eventually(async () => (await readView(server, id)).view.roster
      .filter(({ online }) => online).length === 2, 'both to be online')

    await crashAndRestart()

    const { view } = await readView(server, id)
    expect(view.roster.map(({ id: person, online }) => [person, online]).sort())
      .toEqual([['m1', false], ['p1', false]])
    expect(view.participants.p1?.online).toBe(false)
  })

  it('keeps a started round, and the copy of a client who saw it still syncs', async () => {
    const id = await createSession(server)
    const token = await issueToken(server, id, 'moderator', 'm1')
    const alice = pool.add(connect(server, id, token))
    await synced(alice)
    expectOk(createRooms(alice.doc, 2))
    await eventually(async () => (await readView(server, id)).view.rooms.length === 2,
      'the rooms to reach the server')
    expect((await sendCommand(server, id, token, { type: 'start' })).status).toBe(200)
    await eventually(() => viewOf(alice.doc).phase === 'running', 'alice to see the round start')

    await crashAndRestart()
    alice.provider.destroy()
    const again = pool.add(connect(server, id, token, { doc: alice.doc }))
    await synced(again)

    expect((await readView(server, id)).view.phase).toBe('running')
    expectOk(addRoom(again.doc, 'After the crash'))
    const carol = await moderator(id, 'm3')
    await eventually(() => roomNames(carol.doc).includes('After the crash'),
      'an edit from the old copy to reach a new client')
    expect(again.closes).toEqual([])
  })
})
