/**
 * One document's link to the server: the y-websocket provider, the moderator's
 * IndexedDB copy when there is one, and what the server's close codes mean.
 *
 * The order on opening: the offline copy is loaded first, so edits made
 * offline are in the document before the provider's first sync step, then
 * the socket connects. Close codes fall in three groups:
 *
 *     4420 (copy refused)     the owner is told to resync; the socket retries
 *                             until the owner discards this connection
 *     other 4400-4499         final: no retry, the owner is told the refusal
 *     anything else           the provider retries with backoff
 *
 * A connection serves one document. It does not decide the status the user
 * sees (the browser's own offline flag and token checks weigh in too), nor
 * replace a refused copy: the owner discards the connection and opens a new
 * one on a fresh document.
 */
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { IndexeddbPersistence } from 'y-indexeddb'
import type { Awareness } from 'y-protocols/awareness'
import {
  CATALOGUE,
  RESYNC_CLOSE_CODE,
  codeOfClose,
  syncPath,
  type ErrorCode,
} from '../shared/index.js'
import { refusalMessage, trimSlash } from './session-api.js'
import type { ConnectionState, Refusal } from './session-client.js'

export interface SyncConnectionOptions {
  /** The server's http(s) origin, with a path prefix when it has one. */
  server: string
  session: string
  token: string
  doc: Y.Doc
  awareness: Awareness
  /** The IndexedDB store of the offline copy; null keeps no copy. */
  storeName: string | null
  WebSocketPolyfill?: typeof WebSocket
  /** The socket's own state; `connected` is reported through `onSynced`. */
  onSocketState: (state: Exclude<ConnectionState, 'connected' | 'refused'>) => void
  /** The server's state has been merged into the document. */
  onSynced: () => void
  /** The socket closed, whether or not it had opened. */
  onClose: () => void
  /** The server refused this copy of the document (close code 4420). */
  onResync: () => void
  /** The server will not take this client back as it is. */
  onRefusal: (refusal: Refusal) => void
}

export class SyncConnection {
  private provider: WebsocketProvider | null = null
  private persistence: IndexeddbPersistence | null = null
  private failedAttempts = 0
  private closed = false

  constructor(private readonly options: SyncConnectionOptions) {}

  /** Loads the offline copy, then connects; nothing happens once closed. */
  async open(): Promise<void> {
    const { options } = this
    if (options.storeName !== null) {
      this.persistence = new IndexeddbPersistence(options.storeName, options.doc)
      await this.persistence.whenSynced
    }
    if (this.closed) return

    const base = websocketBase(options.server)
    const provider = new WebsocketProvider(base, encodeURIComponent(options.session),
      options.doc, {
        params: { token: options.token },
        awareness: options.awareness,
        // Connecting from the constructor would report "connecting" before the handlers
        // below exist; a page loaded offline then said so until the first retry.
        connect: false,
        // Without this, two tabs of one browser sync to each other past the server.
        disableBc: true,
        maxBackoffTime: 10_000,
        WebSocketPolyfill: options.WebSocketPolyfill ?? WebSocket,
        // 4400-4499: retrying as we are cannot succeed (4420 retries with a fresh copy).
        shouldReconnect: (event) => !isRefusal(event.code),
      })
    this.provider = provider
    provider.on('status', ({ status }) => {
      if (this.closed) return
      if (status === 'connected') {
        // Everyone else dropped this presence when the socket closed, with a newer
        // clock than the one the provider re-sends on open: bump it so it counts.
        const state = options.awareness.getLocalState()
        if (state !== null) options.awareness.setLocalState(state)
        options.onSocketState('syncing')
      }
      else if (status === 'connecting') {
        options.onSocketState(this.failedAttempts > 0 ? 'offline' : 'connecting')
      } else options.onSocketState('offline')
    })
    provider.on('sync', (isSynced: boolean) => {
      if (this.closed || !isSynced) return
      this.failedAttempts = 0
      options.onSynced()
    })
    provider.on('connection-close', (event: CloseEvent | null) => {
      if (this.closed) return
      this.failedAttempts++
      options.onClose()
      if (event) this.onServerClose(event.code, event.reason)
    })
    provider.connect()
  }

  /** True for a transaction that applied an update from the server. */
  isFromServer(transaction: Y.Transaction): boolean {
    return this.provider !== null && transaction.origin === this.provider
  }

  connect(): void {
    this.provider?.connect()
  }

  disconnect(): void {
    this.provider?.disconnect()
  }

  /** Closes the socket and the offline store, keeping the stored copy. */
  destroy(): void {
    this.closed = true
    this.provider?.destroy()
    void this.persistence?.destroy()
  }

  /** Closes the socket and deletes the offline copy, which the server refused. */
  async discard(): Promise<void> {
    this.closed = true
    this.provider?.destroy()
    await this.persistence?.clearData()
  }

  private onServerClose(closeCode: number, reason: string): void {
    if (closeCode === RESYNC_CLOSE_CODE) {
      // Out of the provider's own close handling, which still runs after this.
      setTimeout(() => this.options.onResync(), 0)
    } else if (isRefusal(closeCode)) {
      const code = namedCode(reason) ?? codeOfClose(closeCode) ?? null
      this.provider?.disconnect()
      this.options.onRefusal({ closeCode, code, message: refusalMessage(code) })
    }
  }
}

function websocketBase(server: string): string {
  const url = new URL(trimSlash(server), location.href)
  const scheme = url.protocol === 'https:' ? 'wss:' : 'ws:'
  // y-websocket appends `/<session>` to this base, which makes syncPath's `/sync/<session>`.
  return `${scheme}//${url.host}${trimSlash(url.pathname)}${trimSlash(syncPath(''))}`
}

/** Close codes after which reconnecting unchanged cannot succeed, resync aside. */
function isRefusal(closeCode: number): boolean {
  return closeCode >= 4400 && closeCode < 4500 && closeCode !== RESYNC_CLOSE_CODE
}

/** The catalogue code the server names at the start of its close reason. */
function namedCode(reason: string): ErrorCode | null {
  const named = /^([A-Z_]+):/.exec(reason)?.[1]
  return named !== undefined && named in CATALOGUE ? (named as ErrorCode) : null
}
