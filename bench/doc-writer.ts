/**
 * The one client that writes: a real `Y.Doc` synced over the y-websocket
 * protocol (y-protocols' sync module), so its updates build on the server's
 * copy the way a moderator's page does.
 *
 * An update is built before the clock starts (`roomUpdate`) and sent after
 * (`send`), so the latency measured is the server's and the network's, not
 * the writer's encoding.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import WebSocket from 'ws'

const MESSAGE_SYNC = 0
/** The room every round renames; one live room stays within any session's room limit. */
const ROOM_ID = 'bench-room'
const LOCAL = Symbol('local edit')
const REMOTE = Symbol('from the server')

export class DocWriter {
  readonly doc = new Y.Doc()
  private synced = false

  private constructor(readonly socket: WebSocket) {}

  static connect(url: string, timeoutMs: number): Promise<DocWriter> {
    const socket = new WebSocket(url, { perMessageDeflate: false })
    const writer = new DocWriter(socket)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.terminate()
        reject(new Error(`the writer did not sync within ${timeoutMs} ms`))
      }, timeoutMs)
      socket.on('open', () => {
        const encoder = encoding.createEncoder()
        encoding.writeVarUint(encoder, MESSAGE_SYNC)
        syncProtocol.writeSyncStep1(encoder, writer.doc)
        socket.send(encoding.toUint8Array(encoder))
      })
      socket.on('message', (data) => {
        if (writer.receive(data as Buffer) && !writer.synced) {
          writer.synced = true
          clearTimeout(timer)
          resolve(writer)
        }
      })
      socket.on('close', (code, reason) => {
        if (writer.synced) return
        clearTimeout(timer)
        reject(new Error(`the writer was closed with ${code} ${String(reason)} before it synced`))
      })
      socket.on('error', () => {})
    })
  }

  /** Renames the bench room to `label`; returns the sync frame that carries the change. */
  roomUpdate(label: string, position: number): Uint8Array {
    const captured: Uint8Array[] = []
    const capture = (update: Uint8Array, origin: unknown) => {
      if (origin === LOCAL) captured.push(update)
    }
    this.doc.on('update', capture)
    this.doc.transact(() => {
      this.doc.getMap('rooms').set(ROOM_ID, { name: label, position })
    }, LOCAL)
    this.doc.off('update', capture)
    const update = captured[0]
    if (!update) throw new Error('setting a map entry produced no update')

    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    syncProtocol.writeUpdate(encoder, update)
    return encoding.toUint8Array(encoder)
  }

  send(frame: Uint8Array): void {
    this.socket.send(frame)
  }

  close(): void {
    this.socket.close()
    this.doc.destroy()
  }

  /** Applies a sync frame and answers it; true when it was the server's step 2. */
  private receive(frame: Buffer): boolean {
    const decoder = decoding.createDecoder(
      new Uint8Array(frame.buffer, frame.byteOffset, frame.byteLength))
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return false
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    const step = syncProtocol.readSyncMessage(decoder, encoder, this.doc, REMOTE)
    if (encoding.length(encoder) > 1) this.socket.send(encoding.toUint8Array(encoder))
    return step === syncProtocol.messageYjsSyncStep2
  }
}
