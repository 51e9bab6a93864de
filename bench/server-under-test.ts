/**
 * The two servers under test, each a child process on loopback:
 *
 * - ours: `server/main.ts` as `npm start` runs it, without the page, with a
 *   fresh data folder, one session and tokens issued through the HTTP API;
 * - the reference: `@y/websocket-server`'s own bin, every client on one
 *   document (it has no tokens and no roles).
 *
 * Both are measured from outside through /proc, and only one runs at a time.
 */
import { spawn } from 'node:child_process'
import * as fs from 'node:fs'
import * as net from 'node:net'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { mapConcurrent, pollUntil, sleep } from './async-tools.js'
import { LoadClient } from './load-client.js'
import { cpuMsOf, cpuTickMs, rssKbOf } from './proc-stats.js'

export type ServerKind = 'ours' | 'reference'
export type Role = 'moderator' | 'participant'

export interface Seats {
  /** Participant tokens to issue (ours); clients of that role use index 0..n-1. */
  participants: number
  /** Moderator tokens to issue besides the writer's (ours). */
  moderators: number
}

export interface StartOptions extends Seats {
  /** Where ours keeps its SQLite file; a fresh folder under it is made and removed. */
  dataRoot: string
  /** Extra options for the server's `node`, e.g. `--cpu-prof` (which only ours
   * honours: the reference has no signal handler, so it dies before writing). */
  nodeOptions?: string[]
}

