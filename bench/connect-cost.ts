/**
 * Connect cost: many clients join one document, each announcing an awareness
 * state as a page does, and the server's CPU time is summed from the first
 * connection until it has gone quiet again.
 *
 * The reference relays every awareness state to every client, so its cost
 * grows with the square of the class. Ours ignores participants' awareness
 * and relays moderators' to moderators only, batched per turn of the event
 * loop: the "participant" variant is the usual class, the "moderator" variant
 * its worst case. On the reference the role means nothing.
 */
import { connectMany, type AwarenessEntry, type LoadClient } from './load-client.js'
import type { Role, ServerUnderTest } from './server-under-test.js'

export interface ConnectOptions {
  clients: number
  role: Role
  /** First awareness client id; each variant takes its own range. */
  clientIdBase: number
  concurrency: number
  timeoutMs: number
}

export interface ConnectResult {
  clients: number
  role: Role
  /** Server CPU from the first connection until quiet. */
  serverCpuMs: number
  /** Until every client had synced. */
  connectMs: number
  /** Until the server's work ended (within a poll of 100 ms). */
  busyMs: number
  /** Awareness frames all clients received, together. */
  awarenessFrames: number
  /** Document updates all clients received, together (ours: the roster's online flags). */
  updateFrames: number
  /** The step 2 the last client got: what every newcomer is sent. */
  documentBytes: number
}

const COLORS = ['#30bced', '#6eeb83', '#ffbc42', '#ecd444', '#ee6352', '#9ac2c9', '#8acb88']

export async function runConnect(server: ServerUnderTest, options: ConnectOptions):
  Promise<{ result: ConnectResult; clients: LoadClient[] }> {
  const awareness = (index: number): AwarenessEntry => ({
    clientId: options.clientIdBase + index,
    state: {
      user: { name: `Person ${index}`, color: COLORS[index % COLORS.length] },
      dragging: null,
    },
  })

  await server.settle()
  const cpuBefore = server.cpuMs()
  const started = performance.now()
  const clients = await connectMany({
    count: options.clients,
    url: (index) => server.syncUrl(options.role, index),
    awareness,
    concurrency: options.concurrency,
    timeoutMs: options.timeoutMs,
  })
  const connectMs = performance.now() - started
  const quietSince = await server.settle()
  if (quietSince === null) {
    for (const client of clients) client.socket.terminate()
    throw new Error('the server did not go quiet after the clients connected')
  }

  return {
    result: {
      clients: clients.length,
      role: options.role,
      serverCpuMs: server.cpuMs() - cpuBefore,
      connectMs,
      busyMs: quietSince - started,
      awarenessFrames: clients.reduce((sum, client) => sum + client.awarenessFrames, 0),
      updateFrames: clients.reduce((sum, client) => sum + client.updateFrames, 0),
      documentBytes: clients.at(-1)?.documentBytes ?? 0,
    },
    clients,
  }
}
