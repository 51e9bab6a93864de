/**
 * Starts the real server as a child process, the way the README's run
 * command does, on a free port and a data folder of its own.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

/** The secret every test server signs tokens with, so tests can forge their own. */
export const TEST_TOKEN_SECRET = 'test-token-secret'

export interface ServerProcess {
  readonly url: string
  readonly wsUrl: string
  readonly adminKey: string
  readonly dataDir: string
  readonly child: ChildProcess
  /** Every line the server logged, parsed. */
  readonly logs: Record<string, unknown>[]
  /** Stops it with a signal (SIGKILL for a crash) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>
  /** Resolves with the first log line, logged so far or later, that `matches`. */
  logged(matches: (entry: Record<string, unknown>) => boolean,
    timeoutMs?: number): Promise<Record<string, unknown>>
}

export interface StartOptions {
  dataDir?: string
  env?: Record<string, string>
}

export async function startServer(options: StartOptions = {}): Promise<ServerProcess> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'breakout-test-'))
  const adminKey = 'test-admin-key'
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ADMIN_KEY: adminKey,
      TOKEN_SECRET: TEST_TOKEN_SECRET,
      STATIC_DIR: '',
      LOG_LEVEL: 'debug',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const logs: Record<string, unknown>[] = []
  const logWaiters = new Set<() => void>()
  let stderr = ''
  child.stderr?.on('data', (chunk) => (stderr += String(chunk)))
  const port = await new Promise<number>((resolve, reject) => {
    let buffered = ''
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 20_000)
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)))
    child.stdout?.on('data', (chunk) => {
      buffered += String(chunk)
      let newline = buffered.indexOf('\n')
      while (newline >= 0) {
        const line = buffered.slice(0, newline)
        buffered = buffered.slice(newline + 1)
        newline = buffered.indexOf('\n')
        if (!line.startsWith('{')) continue
        const entry = JSON.parse(line) as Record<string, unknown>
        logs.push(entry)
        for (const waiter of [...logWaiters]) waiter()
        if (entry.msg === 'listening') {
          clearTimeout(timer)
          resolve(entry.port as number)
        }
      }
    })
  })
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    adminKey,
    dataDir,
    child,
    logs,
    stop: (signal = 'SIGTERM') => new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill(signal)
    }),
    logged: (matches, timeoutMs = 10_000) => new Promise((resolve, reject) => {
      let index = 0
      const check = () => {
        for (; index < logs.length; index++) {
          const entry = logs[index] as Record<string, unknown>
          if (matches(entry)) {
            clearTimeout(timer)
            logWaiters.delete(check)
            return resolve(entry)
          }
        }
      }
      const timer = setTimeout(() => {
        logWaiters.delete(check)
        reject(new Error('no matching log line in time'))
      }, timeoutMs)
      logWaiters.add(check)
      check()
    }),
  }
}
