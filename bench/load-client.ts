/**
 * A y-websocket client cheap enough to run a thousand of in one process.
 *
 * It keeps no document. On open it sends an empty step 1 (asking for the
 * whole document) and, when given one, its awareness state, in the order the
 * stock `WebsocketProvider` sends them. It answers the server's step 1 with an
 * empty step 2 and counts itself synced when the server's step 2 arrives.
 * Updates are counted and handed undecoded to `onUpdate` with their arrival
 * time; awareness frames are only counted. Frames are told apart by their first
 * two bytes, which are single-byte varUints in this protocol.
 */
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import { mapConcurrent, pollUntil } from './async-tools.js'

const MESSAGE_SYNC = 0
const MESSAGE_AWARENESS = 1
const SYNC_STEP_1 = 0
const SYNC_STEP_2 = 1
const SYNC_UPDATE = 2

/** Step 1 with the state vector of an empty document. */
const EMPTY_STEP_1 = writeSync(SYNC_STEP_1, new Uint8Array([0]))
/** Step 2 with the update of an empty document: no structs, no deletions. */
const EMPTY_STEP_2 = writeSync(SYNC_STEP_2, new Uint8Array([0, 0]))

export interface AwarenessEntry {
  clientId: number
  state: Record<string, unknown>
}

export type UpdateListener = (frame: Buffer, arrivedAt: number) => void

export class LoadClient {
  synced = false
  closed = false
  awarenessFrames = 0
  updateFrames = 0
  /** Size of the server's step 2: the whole document, as a newcomer gets it. */
  documentBytes = 0
  onUpdate: UpdateListener | null = null
  readonly whenClosed: Promise<void>
  private whenSynced: (() => void) | null = null

  private constructor(readonly socket: WebSocket) {
    this.whenClosed = new Promise((resolve) => socket.once('close', () => resolve()))
  }

  /** Opens a socket to `url` and resolves once the server's step 2 arrived. */
  static connect(url: string, options: { awareness?: AwarenessEntry; timeoutMs: number }):
    Promise<LoadClient> {
    const socket = new WebSocket(url, { perMessageDeflate: false })
    const client = new LoadClient(socket)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.terminate()
        reject(new Error(`not synced within ${options.timeoutMs} ms`))
      }, options.timeoutMs)
      client.whenSynced = () => {
        clearTimeout(timer)
        resolve(client)
      }
      socket.on('open', () => {
        socket.send(EMPTY_STEP_1)
        if (options.awareness) socket.send(writeAwareness(options.awareness))
      })
      socket.on('message', (data) => client.receive(data as Buffer))
      socket.on('close', (code, reason) => {
        client.closed = true
        if (client.synced) return
        clearTimeout(timer)
        reject(new Error(`closed with ${code} ${String(reason)} before it synced`))
      })
      // A socket error is always followed by 'close'; without a listener it would throw.
      socket.on('error', () => {})
    })
  }

  private receive(frame: Buffer): void {
    const type = frame[0]
    if (type === MESSAGE_AWARENESS) {
      this.awarenessFrames++
      return
    }
    if (type !== MESSAGE_SYNC) return
    const step = frame[1]
    if (step === SYNC_UPDATE) {
      this.updateFrames++
      this.onUpdate?.(frame, performance.now())
    } else if (step === SYNC_STEP_1) {
      this.socket.send(EMPTY_STEP_2)
    } else if (step === SYNC_STEP_2 && !this.synced) {
      this.documentBytes = frame.length
      this.synced = true
      this.whenSynced?.()
      this.whenSynced = null
    }
  }
}

export interface ConnectManyOptions {
  count: number
  url: (index: number) => string
  awareness?: (index: number) => AwarenessEntry
  concurrency: number
  timeoutMs: number
}

/**
 * Connects `count` clients, `concurrency` at a time. If any fails, the others
 * are dropped and the first failure is thrown, so no socket outlives a failed
 * scenario.
 */
export async function connectMany(options: ConnectManyOptions): Promise<LoadClient[]> {
  const failures: Error[] = []
  const clients = await mapConcurrent(options.count, options.concurrency, async (index) => {
    if (failures.length > 0) return null
    try {
      return await LoadClient.connect(options.url(index),
        { awareness: options.awareness?.(index), timeoutMs: options.timeoutMs })
    } catch (error) {
      failures.push(new Error(`client ${index}: ${(error as Error).message}`))
      return null
    }
  })
  const connected = clients.filter((client): client is LoadClient => client !== null)
  if (failures.length === 0) return connected
  for (const client of connected) client.socket.terminate()
  throw failures[0]
}

/**
 * Closes clients with the closing handshake, `batch` at a time, so that
 * leaving is never itself a mass disconnect (which the reference does not
 * survive; that case has its own scenario).
 */
export async function closeGently(clients: readonly LoadClient[],
  { batch = 25, timeoutMs = 20_000 } = {}): Promise<void> {
  const deadline = performance.now() + timeoutMs
  for (let start = 0; start < clients.length; start += batch) {
    const group = clients.slice(start, start + batch).filter((client) => !client.closed)
    for (const client of group) client.socket.close()
    const left = deadline - performance.now()
    const closed = await pollUntil(() => group.every((client) => client.closed),
      { timeoutMs: Math.max(0, left), everyMs: 5 })
    if (!closed) break
  }
  for (const client of clients) if (!client.closed) client.socket.terminate()
}

function writeSync(step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  encoding.writeVarUint(encoder, step)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}

/** One awareness entry at clock 1: the first state a client sets after its initial one. */
function writeAwareness({ clientId, state }: AwarenessEntry): Uint8Array {
  const update = encoding.createEncoder()
  encoding.writeVarUint(update, 1)
  encoding.writeVarUint(update, clientId)
  encoding.writeVarUint(update, 1)
  encoding.writeVarString(update, JSON.stringify(state))
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update))
  return encoding.toUint8Array(encoder)
}
