/**
 * Where sessions live between restarts.
 *
 * A session is a log of Yjs updates plus, once compacted, a snapshot that
 * replaces the head of the log. Appends are synchronous and durable when they
 * return: the server appends an update before it broadcasts it, so anything a
 * client has received survives a crash of the process.
 *
 * Compaction writes the snapshot first and then deletes the updates it covers,
 * inside one transaction; a crash in between loses nothing either way.
 */

export interface StoredSession {
  readonly id: string
  readonly createdAt: number
  readonly maxRooms: number
}

export interface LoadedSession {
  /** A merged update covering everything up to `lastSeq`, or null. */
  readonly snapshot: Uint8Array | null
  /** Updates appended after the snapshot, oldest first. */
  readonly updates: readonly Uint8Array[]
  /** The sequence number of the newest update loaded; 0 when none. */
  readonly lastSeq: number
  /** Bytes of snapshot and updates together. */
  readonly bytes: number
}

export interface SessionStore {
  createSession(session: StoredSession): void
  /** The session, or null when it never existed or was deleted. */
  getSession(id: string): StoredSession | null
  /** Deletes a session's data for good; its id is never served again. */
  deleteSession(id: string): void
  isDeleted(id: string): boolean
  /** Appends an update and returns its sequence number. */
  appendUpdate(id: string, update: Uint8Array): number
  load(id: string): LoadedSession
  /** Replaces every update up to and including `upToSeq` by `snapshot`. */
  compact(id: string, snapshot: Uint8Array, upToSeq: number): void
  /** Records when a running session's rooms close (null: no end pending). */
  setEndsAt(id: string, endsAt: number | null): void
  /** Sessions whose rooms should have closed by `now`. */
  dueSessions(now: number): string[]
  /** A value the server keeps about itself (the demo session's id, say). */
  getMeta(key: string): string | null
  setMeta(key: string, value: string): void
  close(): void
}
