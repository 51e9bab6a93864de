/**
 * Benchmarks our sync server against the reference (@y/websocket-server) on
 * the same workloads, in the same run, each server in a child process of its
 * own on loopback. Not part of `npm test`; docs/benchmarks.md has figures.
 *
 *   node --import tsx bench/run.ts [--reps 3] [--clients 1000] [--small-clients 100]
 *     [--rounds 50] [--warmup 5] [--servers ours,reference]
 *     [--scenarios fanout,connect,mass-disconnect] [--disconnect paused|natural]
 *     [--data-root DIR] [--out FILE]
 *     [--cpu-prof DIR]
 *
 * stdout: one JSON object a line (a `run` record, a `sample` per scenario and
 * repetition, an `error` per failed step, a `summary` per metric).
 * stderr: progress, then a table of medians and ratios.
 *
 * Each repetition starts both servers afresh, one after the other (which
 * goes first alternates), and runs on each in turn:
 *   fan-out with the large class, then with the small one;
 *   connect the large class with awareness (ours: participants, then moderators);
 *   mass disconnect of that last class, the server paused meanwhile so that
 *   it reads every departure in one turn (`--disconnect natural`: not paused).
 */
import * as fs from 'node:fs'
import * as os from 'node:os'
import { parseArgs } from 'node:util'
import { runConnect } from './connect-cost.js'
import { runFanout } from './fanout.js'
import { closeGently, type LoadClient } from './load-client.js'
import { runMassDisconnect } from './mass-disconnect.js'
import {
  startServer,
  type Role,
  type ServerKind,
  type ServerUnderTest,
} from './server-under-test.js'
import { formatTable, summarise, type Sample } from './summary.js'

const CONNECT_CONCURRENCY = 50
const CONNECT_TIMEOUT_MS = 30_000
const ROUND_TIMEOUT_MS = 5_000
/** Awareness client ids: each connect variant takes its own range. */
const CLIENT_ID_BASE: Record<Role, number> = { participant: 1_000_000, moderator: 2_000_000 }
const SCENARIOS = ['fanout', 'connect', 'mass-disconnect']

const { values: args } = parseArgs({
  options: {
    reps: { type: 'string', default: '3' },
    clients: { type: 'string', default: '1000' },
    'small-clients': { type: 'string', default: '100' },
    rounds: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '5' },
    servers: { type: 'string', default: 'ours,reference' },
    scenarios: { type: 'string', default: SCENARIOS.join(',') },
    disconnect: { type: 'string', default: 'paused' },
    'data-root': { type: 'string', default: os.tmpdir() },
    out: { type: 'string' },
    'cpu-prof': { type: 'string' },
  },
})

