/**
 * The contract every `SessionStore` keeps, as one suite that each backend's
 * test file runs against its own store:
 *
 *   sessionStoreContract('SqliteSessionStore', { open: () => new SqliteSessionStore(':memory:') })
 *
 * `reopen`, when given, closes a store and opens the same storage again, to
 * check that what was written survives a restart.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addRoom, createRooms, viewOf } from '../../shared/index.js'
import type { SessionStore } from './session-store.js'

export interface ContractOptions {
  open(): SessionStore
  reopen?(store: SessionStore): SessionStore
}

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0)

/** Updates of a real document: each adds one room. */
function roomUpdates(count: number): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  for (let i = 0; i < count; i++) addRoom(doc, `Room ${i + 1}`)
  return { doc, updates }
}

/** The document a loaded session holds. */
function docOf(store: SessionStore, id: string): Y.Doc {
  const loaded = store.load(id)
  const doc = new Y.Doc()
  if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot)
  for (const update of loaded.updates) Y.applyUpdate(doc, update)
  return doc
}

function sameDoc(a: Y.Doc, b: Y.Doc): boolean {
  return Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b))) &&
    JSON.stringify(viewOf(a)) === JSON.stringify(viewOf(b))
}

export function sessionStoreContract(name: string, options: ContractOptions): void {
  describe(`${name} keeps the SessionStore contract`, () => {
    let store: SessionStore
    const open = () => (store = options.open())
    afterEach(() => store?.close())

    it('returns a created session and null for an id it never saw', () => {
      open()
      store.createSession({ id: 's1', createdAt: T0, maxRooms: 7 })
      expect(store.getSession('s1')).toEqual({ id: 's1', createdAt: T0, maxRooms: 7 })
      expect(store.getSession('nope')).toBe(null)
      expect(store.isDeleted('s1')).toBe(false)
      expect(store.isDeleted('nope')).toBe(false)
    })

    it('loads a session with no updates as empty', () => {
      open()
      store.createSession({ id: 's1', createdAt: T0, maxRooms: 7 })
      expect(store.load('s1')).toEqual({ snapshot: null, updates: [], lastSeq: 0, bytes: 0 })
    })

    it('loads appended updates in order, with the last sequence number and their size', () => {
      open()
      store.createSession({ id: 's1', createdAt: T0, maxRooms: 15 })
      const { doc, updates } = roomUpdates(4)
      const seqs = updates.map((update) => store.appendUpdate('s1', update))

      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs)
      expect(new Set(seqs).size).toBe(4)
      const loaded = store.load('s1')
      const bytes = (list: readonly Uint8Array[]) => list.map((update) => [...update])
      expect(bytes(loaded.updates)).toEqual(bytes(updates))
      expect(loaded.lastSeq).toBe(seqs.at(-1))
      expect(loaded.bytes).toBe(updates.reduce((sum, update) => sum + update.length, 0))
      expect(sameDoc(docOf(store, 's1'), doc)).toBe(true)
    })

    it('keeps each session\'s updates apart', () => {
      open()
      store.createSession({ id: 'a', createdAt: T0, maxRooms: 15 })
      store.createSession({ id: 'b', createdAt: T0, maxRooms: 15 })
      const first = roomUpdates(2)
      const second = roomUpdates(3)
      store.appendUpdate('a', first.updates[0] as Uint8Array)
      for (const update of second.updates) store.appendUpdate('b', update)
      store.appendUpdate('a', first.updates[1] as Uint8Array)

      expect(viewOf(docOf(store, 'a')).rooms).toHaveLength(2)
      expect(viewOf(docOf(store, 'b')).rooms).toHaveLength(3)
    })

    it('replaces the updates a snapshot covers and keeps the ones after it', () => {
      open()
      store.createSession({ id: 's1', createdAt: T0, maxRooms: 15 })
      const { doc, updates } = roomUpdates(6)
      const seqs = updates.slice(0, 4).map((update) => store.appendUpdate('s1', update))
      const partial = new Y.Doc()
      for (const update of updates.slice(0, 4)) Y.applyUpdate(partial, update)
      const snapshot = Y.encodeStateAsUpdate(partial)
      store.compact('s1', snapshot, seqs.at(-1) as number)
      const later = updates.slice(4).map((update) => store.appendUpdate('s1', update))

      const loaded = store.load('s1')
      expect([...(loaded.snapshot as Uint8Array)]).toEqual([...snapshot])
      expect(loaded.updates).toHaveLength(2)
      expect(loaded.lastSeq).toBe(later.at(-1))
      expect(loaded.bytes).toBe(snapshot.length + (updates[4] as Uint8Array).length +
        (updates[5] as Uint8Array).length)
      expect(sameDoc(docOf(store, 's1'), doc)).toBe(true)
    })

    it('lets a later snapshot replace an earlier one', () => {
      open()
      store.createSession({ id: 's1', createdAt: T0, maxRooms: 15 })
      const { doc, updates } = roomUpdates(3)
      let seq = 0
      for (const update of updates) {
        seq = store.appendUpdate('s1', update)
        const partial = docOf(store, 's1')
        store.compact('s1', Y.encodeStateAsUpdate(partial), seq)
      }
      const loaded = store.load('s1')
      expect(loaded.updates).toEqual([])
      expect(loaded.lastSeq).toBe(seq)
      expect(sameDoc(docOf(store, 's1'), doc)).toBe(true)
    })

    it('forgets a deleted session and its data for good', () => {
      open()
      store.createSession({ id: 's1', createdAt: T0, maxRooms: 15 })
      const { updates } = roomUpdates(2)
      const seq = store.appendUpdate('s1', updates[0] as Uint8Array)
      store.compact('s1', updates[0] as Uint8Array, seq)
      store.appendUpdate('s1', updates[1] as Uint8Array)
      store.setEndsAt('s1', T0)

      store.deleteSession('s1')

      expect(store.getSession('s1')).toBe(null)
      expect(store.isDeleted('s1')).toBe(true)
      expect(store.load('s1')).toEqual({ snapshot: null, updates: [], lastSeq: 0, bytes: 0 })
      expect(store.dueSessions(T0 + 1000)).toEqual([])
      store.setEndsAt('s1', T0)
      expect(store.dueSessions(T0 + 1000)).toEqual([])
    })

    it('lists the sessions whose end has passed, and no others', () => {
      open()
      for (const id of ['past', 'now', 'future', 'none', 'cleared']) {
        store.createSession({ id, createdAt: T0, maxRooms: 15 })
      }
      store.setEndsAt('past', T0 - 1)
      store.setEndsAt('now', T0)
      store.setEndsAt('future', T0 + 1)
      store.setEndsAt('cleared', T0 - 1)
      store.setEndsAt('cleared', null)

      expect(store.dueSessions(T0).sort()).toEqual(['now', 'past'])
      expect(store.dueSessions(T0 + 1).sort()).toEqual(['future', 'now', 'past'])
    })

    it('keeps values about the server itself', () => {
      open()
      expect(store.getMeta('demo')).toBe(null)
      store.setMeta('demo', 'one')
      store.setMeta('demo', 'two')
      expect(store.getMeta('demo')).toBe('two')
    })

    if (options.reopen) {
      const reopen = options.reopen
      it('keeps sessions, updates, snapshots, ends and deletions across a restart', () => {
        open()
        const doc = new Y.Doc()
        const updates: Uint8Array[] = []
        doc.on('update', (update: Uint8Array) => updates.push(update))
        createRooms(doc, 2)
        addRoom(doc, 'Last')
        store.createSession({ id: 'kept', createdAt: T0, maxRooms: 9 })
        store.createSession({ id: 'gone', createdAt: T0, maxRooms: 9 })
        const seq = store.appendUpdate('kept', updates[0] as Uint8Array)
        store.compact('kept', updates[0] as Uint8Array, seq)
        store.appendUpdate('kept', updates[1] as Uint8Array)
        store.setEndsAt('kept', T0)
        store.deleteSession('gone')

        store = reopen(store)

        expect(store.getSession('kept')).toEqual({ id: 'kept', createdAt: T0, maxRooms: 9 })
        expect(sameDoc(docOf(store, 'kept'), doc)).toBe(true)
        expect(store.dueSessions(T0)).toEqual(['kept'])
        expect(store.getSession('gone')).toBe(null)
        expect(store.isDeleted('gone')).toBe(true)
      })
    }
  })
}
