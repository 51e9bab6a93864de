/**
 * Broadcasts and help requests: the server-owned `messages` root, written by
 * `postMessage`, `askForHelp` and `dismissHelp`, and read through the view.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  MAX_BROADCASTS,
  MAX_MESSAGE_LENGTH,
  askForHelp,
  assign,
  createRooms,
  dismissHelp,
  endBreakout,
  messagesOf,
  postMessage,
  startBreakout,
  upsertParticipant,
  viewOf,
  type MessageInput,
} from './index.js'
import { expectError, expectOk, leavesUnchanged } from '../test/node/results.js'
import { updatesDuring } from '../test/node/replicas.js'

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0)


/** Two rooms, Ada planned into the first and Ben left in the main room. */
function session(): { doc: Y.Doc; rooms: [string, string] } {
  const doc = new Y.Doc()
  const rooms = expectOk(createRooms(doc, 2)) as [string, string]
  expectOk(upsertParticipant(doc, { id: 'p1', name: 'Ada', role: 'participant', online: true }))
  expectOk(upsertParticipant(doc, { id: 'p2', name: 'Ben', role: 'participant', online: true }))
  expectOk(upsertParticipant(doc, { id: 'm1', name: 'Mo', role: 'moderator', online: true }))
  expectOk(assign(doc, 'p1', rooms[0]))
  return { doc, rooms }
}

function broadcast(text: string, at = T0): MessageInput {
  return { kind: 'broadcast', from: 'Mo', text, at }
}

describe('postMessage', () => {
  it('writes a broadcast the view lists as a plain frozen object, trimmed', () => {
    const doc = new Y.Doc()
    const id = expectOk(postMessage(doc, broadcast('  Five minutes left  ')))
    const { messages } = viewOf(doc)
    expect(messages).toEqual([
      { id, kind: 'broadcast', from: 'Mo', text: 'Five minutes left', at: T0 },
    ])
    expect(Object.isFrozen(messages) && Object.isFrozen(messages[0])).toBe(true)
  })

  it('lists messages oldest first, whatever order they were written in', () => {
    const doc = new Y.Doc()
    expectOk(postMessage(doc, broadcast('second', T0 + 1000)))
    expectOk(postMessage(doc, broadcast('first', T0)))
    expectOk(postMessage(doc, broadcast('third', T0 + 2000)))
    expect(viewOf(doc).messages.map(({ text }) => text)).toEqual(['first', 'second', 'third'])
  })

  it('leaves out of the view a record no operation would write', () => {
    const doc = new Y.Doc()
    const planted = messagesOf(doc) as Y.Map<unknown>
    planted.set('a', 'hello')
    planted.set('b', { kind: 'shout', from: 'Mo', text: 'hi', at: T0 })
    planted.set('c', { kind: 'broadcast', from: 'Mo', text: 'hi', at: 'noon' })
    const id = expectOk(postMessage(doc, broadcast('kept')))
    expect(viewOf(doc).messages.map((message) => message.id)).toEqual([id])
  })

  it(`keeps the newest ${MAX_BROADCASTS} broadcasts, deleting older ones in one update`, () => {
    const doc = new Y.Doc()
    for (let i = 0; i < MAX_BROADCASTS; i++) {
      expectOk(postMessage(doc, broadcast(`message ${i}`, T0 + i)))
    }
    expect(updatesDuring(doc, () =>
      expectOk(postMessage(doc, broadcast('one more', T0 + MAX_BROADCASTS))))).toBe(1)
    const texts = viewOf(doc).messages.map(({ text }) => text)
    expect(texts).toHaveLength(MAX_BROADCASTS)
    expect(texts[0]).toBe('message 1')
    expect(texts.at(-1)).toBe('one more')
    expect(messagesOf(doc).size).toBe(MAX_BROADCASTS)
  })

  it.each([
    ['an empty text', { text: '   ' }, 'text', '(3 characters)'],
    ['a text that is too long', { text: 'x'.repeat(MAX_MESSAGE_LENGTH + 1) }, 'text',
      `(${MAX_MESSAGE_LENGTH + 1} characters)`],
    ['a text that is not a string', { text: 7 as unknown as string }, 'text', 'got 7'],
    ['an unknown kind', { kind: 'shout' as 'broadcast' }, 'kind', '"shout"'],
    ['an empty sender', { from: '' }, 'from', '""'],
    ['a time that is not a time', { at: -1 }, 'at', 'got -1'],
  ])('refuses %s', (_label, change, field, shows) => {
    const doc = new Y.Doc()
    const result = leavesUnchanged(doc, () => postMessage(doc, { ...broadcast('hi'), ...change }))
    const error = expectError(result, { code: 'INVALID_ARGUMENT', field, shows })
    if (shows.endsWith('characters)')) {
      expect(error.allowed).toBe('1-500 characters after trimming')
    }
  })
})

