/**
 * The copy of a session a moderator's browser keeps in IndexedDB, read back
 * the way y-indexeddb wrote it: every stored update applied to a fresh
 * document. It tells a test that an edit made offline is really on the
 * device before the test reloads the page, instead of guessing with a sleep.
 */
import * as Y from 'yjs'
import type { Page } from 'playwright-core'
import { assignmentsOf } from '../../shared/index.js'

/** The room the stored copy puts the participant in; null for the main room or no copy. */
export async function storedAssignment(page: Page, sessionId: string,
  participantId: string): Promise<string | null> {
  const updates = await page.evaluate(async (session) => {
    // The client names its store `breakout-rooms:<server>:<session>:<moderator>`.
    const databases = await indexedDB.databases()
    const name = databases.map((db) => db.name ?? '')
      .find((found) => found.startsWith('breakout-rooms:') && found.includes(`:${session}:`))
    if (!name) return []
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name)
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    try {
      if (!db.objectStoreNames.contains('updates')) return []
      const all = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction('updates', 'readonly').objectStore('updates').getAll()
        request.onsuccess = () => resolve(request.result)
        request.onerror = () => reject(request.error)
      })
      return all.map((update) => Array.from(update as Uint8Array))
    } finally {
      db.close()
    }
  }, sessionId)
  const doc = new Y.Doc()
  for (const update of updates) Y.applyUpdate(doc, Uint8Array.from(update))
  const room = assignmentsOf(doc).get(participantId)
  doc.destroy()
  return typeof room === 'string' ? room : null
}
