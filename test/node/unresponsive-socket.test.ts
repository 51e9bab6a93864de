/**
 * A participant whose network vanished without closing the socket must not
 * stay "online" on the roster: the server pings every PING_INTERVAL_MS and
 * ends a socket that did not answer the previous ping.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startServer, type ServerProcess } from './harness/server-process.js'
import { createSession, eventually, issueToken, readView } from './harness/clients.js'
import { rawClientOf, rawUrl, stepOneFrame } from './harness/raw-client.js'

let server: ServerProcess
beforeAll(async () => {
  server = await startServer({ env: { PING_INTERVAL_MS: '200' } })
})
afterAll(async () => { await server.stop() })

const online = async (id: string, person: string) =>
  (await readView(server, id)).view.roster.find((entry: { id: string }) => entry.id === person)
    ?.online === true

describe('a socket that stops answering', () => {
  it('is ended, and its participant shown offline', async () => {
    const id = await createSession(server)
    const silentToken = await issueToken(server, id, 'participant', 'silent', 'Sil')
    const liveToken = await issueToken(server, id, 'participant', 'live', 'Liv')
    // `autoPong: false` makes this client behave like a peer that has gone away.
    const silent = rawClientOf(new WebSocket(rawUrl(server, id, silentToken),
      { perMessageDeflate: false, autoPong: false }))
    const live = rawClientOf(new WebSocket(rawUrl(server, id, liveToken),
      { perMessageDeflate: false }))
    await Promise.all([silent.opened, live.opened])
    silent.send(stepOneFrame())
    await eventually(async () => await online(id, 'silent') && await online(id, 'live'),
      'both online')

    const closed = await silent.closed
    expect(closed.code).toBe(1006)
    await eventually(async () => !(await online(id, 'silent')), 'the silent one offline')
    // A client that answers pings is left alone through many intervals.
    await new Promise((resolve) => setTimeout(resolve, 1000))
    expect(await online(id, 'live')).toBe(true)
    expect(live.socket.readyState).toBe(WebSocket.OPEN)
    live.socket.close()
  })
})
