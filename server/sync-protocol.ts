/**
 * The y-websocket wire protocol, as this server speaks it.
 *
 * Every frame is binary and starts with a message type (varUint):
 *
 *   0 sync        then a sync step: 0 step 1 (state vector),
 *                 1 step 2 (update), 2 update (update)
 *   1 awareness   then a varUint8Array awareness update
 *   2 auth        ignored: authentication happens before the socket opens
 *   3 query       the client asks for every awareness state
 *
 * On open the server sends step 1 (its state vector) and, to moderators, the
 * awareness of the other moderators. The client answers with step 2 (what it
 * has that the server lacks) and its own step 1, which the server answers
 * with step 2 (what the client lacks).
 *
 * This module only reads and writes frames; it applies nothing. Who may
 * apply what is decided by `hosted-session.ts` and `update-authority.ts`.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

export const MESSAGE_SYNC = 0
export const MESSAGE_AWARENESS = 1
export const MESSAGE_AUTH = 2
export const MESSAGE_QUERY_AWARENESS = 3

export const SYNC_STEP_1 = 0
export const SYNC_STEP_2 = 1
export const SYNC_UPDATE = 2

export type ClientMessage =
  | { kind: 'sync-step-1'; stateVector: Uint8Array }
  | { kind: 'sync-update'; update: Uint8Array; step: 'step-2' | 'update' }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' }
  | { kind: 'auth' }

/** Reads one frame, or returns null when it is not a message of this protocol. */
export function readClientMessage(frame: Uint8Array): ClientMessage | null {
  try {
    const decoder = decoding.createDecoder(frame)
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case MESSAGE_SYNC: {
        const step = decoding.readVarUint(decoder)
        const payload = decoding.readVarUint8Array(decoder)
        if (step === SYNC_STEP_1) return { kind: 'sync-step-1', stateVector: payload }
        if (step === SYNC_STEP_2) return { kind: 'sync-update', update: payload, step: 'step-2' }
        if (step === SYNC_UPDATE) return { kind: 'sync-update', update: payload, step: 'update' }
        return null
      }
      case MESSAGE_AWARENESS:
        return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) }
      case MESSAGE_QUERY_AWARENESS:
        return { kind: 'query-awareness' }
      case MESSAGE_AUTH:
        return { kind: 'auth' }
      default:
        return null
    }
  } catch {
    return null
  }
}

export function writeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return writeSync(SYNC_STEP_1, stateVector)
}

export function writeSyncStep2(update: Uint8Array): Uint8Array {
  return writeSync(SYNC_STEP_2, update)
}

export function writeUpdate(update: Uint8Array): Uint8Array {
  return writeSync(SYNC_UPDATE, update)
}

export function writeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** An update that carries nothing: what a client with an empty copy sends as step 2. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length <= 2 && update.every((byte) => byte === 0)
}

function writeSync(step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  encoding.writeVarUint(encoder, step)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}
