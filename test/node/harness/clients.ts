/**
 * Real clients of a test server: the HTTP API through fetch, and the stock
 * `WebsocketProvider` from y-websocket with nothing changed but Node's
 * WebSocket class and no BroadcastChannel (which would sync two providers in
 * one process without the server).
 */
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'
import type { Command, Role, TokenClaims, ViewResponse } from '../../../shared/index.js'
import { signToken } from '../../../server/tokens.js'
import { TEST_TOKEN_SECRET, type ServerProcess } from './server-process.js'

export async function api(server: ServerProcess, method: string, path: string,
  options: { body?: unknown; auth?: string | null } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  const auth = options.auth === undefined ? server.adminKey : options.auth
  if (auth !== null) headers.authorization = `Bearer ${auth}`
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : null }
}

export async function createSession(server: ServerProcess, maxRooms?: number): Promise<string> {
  const { status, body } = await api(server, 'POST', '/api/sessions',
    { body: maxRooms === undefined ? {} : { maxRooms } })
  if (status !== 201) throw new Error(`create session: ${status} ${JSON.stringify(body)}`)
  return body.id as string
}

export async function issueToken(server: ServerProcess, sessionId: string, role: Role,
  participantId: string, name = participantId): Promise<string> {
  const { status, body } = await api(server, 'POST', `/api/sessions/${sessionId}/tokens`,
    { body: { role, participantId, name } })
  if (status !== 201) throw new Error(`issue token: ${status} ${JSON.stringify(body)}`)
  return body.token as string
}

/** The session as the server derives it, read with the admin key. */
export async function readView(server: ServerProcess, sessionId: string): Promise<ViewResponse> {
  const { status, body } = await api(server, 'GET', `/api/sessions/${sessionId}`)
  if (status !== 200) throw new Error(`read view: ${status} ${JSON.stringify(body)}`)
  return body as ViewResponse
}

/** Sends a command with a session token; answers the status and the body. */
export function sendCommand(server: ServerProcess, sessionId: string, token: string,
  command: Command | Record<string, unknown>) {
  return api(server, 'POST', `/api/sessions/${sessionId}/commands`, { body: command, auth: token })
}

/**
 * A token signed with the test servers' secret, for claims the API would not
 * issue (expired, for an unknown session). Defaults: a moderator, valid an hour.
 */
export function signedToken(claims: Partial<TokenClaims> & { sid: string }): string {
  const now = Math.floor(Date.now() / 1000)
  return signToken({ sub: 'forger', name: 'Forger', role: 'moderator', iat: now, exp: now + 3600,
    ...claims }, TEST_TOKEN_SECRET)
}

export interface Client {
  doc: Y.Doc
  provider: WebsocketProvider
  /** Close codes this client's socket was closed with, in order. */
  closes: number[]
  destroy(): void
}

export function connect(server: ServerProcess, sessionId: string, token: string | null,
  options: { doc?: Y.Doc; connect?: boolean } = {}): Client {
  const doc = options.doc ?? new Y.Doc()
  const provider = new WebsocketProvider(`${server.wsUrl}/sync`, sessionId, doc, {
    params: token === null ? {} : { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: options.connect ?? true,
  })
  const closes: number[] = []
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (event) closes.push(event.code)
  })
  return {
    doc,
    provider,
    closes,
    destroy: () => {
      provider.destroy()
      doc.destroy()
    },
  }
}

export function synced(client: Client, timeoutMs = 10_000): Promise<void> {
  if (client.provider.synced) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('not synced in time')), timeoutMs)
    client.provider.once('sync', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}

/** Polls until `check` holds; for state that arrives over the network. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string,
  timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error(`timed out waiting for: ${what}`)
}

/** Resolves with the code of the next close, or rejects after `timeoutMs`. */
export function nextClose(client: Client, timeoutMs = 10_000): Promise<number> {
  const before = client.closes.length
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const poll = () => {
      if (client.closes.length > before) return resolve(client.closes[before] as number)
      if (Date.now() - started > timeoutMs) return reject(new Error('no close in time'))
      setTimeout(poll, 10)
    }
    poll()
  })
}
