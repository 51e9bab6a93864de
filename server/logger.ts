/**
 * Structured logging: one JSON object a line, an object of fields first and a
 * short constant message after, so lines can be filtered by field. Passed in
 * to every part of the server; tests pass `silentLogger`.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export type LogFields = Record<string, unknown>

export interface Logger {
  debug(fields: LogFields, message: string): void
  info(fields: LogFields, message: string): void
  warn(fields: LogFields, message: string): void
  error(fields: LogFields, message: string): void
  child(bindings: LogFields): Logger
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

export interface LoggerOptions {
  level?: LogLevel
  write?: (line: string) => void
  bindings?: LogFields
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info'
  const write = options.write ?? ((line: string) => process.stdout.write(line))
  const bindings = options.bindings ?? {}
  const emit = (at: LogLevel, fields: LogFields, message: string) => {
    if (RANK[at] < RANK[level]) return
    const line = { level: at, time: new Date().toISOString(), msg: message, ...bindings,
      ...fields }
    write(`${JSON.stringify(line, replaceErrors)}\n`)
  }
  return {
    debug: (fields, message) => emit('debug', fields, message),
    info: (fields, message) => emit('info', fields, message),
    warn: (fields, message) => emit('warn', fields, message),
    error: (fields, message) => emit('error', fields, message),
    child: (more) => createLogger({ level, write, bindings: { ...bindings, ...more } }),
  }
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => silentLogger,
}

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && value in RANK
}

function replaceErrors(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: value.message, stack: value.stack }
  }
  return value
}
