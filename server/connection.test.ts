import { describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import type { TokenClaims } from '../shared/index.js'
import { Connection, closeReason } from './connection.js'

const claims: TokenClaims = { sid: 's1', sub: 'm1', name: 'Mo', role: 'moderator', iat: 0, exp: 1 }

/** A socket that records what it was asked to do. */
function fakeSocket() {
  const sent: Uint8Array[] = []
  const closes: [number, string][] = []
  const socket = {
    OPEN: 1,
    readyState: 1,
    bufferedAmount: 0,
    send: (message: Uint8Array) => sent.push(message),
    close: (code: number, reason: string) => closes.push([code, reason]),
  }
  return { socket, sent, closes }
}

function connection(perSecond: number, now = 0) {
  const fake = fakeSocket()
  return { ...fake, connection: new Connection(fake.socket as unknown as WebSocket, claims,
    perSecond, now) }
}

describe('Connection', () => {
  it('allows a second\'s worth of messages at once, then refuses until the bucket refills', () => {
    const { connection: client } = connection(10)
    for (let i = 0; i < 10; i++) expect(client.takeBudget(0)).toBe(true)
    expect(client.takeBudget(0)).toBe(false)
    expect(client.takeBudget(99)).toBe(false)
    expect(client.takeBudget(150)).toBe(true)
    expect(client.takeBudget(150)).toBe(false)
  })

  it('never saves up more than one second\'s worth', () => {
    const { connection: client } = connection(5)
    let allowed = 0
    while (client.takeBudget(60_000)) allowed++
    expect(allowed).toBe(5)
  })

  it('closes once, with the close code of the error, and sends nothing after', () => {
    const { connection: client, sent, closes } = connection(10)
    client.close({ code: 'RATE_LIMITED', message: 'too many' })
    client.close({ code: 'MALFORMED_MESSAGE', message: 'again' })

    expect(closes).toEqual([[4529, 'RATE_LIMITED: too many']])
    expect(client.send(new Uint8Array([1]))).toBe(false)
    expect(sent).toEqual([])
  })

  it('closes a client that reads too slowly instead of buffering for it', () => {
    const { connection: client, socket, sent, closes } = connection(10)
    socket.bufferedAmount = 17 * 1024 * 1024
    expect(client.send(new Uint8Array([1]))).toBe(false)
    expect(sent).toEqual([])
    expect(closes[0]?.[0]).toBe(4504)
  })
})

describe('closeReason', () => {
  it('keeps a reason within the 123 bytes a close frame allows, counting bytes not characters',
    () => {
      const reason = closeReason(`MALFORMED_MESSAGE: ${'é'.repeat(200)}`)
      expect(Buffer.byteLength(reason)).toBeLessThanOrEqual(123)
      expect(reason.startsWith('MALFORMED_MESSAGE: é')).toBe(true)
      expect(closeReason('short')).toBe('short')
    })
})
