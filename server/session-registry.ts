/**
 * The sessions this process serves: creates them, loads them on first use,
 * unloads them when idle, deletes them, and closes rooms whose end passed
 * while their session was not in memory.
 */
import {
  breakoutError,
  fail,
  ok,
  randomId,
  type Result,
} from '../shared/index.js'
import { HostedSession, type SessionContext } from './hosted-session.js'

export interface RegistryOptions {
  idleUnloadMs: number
  defaultMaxRooms: number
}

/** How often sessions that are not in memory are checked for an end that passed. */
const SWEEP_INTERVAL_MS = 1000

export class SessionRegistry {
  private readonly loaded = new Map<string, HostedSession>()
  private readonly idleTimers = new Map<string, ReturnType<typeof setTimeout>>()
  private readonly sweeper: ReturnType<typeof setInterval>

  constructor(private readonly context: SessionContext, private readonly options: RegistryOptions) {
    this.sweep()
    this.sweeper = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS)
    this.sweeper.unref()
  }

  get loadedCount(): number {
    return this.loaded.size
  }

  create(maxRooms = this.options.defaultMaxRooms): Result<string> {
    const id = randomId()
    this.context.store.createSession({ id, createdAt: this.context.now(), maxRooms })
    const session = this.open(id)
    if (!session.ok) return session
    const configured = session.value.configure(maxRooms)
    if (!configured.ok) return configured
    this.scheduleIdleCheck(id)
    this.context.logger.info({ session: id, maxRooms }, 'session created')
    return ok(id)
  }

  /**
   * The session, loading it when needed; SESSION_NOT_FOUND for unknown or
   * deleted ids. Every use restarts the quiet spell after which an idle
   * session unloads, so one loaded only to answer a request goes too.
   */
  open(id: string): Result<HostedSession> {
    const loaded = this.loaded.get(id)
    if (loaded) {
      if (loaded.idle) this.scheduleIdleCheck(id)
      return ok(loaded)
    }
    if (this.context.store.getSession(id) === null) return fail(notFound(id))

    const session = HostedSession.load(id, this.context)
    this.loaded.set(id, session)
    this.context.metrics.set('breakout_sessions_loaded', this.loaded.size)
    this.scheduleIdleCheck(id)
    return ok(session)
  }

  delete(id: string): Result<void> {
    if (this.context.store.getSession(id) === null) return fail(notFound(id))
    const session = this.loaded.get(id)
    if (session) {
      session.closeAll(breakoutError('SESSION_DELETED', `session ${id} was deleted`))
      this.forget(id, session, { keep: false })
    }
    this.context.store.deleteSession(id)
    this.context.logger.info({ session: id }, 'session deleted')
    return ok(undefined)
  }

  /** Call when a session's last connection closed; it unloads after a quiet spell. */
  scheduleIdleCheck(id: string): void {
    clearTimeout(this.idleTimers.get(id))
    const timer = setTimeout(() => {
      this.idleTimers.delete(id)
      const session = this.loaded.get(id)
      if (session?.idle) this.forget(id, session, { keep: true })
    }, this.options.idleUnloadMs)
    timer.unref()
    this.idleTimers.set(id, timer)
  }

  /** Stores and unloads every session; the process may exit after this. */
  closeAll(): void {
    clearInterval(this.sweeper)
    for (const [id, session] of this.loaded) {
      session.closeAll(breakoutError('INTERNAL', 'the server is shutting down'))
      this.forget(id, session, { keep: true })
    }
  }

  /** Loads sessions whose end passed while they were not in memory; loading closes them. */
  private sweep(): void {
    for (const id of this.context.store.dueSessions(this.context.now())) {
      if (this.loaded.has(id)) continue
      const opened = this.open(id)
      if (opened.ok) this.scheduleIdleCheck(id)
    }
  }

  private forget(id: string, session: HostedSession, { keep }: { keep: boolean }): void {
    clearTimeout(this.idleTimers.get(id))
    this.idleTimers.delete(id)
    if (keep) session.destroy()
    else session.discard()
    this.loaded.delete(id)
    this.context.metrics.set('breakout_sessions_loaded', this.loaded.size)
    this.context.logger.debug({ session: id }, 'session unloaded')
  }
}

function notFound(id: string) {
  return breakoutError('SESSION_NOT_FOUND', `no session has the id ${JSON.stringify(id)}`,
    { field: 'sessionId', value: id, allowed: 'the id of an existing session' })
}
