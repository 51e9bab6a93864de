import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import type { TokenClaims } from '../shared/index.js'
import { encodeAwarenessEntries, rewriteAwareness } from './awareness-identity.js'

const claims: TokenClaims = { sid: 's1', sub: 'm1', name: 'Alice', role: 'moderator', iat: 0,
  exp: 1 }

/** The awareness update a provider sends for the given states, keyed by client id. */
function updateOf(states: Record<number, Record<string, unknown> | null>): Uint8Array {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc())
  for (const [id, state] of Object.entries(states)) {
    awareness.states.set(Number(id), state ?? {})
    awareness.meta.set(Number(id), { clock: 3, lastUpdated: 0 })
    if (state === null) awareness.states.delete(Number(id))
  }
  const update = awarenessProtocol.encodeAwarenessUpdate(awareness, Object.keys(states).map(Number))
  awareness.destroy()
  return update
}

describe('rewriteAwareness', () => {
  it('replaces the claimed identity with the token\'s and keeps only colour and dragging', () => {
    const entries = rewriteAwareness(updateOf({ 7: {
      user: { id: 'x', name: 'Mallory', role: 'participant', color: '#A0b1C2' },
      dragging: 'p1',
      cursor: { x: 1 },
    } }), claims)

    expect(entries).toEqual([{ clientId: 7, clock: 3, state: {
      user: { id: 'm1', name: 'Alice', role: 'moderator', color: '#A0b1C2' },
      dragging: 'p1',
    } }])
  })

  it('drops a colour that is not a hex colour and a dragging value that is not an id', () => {
    const [entry] = rewriteAwareness(updateOf({ 7: {
      user: { color: 'red; background: url(x)' },
      dragging: { id: 'p1' },
    } }), claims) ?? []
    expect(entry?.state).toEqual({
      user: { id: 'm1', name: 'Alice', role: 'moderator', color: undefined },
      dragging: null,
    })
  })

  it('gives a state that is not an object the token\'s identity', () => {
    const [entry] = rewriteAwareness(updateOf({ 7: 'hello' as never }), claims) ?? []
    expect(entry?.state).toMatchObject({ user: { id: 'm1', name: 'Alice' } })
  })

  it('keeps a removal as a removal', () => {
    expect(rewriteAwareness(updateOf({ 7: null }), claims))
      .toEqual([{ clientId: 7, clock: 3, state: null }])
  })

  it('reads an update listing many clients, as a provider echoing a whole session sends', () => {
    const states: Record<number, Record<string, unknown>> = {}
    for (let id = 1; id <= 200; id++) states[id] = { user: { name: `M${id}` } }
    expect(rewriteAwareness(updateOf(states), claims)).toHaveLength(200)
  })

  it('returns null for bytes that are not an awareness update', () => {
    expect(rewriteAwareness(new Uint8Array([1, 7, 3, 9, 123, 34]), claims)).toBe(null)
    expect(rewriteAwareness(new Uint8Array([5]), claims)).toBe(null)
  })

  it('encodes entries that a stock awareness applies as they are', () => {
    const entries = rewriteAwareness(updateOf({ 7: { user: { name: 'x' } } }), claims) ?? []
    const awareness = new awarenessProtocol.Awareness(new Y.Doc())
    awarenessProtocol.applyAwarenessUpdate(awareness, encodeAwarenessEntries(entries), 'test')
    expect(awareness.getStates().get(7)).toEqual(entries[0]?.state &&
      JSON.parse(JSON.stringify(entries[0].state)))
    awareness.destroy()
  })
})