const reps = wholeNumber('reps', 1, 20)
const large = wholeNumber('clients', 2, 5000)
const small = wholeNumber('small-clients', 2, 5000)
const rounds = wholeNumber('rounds', 1, 1000)
const warmup = wholeNumber('warmup', 0, 100)
const servers = listOf('servers', ['ours', 'reference']) as ServerKind[]
const scenarios = new Set(listOf('scenarios', SCENARIOS))
const paused = listOf('disconnect', ['paused', 'natural'])[0] !== 'natural'
const dataRoot = args['data-root'] as string
const nodeOptions = args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${args['cpu-prof']}`] : []
const out = args.out ? fs.createWriteStream(args.out) : null

// Ends through process.exit, so that servers still running are stopped with it.
process.once('SIGINT', () => process.exit(130))

const samples: Sample[] = []
const startedAt = performance.now()
emit({
  record: 'run',
  startedAt: new Date().toISOString(),
  node: process.version,
  cpus: os.cpus().length,
  loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
  options: { reps, clients: large, smallClients: small, rounds, warmup, servers,
    scenarios: [...scenarios], disconnect: paused ? 'paused' : 'natural', dataRoot },
})
for (let rep = 1; rep <= reps; rep++) {
  const order = rep % 2 === 1 ? servers : [...servers].reverse()
  for (const kind of order) await runServer(kind, rep)
}
const summary = summarise(samples, small, large)
for (const record of summary) emit(record)
emit({ record: 'done', seconds: Math.round((performance.now() - startedAt) / 1000),
  loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100) })
progress(`\n${formatTable(summary, small, large)}\n`)
progress(`(${reps} repetition(s) in ${Math.round((performance.now() - startedAt) / 1000)} s)`)
out?.end()

/** One server, started afresh, through every chosen scenario. */
async function runServer(kind: ServerKind, rep: number): Promise<void> {
  progress(`rep ${rep}/${reps} ${kind}: starting`)
  const server = await startServer(kind,
    { participants: large, moderators: large, dataRoot, nodeOptions })
  const record = (variant: string, result: object) => {
    const sample: Sample = { record: 'sample', rep, server: kind, variant, ...result }
    samples.push(sample)
    emit(sample)
  }
  const step = async (name: string, work: () => Promise<void>): Promise<boolean> => {
    if (server.exited()) return false
    progress(`rep ${rep}/${reps} ${kind}: ${name}`)
    try {
      await work()
      return true
    } catch (error) {
      emit({ record: 'error', rep, server: kind, step: name,
        message: (error as Error).message, serverExited: server.exited(),
        serverOutput: server.exited() ? server.output() : undefined })
      return false
    }
  }
  const fanout = (clients: number) => async () => record(`fanout-${clients}`,
    await runFanout(server, { clients, rounds, warmupRounds: warmup,
      roundTimeoutMs: ROUND_TIMEOUT_MS, connectConcurrency: CONNECT_CONCURRENCY,
      connectTimeoutMs: CONNECT_TIMEOUT_MS }))

  try {
    if (scenarios.has('fanout')) {
      await step(`fan-out, ${large} clients`, fanout(large))
      await step(`fan-out, ${small} clients`, fanout(small))
    }
    if (scenarios.has('connect') && kind === 'ours') {
      await step(`connect ${large} participants with awareness`, async () => {
        const { result, clients } = await connect(server, 'participant')
        record('connect-participant', result)
        await closeGently(clients)
        await server.settle()
      })
    }
    if (!scenarios.has('connect') && !scenarios.has('mass-disconnect')) return

    // The mass disconnect drops the clients of this connect, so it runs for both.
    let clients: LoadClient[] = []
    const connected = await step(`connect ${large} ${kind === 'ours' ? 'moderators' : 'clients'}` +
      ' with awareness', async () => {
      const connection = await connect(server, 'moderator')
      clients = connection.clients
      if (!scenarios.has('connect')) return
      if (kind === 'ours') record('connect-moderator', connection.result)
      else record('connect-any', { ...connection.result, role: 'any' })
    })
    if (!connected) return
    if (!scenarios.has('mass-disconnect')) {
      await closeGently(clients)
      return
    }
    await step(`mass disconnect of ${large}${paused ? ', read in one turn' : ''}`, async () =>
      record('mass-disconnect', await runMassDisconnect(server, clients, { paused })))
  } finally {
    await server.stop()
  }
}

function connect(server: ServerUnderTest, role: Role) {
  return runConnect(server, { clients: large, role, clientIdBase: CLIENT_ID_BASE[role],
    concurrency: CONNECT_CONCURRENCY, timeoutMs: CONNECT_TIMEOUT_MS })
}

/** Writes one JSON record a line, fractions to three decimals. */
function emit(record: object): void {
  const json = JSON.stringify(record, (_key, value: unknown) =>
    typeof value === 'number' && !Number.isInteger(value)
      ? Math.round(value * 1000) / 1000
      : value)
  process.stdout.write(`${json}\n`)
  out?.write(`${json}\n`)
}

function progress(text: string): void {
  process.stderr.write(`${text}\n`)
}

function wholeNumber(name: keyof typeof args, min: number, max: number): number {
  const raw = String(args[name])
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    fail(`--${name} must be a whole number from ${min} to ${max}, got ${raw}`)
  }
  return value
}

function listOf(name: keyof typeof args, allowed: readonly string[]): string[] {
  const items = String(args[name]).split(',').filter(Boolean)
  for (const item of items) {
    if (!allowed.includes(item)) fail(`--${name} takes ${allowed.join(', ')}; got ${item}`)
  }
  return items
}

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n`)
  process.exit(2)
}