describe('askForHelp', () => {
  it('records a request from the room the participant is in', () => {
    const { doc, rooms } = session()
    expectOk(startBreakout(doc, T0))
    expectOk(askForHelp(doc, 'p1', T0 + 5000))
    const view = viewOf(doc)
    expect(view.messages).toEqual([
      { id: 'help:p1', kind: 'help', from: 'p1', text: rooms[0], at: T0 + 5000 },
    ])
    expect(view.helpRequests).toEqual([
      { participantId: 'p1', name: 'Ada', roomId: rooms[0], at: T0 + 5000 },
    ])
  })

  it('keeps one request per participant when asked twice', () => {
    const { doc } = session()
    expectOk(startBreakout(doc, T0))
    expectOk(askForHelp(doc, 'p1', T0 + 1000))
    expectOk(askForHelp(doc, 'p1', T0 + 2000))
    expect(viewOf(doc).helpRequests.map(({ at }) => at)).toEqual([T0 + 2000])
  })

  it('refuses while rooms are not running', () => {
    const { doc } = session()
    const result = leavesUnchanged(doc, () => askForHelp(doc, 'p1', T0))
    expectError(result, { code: 'WRONG_PHASE', field: 'phase', shows: '"setup"' })
  })

  it('refuses a participant who is in the main room', () => {
    const { doc } = session()
    expectOk(startBreakout(doc, T0))
    const result = leavesUnchanged(doc, () => askForHelp(doc, 'p2', T0))
    expectError(result, { code: 'WRONG_PHASE', field: 'roomId', shows: 'got null' })
  })

  it('refuses someone who is not a participant on the roster', () => {
    const { doc } = session()
    expectOk(startBreakout(doc, T0))
    for (const id of ['ghost', 'm1']) {
      const result = leavesUnchanged(doc, () => askForHelp(doc, id, T0))
      expectError(result, { code: 'UNKNOWN_PARTICIPANT', field: 'participantId', shows: id })
    }
  })

  it('no longer shows a request once rooms close or the participant leaves the room', () => {
    const { doc, rooms } = session()
    expectOk(startBreakout(doc, T0))
    expectOk(askForHelp(doc, 'p1', T0 + 1000))
    expectOk(assign(doc, 'p1', null))
    expect(viewOf(doc).helpRequests).toEqual([])
    expectOk(assign(doc, 'p1', rooms[1]))
    expect(viewOf(doc).helpRequests.map(({ roomId }) => roomId)).toEqual([rooms[1]])

    expectOk(endBreakout(doc, T0 + 2000))
    expect(viewOf(doc).helpRequests).toEqual([])
    // A new round starts clean: the old request is from before it began.
    expectOk(startBreakout(doc, T0 + 3000))
    expect(viewOf(doc).helpRequests).toEqual([])
  })
})

describe('dismissHelp', () => {
  it('removes the participant\'s request', () => {
    const { doc } = session()
    expectOk(startBreakout(doc, T0))
    expectOk(askForHelp(doc, 'p1', T0))
    expectOk(dismissHelp(doc, 'p1'))
    expect(viewOf(doc).messages).toEqual([])
    expect(viewOf(doc).helpRequests).toEqual([])
  })

  it('succeeds without writing when there is no request, as after another\'s dismiss', () => {
    const { doc } = session()
    expect(updatesDuring(doc, () => expectOk(dismissHelp(doc, 'p1')))).toBe(0)
  })

  it('refuses a participant id that is not an id', () => {
    const doc = new Y.Doc()
    const result = leavesUnchanged(doc, () => dismissHelp(doc, ''))
    expectError(result, { code: 'INVALID_ARGUMENT', field: 'participantId', shows: '""' })
  })
})
