/**
 * A bare WebSocket client of the sync endpoint: it sends exactly the bytes a
 * test gives it and records every byte it receives, so a test can send what
 * no stock provider would (random frames, truncated messages, floods) and see
 * what the server sent before it closed the socket.
 *
 * Frames it can build follow server/sync-protocol.ts: sync step 1, update and
 * awareness messages.
 */
import WebSocket from 'ws'
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as encoding from 'lib0/encoding'
import { syncPath } from '../../../shared/index.js'
import {
  MESSAGE_AWARENESS,
  MESSAGE_SYNC,
  SYNC_STEP_1,
  SYNC_STEP_2,
  SYNC_UPDATE,
} from '../../../server/sync-protocol.js'
import type { ServerProcess } from './server-process.js'

export interface Closed {
  code: number
  reason: string
}

export interface RawClient {
  readonly socket: WebSocket
  /** Every binary message received, in order. */
  readonly received: Uint8Array[]
  /** Messages received before the socket closed; null while it is open. */
  readonly receivedBeforeClose: () => number | null
  readonly opened: Promise<void>
  readonly closed: Promise<Closed>
  /** Sends a frame if the socket is open; returns whether it was sent. */
  send(frame: Uint8Array): boolean
  /** Resolves with the next message that starts with `prefix`, or null on close. */
  next(prefix: readonly number[], timeoutMs?: number): Promise<Uint8Array | null>
  terminate(): void
}

export function rawUrl(server: ServerProcess, sessionId: string, token: string | null): string {
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`
  return `${server.wsUrl}${syncPath(sessionId)}${query}`
}

export function rawConnect(server: ServerProcess, sessionId: string,
  token: string | null): RawClient {
  return rawClientOf(new WebSocket(rawUrl(server, sessionId, token), { perMessageDeflate: false }))
}

export function rawClientOf(socket: WebSocket): RawClient {
  const received: Uint8Array[] = []
  let countAtClose: number | null = null
  const waiters = new Set<() => void>()
  const wake = () => {
    for (const waiter of [...waiters]) waiter()
  }
  socket.binaryType = 'nodebuffer'
  socket.on('message', (data: Buffer) => {
    received.push(new Uint8Array(data))
    wake()
  })
  socket.on('error', () => {})
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('close', () => reject(new Error('closed before it opened')))
  })
  opened.catch(() => {})
  const closed = new Promise<Closed>((resolve) => {
    socket.once('close', (code: number, reason: Buffer) => {
      countAtClose = received.length
      resolve({ code, reason: reason.toString() })
      wake()
    })
  })
  return {
    socket,
    received,
    receivedBeforeClose: () => countAtClose,
    opened,
    closed,
    send: (frame) => {
      if (socket.readyState !== WebSocket.OPEN) return false
      socket.send(frame, { binary: true })
      return true
    },
    next: (prefix, timeoutMs = 10_000) => {
      const from = received.length
      return new Promise((resolve, reject) => {
        let index = from
        const check = () => {
          for (; index < received.length; index++) {
            const message = received[index] as Uint8Array
            if (prefix.every((byte, at) => message[at] === byte)) return finish(message)
          }
          if (countAtClose !== null) finish(null)
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`no message starting ${prefix.join(',')} in time`))
        }, timeoutMs)
        const finish = (message: Uint8Array | null) => {
          clearTimeout(timer)
          waiters.delete(check)
          resolve(message)
        }
        waiters.add(check)
        check()
      })
    },
    terminate: () => socket.terminate(),
  }
}

function syncFrame(step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  encoding.writeVarUint(encoder, step)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}

/** Sync step 1 of an empty document: asks the server for everything. */
export function stepOneFrame(doc = new Y.Doc()): Uint8Array {
  return syncFrame(SYNC_STEP_1, Y.encodeStateVector(doc))
}

export function updateFrame(update: Uint8Array): Uint8Array {
  return syncFrame(SYNC_UPDATE, update)
}

export function stepTwoFrame(update: Uint8Array): Uint8Array {
  return syncFrame(SYNC_STEP_2, update)
}

/** An awareness message announcing `state` for `clientId`. */
export function awarenessFrame(clientId: number, state: Record<string, unknown> | null,
  clock = 1): Uint8Array {
  const doc = new Y.Doc()
  doc.clientID = clientId
  const awareness = new awarenessProtocol.Awareness(doc)
  awareness.setLocalState(state)
  const meta = awareness.meta.get(clientId)
  if (meta) meta.clock = clock
  const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [clientId])
  awareness.destroy()
  doc.destroy()
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** The first bytes of a sync step 2 (message type, step). */
export const STEP_TWO_PREFIX = [MESSAGE_SYNC, SYNC_STEP_2] as const