export interface ServerUnderTest {
  readonly kind: ServerKind
  readonly pid: number
  /** URL for client `index` of `role`; the reference ignores both. */
  syncUrl(role: Role, index: number): string
  /** URL for the one client that writes: a moderator on ours. */
  writerUrl(): string
  cpuMs(): number
  rssKb(): number
  exited(): boolean
  /** The last lines the process printed, stdout and stderr together. */
  output(): string
  /**
   * Waits until the process has used at most one clock tick over a quiet
   * window; resolves with the time (performance.now) the window began, which
   * is when its work ended, give or take a poll. Null when it never went quiet.
   */
  settle(timeoutMs?: number): Promise<number | null>
  /** Stops the process (SIGSTOP) until `resume`: what arrives meanwhile is read in one go. */
  pause(): void
  resume(): void
  /** True when the process is running, answers HTTP, and a new client syncs. */
  probe(): Promise<boolean>
  stop(): Promise<void>
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const HOST = '127.0.0.1'
const ADMIN_KEY = 'bench-admin-key'
const TOKEN_SECRET = 'bench-token-secret'
const REFERENCE_DOC = 'bench'
const START_TIMEOUT_MS = 30_000
const STOP_TIMEOUT_MS = 5_000
const PROBE_TIMEOUT_MS = 3_000
const OUTPUT_TAIL_CHARS = 16 * 1024
const TOKEN_CONCURRENCY = 16
/** Settling: CPU is sampled every SETTLE_POLL_MS, quiet means <= one tick over the window. */
const SETTLE_POLL_MS = 100
const SETTLE_WINDOW_POLLS = 3
const SETTLE_TIMEOUT_MS = 60_000

/**
 * Servers still running, by pid, with their data folders: killed and removed
 * if this process exits before stopping them (Ctrl-C, a crash).
 */
const running = new Map<number, string | null>()
process.once('exit', () => {
  for (const [pid, dataDir] of running) {
    process.kill(pid, 'SIGKILL')
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
  }
})

export async function startServer(kind: ServerKind, options: StartOptions):
  Promise<ServerUnderTest> {
  const port = await freePort()
  const dataDir = kind === 'ours' ? fs.mkdtempSync(path.join(options.dataRoot, 'bench-')) : null
  const { command, env, readyPath } = kind === 'ours'
    ? oursCommand(port, dataDir as string)
    : referenceCommand(port)
  const child = spawn(process.execPath, [...options.nodeOptions ?? [], ...command],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let tail = ''
  const keep = (chunk: Buffer) => {
    tail = (tail + String(chunk)).slice(-OUTPUT_TAIL_CHARS)
  }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  let hasExited = false
  const exitedNow = new Promise<void>((resolve) => child.once('exit', (code, signal) => {
    hasExited = true
    tail += `\n[exited with code ${code} signal ${signal}]`
    resolve()
  }))
  const pid = child.pid
  if (pid === undefined) throw new Error(`could not start the ${kind} server`)
  running.set(pid, dataDir)
  child.once('exit', () => running.delete(pid))
  const httpUrl = `http://${HOST}:${port}`
  const wsUrl = `ws://${HOST}:${port}`

  const cleanUp = async () => {
    if (!hasExited) {
      child.kill('SIGTERM')
      await Promise.race([exitedNow, sleep(STOP_TIMEOUT_MS)])
      if (!hasExited) child.kill('SIGKILL')
      await Promise.race([exitedNow, sleep(STOP_TIMEOUT_MS)])
    }
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
  }
  const ready = await pollUntil(async () => !hasExited && await answers(`${httpUrl}${readyPath}`),
    { timeoutMs: START_TIMEOUT_MS, everyMs: 100 })
  if (!ready) {
    await cleanUp()
    throw new Error(`the ${kind} server did not start:\n${tail}`)
  }

  let tokens: Tokens | null = null
  try {
    if (kind === 'ours') tokens = await issueTokens(httpUrl, options)
  } catch (error) {
    await cleanUp()
    throw error
  }
  const syncUrl = (role: Role, index: number) => {
    if (!tokens) return `${wsUrl}/${REFERENCE_DOC}`
    const token = (role === 'moderator' ? tokens.moderators : tokens.participants)[index]
    if (token === undefined) throw new Error(`no ${role} token ${index} was issued`)
    return `${wsUrl}/sync/${tokens.sessionId}?token=${encodeURIComponent(token)}`
  }
  const writerUrl = () => tokens
    ? `${wsUrl}/sync/${tokens.sessionId}?token=${encodeURIComponent(tokens.writer)}`
    : `${wsUrl}/${REFERENCE_DOC}`

  return {
    kind,
    pid,
    syncUrl,
    writerUrl,
    cpuMs: () => cpuMsOf(pid),
    rssKb: () => rssKbOf(pid),
    exited: () => hasExited,
    output: () => tail,
    pause: () => process.kill(pid, 'SIGSTOP'),
    resume: () => process.kill(pid, 'SIGCONT'),
    settle: (timeoutMs = SETTLE_TIMEOUT_MS) => settle(() => hasExited, () => cpuMsOf(pid),
      timeoutMs),
    probe: async () => {
      if (hasExited || !(await answers(`${httpUrl}${readyPath}`))) return false
      try {
        const client = await LoadClient.connect(writerUrl(), { timeoutMs: PROBE_TIMEOUT_MS })
        client.socket.close()
        return true
      } catch {
        return false
      }
    },
    stop: cleanUp,
  }
}

interface Tokens {
  sessionId: string
  writer: string
  moderators: string[]
  participants: string[]
}

function oursCommand(port: number, dataDir: string) {
  return {
    command: ['--import', 'tsx', 'server/main.ts'],
    readyPath: '/healthz',
    env: {
      ...process.env,
      HOST,
      PORT: String(port),
      ADMIN_KEY,
      TOKEN_SECRET,
      DATA_DIR: dataDir,
      STATIC_DIR: '',
      LOG_LEVEL: 'warn',
      MAX_CONNECTIONS_PER_SESSION: '10000',
      MAX_UPDATES_PER_SECOND: '100000',
      // Scenarios leave the session empty for a moment; it must not unload between them.
      IDLE_UNLOAD_MS: String(3600 * 1000),
    },
  }
}

function referenceCommand(port: number) {
  const env: NodeJS.ProcessEnv = { ...process.env, HOST, PORT: String(port) }
  // Without these it keeps documents in memory only and calls no webhook.
  delete env.YPERSISTENCE
  delete env.CALLBACK_URL
  return {
    command: [path.join(root, 'node_modules/@y/websocket-server/src/server.js')],
    readyPath: '/',
    env,
  }
}

async function issueTokens(httpUrl: string, seats: Seats): Promise<Tokens> {
  const created = await post(httpUrl, '/api/sessions', {})
  const sessionId = created.id as string
  const issue = async (role: Role, participantId: string, name: string) => {
    const issued = await post(httpUrl, `/api/sessions/${sessionId}/tokens`,
      { role, participantId, name })
    return issued.token as string
  }
  const writer = await issue('moderator', 'writer', 'Writer')
  const moderators = await mapConcurrent(seats.moderators, TOKEN_CONCURRENCY,
    (index) => issue('moderator', `m${index}`, `Moderator ${index}`))
  const participants = await mapConcurrent(seats.participants, TOKEN_CONCURRENCY,
    (index) => issue('participant', `p${index}`, `Participant ${index}`))
  return { sessionId, writer, moderators, participants }
}

async function post(httpUrl: string, route: string,
  body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${httpUrl}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
  })
  const text = await response.text()
  if (response.status !== 201) throw new Error(`POST ${route}: ${response.status} ${text}`)
  return JSON.parse(text) as Record<string, unknown>
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) })
    await response.arrayBuffer()
    return response.ok
  } catch {
    return false
  }
}

async function settle(exited: () => boolean, cpuMs: () => number,
  timeoutMs: number): Promise<number | null> {
  const readings: { at: number; cpuMs: number }[] = []
  let quietSince: number | null = null
  const quiet = await pollUntil(() => {
    const at = performance.now()
    try {
      if (!exited()) readings.push({ at, cpuMs: cpuMs() })
    } catch {
      // It exited between the check and the read.
    }
    if (exited()) {
      quietSince = at
      return true
    }
    const last = readings.at(-1)
    const windowStart = readings.at(-1 - SETTLE_WINDOW_POLLS)
    if (!last || !windowStart || last.cpuMs - windowStart.cpuMs > cpuTickMs) return false
    quietSince = windowStart.at
    return true
  }, { timeoutMs, everyMs: SETTLE_POLL_MS })
  return quiet ? quietSince : null
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, HOST, () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}
