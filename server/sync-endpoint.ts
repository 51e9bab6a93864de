/**
 * The WebSocket endpoint `/sync/:sessionId?token=...`.
 *
 * Authentication happens during the upgrade, before a byte of any document
 * is sent. A refused client still gets a WebSocket, closed at once with the
 * close code of its error, because browsers show nothing of a refused
 * upgrade: the close code is the only way to tell the client why.
 */
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import { breakoutError, type BreakoutError, type TokenClaims } from '../shared/index.js'
import type { Limits } from './config.js'
import { Connection, closeReason } from './connection.js'
import { closeCodeOf } from '../shared/index.js'
import type { Logger } from './logger.js'
import type { Metrics } from './metrics.js'
import type { SessionRegistry } from './session-registry.js'
import { verifyToken } from './tokens.js'

export interface SyncContext {
  registry: SessionRegistry
  logger: Logger
  metrics: Metrics
  limits: Limits
  tokenSecret: string
  /**
   * Sockets whose peer vanished without a close (a laptop lid shut, a dropped
   * network) would keep their participant "online" forever; each interval every
   * socket is pinged, and one that did not answer the previous ping is ended.
   */
  pingIntervalMs: number
  now: () => number
}

/** The longest a timer may wait (setTimeout's limit). */
const MAX_TIMER_MS = 2 ** 31 - 1

const SYNC_ROUTE = /^\/sync\/([^/?]+)$/

/**
 * Frames past the limit but within this multiple are read and refused with
 * FRAME_TOO_LARGE; beyond it `ws` stops reading and closes with 1009, so a
 * client cannot make the server buffer without bound.
 */
const PAYLOAD_HEADROOM = 4


export class SyncEndpoint {
  private readonly server: WebSocketServer
  private readonly unanswered = new WeakSet<WebSocket>()
  private readonly pinger: ReturnType<typeof setInterval>
  private open = 0

  constructor(private readonly context: SyncContext) {
    this.server = new WebSocketServer({
      noServer: true,
      maxPayload: context.limits.maxFrameBytes * PAYLOAD_HEADROOM,
      perMessageDeflate: false,
    })
    this.pinger = setInterval(() => this.pingAll(), context.pingIntervalMs)
    this.pinger.unref()
  }

  /** Takes an upgrade request; false when its path is not the sync endpoint. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(request.url ?? '/', 'http://localhost')
    const match = SYNC_ROUTE.exec(url.pathname)
    if (!match) return false
    let sessionId: string
    try {
      sessionId = decodeURIComponent(match[1] as string)
    } catch {
      sessionId = ''
    }
    const admitted = this.authenticate(sessionId, url.searchParams.get('token'))
    this.server.handleUpgrade(request, socket, head, (ws) => {
      if (!admitted.ok) {
        this.refuse(ws, sessionId, admitted.error)
        return
      }
      this.accept(ws, sessionId, admitted.claims)
    })
    return true
  }

  closeAll(): void {
    clearInterval(this.pinger)
    for (const client of this.server.clients) client.terminate()
    this.server.close()
  }

  private pingAll(): void {
    for (const ws of this.server.clients) {
      if (this.unanswered.has(ws)) {
        this.context.logger.info({}, 'unresponsive socket ended')
        ws.terminate()
        continue
      }
      this.unanswered.add(ws)
      ws.ping()
    }
  }

  private authenticate(sessionId: string, token: string | null):
    { ok: true; claims: TokenClaims } | { ok: false; error: BreakoutError } {
    const verified = verifyToken(token, this.context.tokenSecret, this.context.now())
    if (!verified.ok) return verified
    if (verified.value.sid !== sessionId) {
      return { ok: false, error: breakoutError('TOKEN_WRONG_SESSION',
        `the token is for another session than ${JSON.stringify(sessionId)}`) }
    }
    return { ok: true, claims: verified.value }
  }

  private accept(ws: WebSocket, sessionId: string, claims: TokenClaims): void {
    const { registry, limits, metrics, logger } = this.context
    const opened = registry.open(sessionId)
    if (!opened.ok) {
      this.refuse(ws, sessionId, opened.error)
      return
    }
    const session = opened.value
    if (session.connectionCount >= limits.maxConnectionsPerSession) {
      this.refuse(ws, sessionId, breakoutError('TOO_MANY_CONNECTIONS',
        `the session has ${session.connectionCount} connections; ` +
        `maxConnectionsPerSession is ${limits.maxConnectionsPerSession}`))
      return
    }

    const connection = new Connection(ws, claims, limits.maxUpdatesPerSecond, this.context.now())
    // A token is a lease: the socket it opened closes when it runs out, as a new
    // connection with it would be refused.
    const expiry = setTimeout(() => {
      logger.info({ session: sessionId, person: claims.sub }, 'token expired on an open socket')
      connection.close(breakoutError('TOKEN_EXPIRED', 'the token expired'))
      session.release(connection)
    }, Math.min(Math.max(0, claims.exp * 1000 - this.context.now()), MAX_TIMER_MS))
    this.open++
    metrics.set('breakout_connections_open', this.open)
    ws.on('message', (data: RawData, isBinary: boolean) => {
      // `ws` still delivers frames that arrived before the client read our
      // close; they are neither handled nor refused a second time.
      if (connection.state !== 'open') return
      const frame = toBytes(data)
      const refused = this.checkFrame(connection, frame, isBinary)
      if (refused) {
        metrics.increment('breakout_connections_refused_total', { code: refused.code })
        logger.warn({ session: sessionId, person: claims.sub, code: refused.code,
          reason: refused.message }, 'connection refused')
        connection.close(refused)
        session.release(connection)
        return
      }
      try {
        session.receive(connection, frame)
      } catch (caught) {
        logger.error({ session: sessionId, person: claims.sub, err: caught },
          'message handling failed')
        connection.close(breakoutError('INTERNAL', 'the server failed to handle a message'))
        session.release(connection)
      }
    })
    ws.on('pong', () => this.unanswered.delete(ws))
    ws.on('close', () => {
      clearTimeout(expiry)
      this.open--
      metrics.set('breakout_connections_open', this.open)
      session.release(connection)
      if (session.idle) registry.scheduleIdleCheck(sessionId)
    })
    ws.on('error', (error) => {
      logger.warn({ session: sessionId, person: claims.sub, err: error.message }, 'socket error')
    })
    session.admit(connection)
  }

  private checkFrame(connection: Connection, frame: Uint8Array,
    isBinary: boolean): BreakoutError | null {
    const { maxFrameBytes, maxUpdatesPerSecond } = this.context.limits
    if (!isBinary) {
      return breakoutError('MALFORMED_MESSAGE', 'text frames are not part of the protocol')
    }
    if (frame.length > maxFrameBytes) {
      return breakoutError('FRAME_TOO_LARGE',
        `a frame of ${frame.length} bytes is over maxFrameBytes (${maxFrameBytes})`)
    }
    if (!connection.takeBudget(this.context.now())) {
      return breakoutError('RATE_LIMITED',
        `more than ${maxUpdatesPerSecond} messages a second (maxUpdatesPerSecond)`)
    }
    return null
  }

  private refuse(ws: WebSocket, sessionId: string, error: BreakoutError): void {
    this.context.metrics.increment('breakout_connections_refused_total', { code: error.code })
    this.context.logger.warn({ session: sessionId, code: error.code, reason: error.message },
      'connection refused')
    ws.close(closeCodeOf(error.code), closeReason(`${error.code}: ${error.message}`))
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data))
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}
