/**
 * Fan-out: one writer changes the document, and the clock runs until every
 * other client connected to it has the change.
 *
 *   writer ──update──▶ server ──one frame each──▶ N-1 receivers
 *   start: just before the writer's send    end: the last receiver's arrival
 *
 * Rounds run one at a time: the next update goes out once every receiver has
 * the last one (or the round timed out). Each round renames a room to a label
 * of its own, and a receiver recognises the round by finding that label in
 * the raw frame, without decoding it.
 *
 * Every arrival is timed in this process, so a round's latency includes the
 * load generator reading N-1 frames on the other core; both servers pay that
 * equally, which narrows the ratio rather than widening it.
 *
 * On ours the writer is a moderator and the receivers are participants; on
 * the reference everyone is on one document.
 */
import { sleep } from './async-tools.js'
import { DocWriter } from './doc-writer.js'
import { closeGently, connectMany, type LoadClient } from './load-client.js'
import type { ServerUnderTest } from './server-under-test.js'
import { percentile } from './stats.js'

export interface FanoutOptions {
  /** Clients on the document, the writer included. */
  clients: number
  rounds: number
  warmupRounds: number
  roundTimeoutMs: number
  connectConcurrency: number
  connectTimeoutMs: number
}

export interface FanoutResult {
  clients: number
  rounds: number
  /** Rounds in which some receiver had not got the update after `roundTimeoutMs`. */
  lostRounds: number
  /** Latency until every receiver had the update: p50 and p99 over rounds. */
  allP50Ms: number
  allP99Ms: number
  /** Until the first receiver had it: the server's work before it starts sending. */
  firstP50Ms: number
  /** Latency of single deliveries, over every receiver of every round. */
  deliveryP50Ms: number
  deliveryP99Ms: number
  serverCpuMsPerUpdate: number
  loadCpuMsPerUpdate: number
  /** Server RSS growth from connecting the receivers, divided by their number. */
  rssKbPerConnection: number
  /** The step 2 the last receiver got: what every newcomer is sent. */
  documentBytes: number
}

const PAUSE_BETWEEN_ROUNDS_MS = 20

export async function runFanout(server: ServerUnderTest, options: FanoutOptions):
  Promise<FanoutResult> {
  const writer = await DocWriter.connect(server.writerUrl(), options.connectTimeoutMs)
  let receivers: LoadClient[] = []
  try {
    await server.settle()
    const rssBefore = server.rssKb()
    receivers = await connectMany({
      count: options.clients - 1,
      url: (index) => server.syncUrl('participant', index),
      concurrency: options.connectConcurrency,
      timeoutMs: options.connectTimeoutMs,
    })
    await server.settle()
    const rssKbPerConnection = (server.rssKb() - rssBefore) / receivers.length

    for (let round = 0; round < options.warmupRounds; round++) {
      await runRound(writer, receivers, round, options.roundTimeoutMs)
    }
    const cpuBefore = server.cpuMs()
    const loadBefore = process.cpuUsage()
    const roundMs: number[] = []
    const firstMs: number[] = []
    const deliveryMs: number[] = []
    let lostRounds = 0
    for (let round = 0; round < options.rounds; round++) {
      const outcome = await runRound(writer, receivers, options.warmupRounds + round,
        options.roundTimeoutMs)
      if (outcome.allMs === null) lostRounds++
      else roundMs.push(outcome.allMs)
      if (outcome.deliveryMs.length > 0) firstMs.push(Math.min(...outcome.deliveryMs))
      deliveryMs.push(...outcome.deliveryMs)
      await sleep(PAUSE_BETWEEN_ROUNDS_MS)
    }
    const serverCpuMs = server.cpuMs() - cpuBefore
    const load = process.cpuUsage(loadBefore)

    return {
      clients: options.clients,
      rounds: options.rounds,
      lostRounds,
      allP50Ms: percentile(roundMs, 0.5),
      allP99Ms: percentile(roundMs, 0.99),
      firstP50Ms: percentile(firstMs, 0.5),
      deliveryP50Ms: percentile(deliveryMs, 0.5),
      deliveryP99Ms: percentile(deliveryMs, 0.99),
      serverCpuMsPerUpdate: serverCpuMs / options.rounds,
      loadCpuMsPerUpdate: (load.user + load.system) / 1000 / options.rounds,
      rssKbPerConnection,
      documentBytes: receivers.at(-1)?.documentBytes ?? 0,
    }
  } finally {
    await closeGently(receivers)
    writer.close()
    await server.settle()
  }
}

interface RoundOutcome {
  /** Until the last receiver had it; null when some never did within the timeout. */
  allMs: number | null
  deliveryMs: number[]
}

async function runRound(writer: DocWriter, receivers: readonly LoadClient[], round: number,
  timeoutMs: number): Promise<RoundOutcome> {
  const label = `bench-${String(round).padStart(5, '0')}`
  const marker = Buffer.from(label)
  const frame = writer.roomUpdate(label, round)
  const arrivedAt = new Float64Array(receivers.length)
  const arrived = new Uint8Array(receivers.length)
  let pending = receivers.length

  const complete = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs)
    receivers.forEach((receiver, index) => {
      receiver.onUpdate = (data, at) => {
        if (arrived[index] || data.indexOf(marker) < 0) return
        arrived[index] = 1
        arrivedAt[index] = at
        if (--pending > 0) return
        clearTimeout(timer)
        resolve(true)
      }
    })
  })
  const sentAt = performance.now()
  writer.send(frame)
  const allArrived = await complete
  for (const receiver of receivers) receiver.onUpdate = null

  const deliveryMs: number[] = []
  arrivedAt.forEach((at, index) => {
    if (arrived[index]) deliveryMs.push(at - sentAt)
  })
  return { allMs: allArrived ? Math.max(...deliveryMs) : null, deliveryMs }
}
