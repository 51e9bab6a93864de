import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRooms, viewOf, assign } from '../../shared/index.js'
import { startServer, type ServerProcess } from './harness/server-process.js'
import { api, connect, createSession, eventually, issueToken, synced } from './harness/clients.js'

let server: ServerProcess
beforeAll(async () => {
  server = await startServer()
})
afterAll(async () => {
  await server.stop()
})

interface ServerEvent {
  event: string
  data: Record<string, unknown>
}

/** Reads a server-sent event stream into a list as events arrive. */
async function listen(url: string, auth: string) {
  const controller = new AbortController()
  const response = await fetch(url, { headers: { authorization: `Bearer ${auth}` },
    signal: controller.signal })
  const events: ServerEvent[] = []
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  let buffered = ''
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) return
        buffered += decoder.decode(value, { stream: true })
        let end = buffered.indexOf('\n\n')
        while (end >= 0) {
          const block = buffered.slice(0, end)
          buffered = buffered.slice(end + 2)
          end = buffered.indexOf('\n\n')
          const event = /^event: (.+)$/m.exec(block)?.[1]
          const data = /^data: (.+)$/m.exec(block)?.[1]
          if (event && data) events.push({ event, data: JSON.parse(data) })
        }
      }
    } catch {
      // The stream ends when the test aborts it.
    }
  })()
  return { status: response.status, events, close: () => controller.abort() }
}

describe('the placement event stream', () => {
  it('tells the host platform who moved when rooms open and close', async () => {
    const id = await createSession(server)
    await issueToken(server, id, 'participant', 'p1', 'Pat')
    await issueToken(server, id, 'participant', 'p2', 'Sam')
    const token = await issueToken(server, id, 'moderator', 'm1', 'Mo')
    const moderator = connect(server, id, token)
    await synced(moderator)
    const stream = await listen(`${server.url}/api/sessions/${id}/events`, server.adminKey)
    expect(stream.status).toBe(200)
    await eventually(() => stream.events.length > 0, 'a snapshot')
    expect(stream.events[0]).toMatchObject({
      event: 'snapshot', data: { phase: 'setup', placements: { p1: null, p2: null } },
    })

    createRooms(moderator.doc, 2)
    const [first] = viewOf(moderator.doc).rooms
    assign(moderator.doc, 'p1', first!.id)
    await eventually(async () => (await api(server, 'GET', `/api/sessions/${id}`)).body.view
      .participants.p1.assignedRoomId === first!.id, 'the plan on the server')
    const started = await api(server, 'POST', `/api/sessions/${id}/commands`,
      { auth: token, body: { type: 'start' } })
    expect(started.status).toBe(200)
    await eventually(() => stream.events.some((e) => e.event === 'moved'), 'a moved event')

    const moved = stream.events.find((e) => e.event === 'moved')!
    expect(moved.data.moves).toEqual([{ participantId: 'p1', roomId: first!.id,
      previousRoomId: null }])
    expect(stream.events.find((e) => e.event === 'phase')?.data.phase).toBe('running')

    await api(server, 'POST', `/api/sessions/${id}/commands`,
      { auth: token, body: { type: 'end' } })
    await eventually(() => stream.events.filter((e) => e.event === 'moved').length === 2,
      'everyone back')
    const back = stream.events.filter((e) => e.event === 'moved')[1]!
    expect(back.data.moves).toEqual([{ participantId: 'p1', roomId: null,
      previousRoomId: first!.id }])
    stream.close()
    moderator.destroy()
  })

  it('refuses a stream without a valid token', async () => {
    const id = await createSession(server)
    const response = await fetch(`${server.url}/api/sessions/${id}/events`,
      { headers: { authorization: 'Bearer nonsense' } })
    expect(response.status).toBe(401)
    expect((await response.json()).error.code).toBe('TOKEN_INVALID')
  })
})
