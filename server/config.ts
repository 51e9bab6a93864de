/**
 * Configuration from the environment. Every limit is a named setting with its
 * unit in the name; the README lists each variable with its default.
 */
import * as path from 'node:path'
import { DEFAULT_MAX_ROOMS, MAX_ROOMS_LIMIT } from '../shared/index.js'
import { isLogLevel, type LogLevel } from './logger.js'

export interface Limits {
  /** Largest WebSocket frame a client may send. */
  maxFrameBytes: number
  /** Largest a session's stored document may grow. */
  maxDocumentBytes: number
  /** Messages a connection may send per second, averaged over a second. */
  maxUpdatesPerSecond: number
  /** Open connections one session may hold. */
  maxConnectionsPerSession: number
  /** Largest HTTP request body. */
  maxBodyBytes: number
}

export interface ServerConfig {
  port: number
  host: string
  dataDir: string
  /** Admin key for the HTTP API; null means generate one at start. */
  adminKey: string | null
  /** Secret that signs tokens; null means keep one in the data folder. */
  tokenSecret: string | null
  tokenTtlSeconds: number
  defaultMaxRooms: number
  /** How long a session with no connections stays in memory. */
  idleUnloadMs: number
  /** How often sockets are pinged; one that misses a ping is ended at the next. */
  pingIntervalMs: number
  /** Updates appended to a session's log before it is compacted. */
  compactAfterUpdates: number
  /** NORMAL survives a killed process; FULL also a power cut, at an fsync per update. */
  sqliteSynchronous: 'NORMAL' | 'FULL'
  /** Folder of the built page; null serves no page. */
  staticDir: string | null
  logLevel: LogLevel
  limits: Limits
}

export const DEFAULT_LIMITS: Limits = {
  maxFrameBytes: 1024 * 1024,
  maxDocumentBytes: 16 * 1024 * 1024,
  maxUpdatesPerSecond: 50,
  maxConnectionsPerSession: 6000,
  maxBodyBytes: 64 * 1024,
}

export type ConfigResult = { ok: true; config: ServerConfig } | { ok: false; message: string }

type Env = Record<string, string | undefined>

export function configFromEnv(env: Env, cwd: string): ConfigResult {
  const problems: string[] = []
  const int = (name: string, fallback: number, min: number, max: number) => {
    const raw = env[name]
    if (raw === undefined || raw === '') return fallback
    const value = Number(raw)
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}, got ${raw}`)
      return fallback
    }
    return value
  }
  const synchronous = (env.SQLITE_SYNCHRONOUS || 'NORMAL').toUpperCase()
  if (synchronous !== 'NORMAL' && synchronous !== 'FULL') {
    problems.push(`SQLITE_SYNCHRONOUS must be NORMAL or FULL, got ${env.SQLITE_SYNCHRONOUS}`)
  }
  const logLevel = env.LOG_LEVEL ?? 'info'
  if (!isLogLevel(logLevel)) problems.push(`LOG_LEVEL must be debug, info, warn or error`)

  const config: ServerConfig = {
    port: int('PORT', 8080, 0, 65535),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(cwd, env.DATA_DIR || 'data'),
    adminKey: env.ADMIN_KEY || null,
    tokenSecret: env.TOKEN_SECRET || null,
    tokenTtlSeconds: int('TOKEN_TTL_SECONDS', 12 * 3600, 1, 366 * 24 * 3600),
    defaultMaxRooms: int('MAX_ROOMS', DEFAULT_MAX_ROOMS, 1, MAX_ROOMS_LIMIT),
    idleUnloadMs: int('IDLE_UNLOAD_MS', 30_000, 0, 24 * 3600 * 1000),
    pingIntervalMs: int('PING_INTERVAL_MS', 30_000, 100, 3600 * 1000),
    compactAfterUpdates: int('COMPACT_AFTER_UPDATES', 500, 1, 1_000_000),
    sqliteSynchronous: synchronous === 'FULL' ? 'FULL' : 'NORMAL',
    staticDir: env.STATIC_DIR === '' ? null : path.resolve(cwd, env.STATIC_DIR || 'dist'),
    logLevel: isLogLevel(logLevel) ? logLevel : 'info',
    limits: {
      maxFrameBytes: int('MAX_FRAME_BYTES', DEFAULT_LIMITS.maxFrameBytes, 64, 64 * 1024 * 1024),
      maxDocumentBytes: int('MAX_DOCUMENT_BYTES', DEFAULT_LIMITS.maxDocumentBytes, 1024,
        1024 * 1024 * 1024),
      maxUpdatesPerSecond: int('MAX_UPDATES_PER_SECOND', DEFAULT_LIMITS.maxUpdatesPerSecond, 1,
        100_000),
      maxConnectionsPerSession: int('MAX_CONNECTIONS_PER_SESSION',
        DEFAULT_LIMITS.maxConnectionsPerSession, 1, 1_000_000),
      maxBodyBytes: int('MAX_BODY_BYTES', DEFAULT_LIMITS.maxBodyBytes, 1024, 16 * 1024 * 1024),
    },
  }
  if (problems.length > 0) return { ok: false, message: problems.join('; ') }
  return { ok: true, config }
}
