import Database from 'better-sqlite3'
import * as fs from 'node:fs'
import * as path from 'node:path'
import type { LoadedSession, SessionStore, StoredSession } from './session-store.js'

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    max_rooms INTEGER NOT NULL,
    deleted_at INTEGER,
    ends_at INTEGER
  );
  CREATE INDEX IF NOT EXISTS sessions_ends_at ON sessions (ends_at) WHERE ends_at IS NOT NULL;
  CREATE TABLE IF NOT EXISTS updates (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id TEXT NOT NULL,
    data BLOB NOT NULL
  );
  CREATE INDEX IF NOT EXISTS updates_session ON updates (session_id, seq);
  CREATE TABLE IF NOT EXISTS snapshots (
    session_id TEXT PRIMARY KEY,
    up_to_seq INTEGER NOT NULL,
    data BLOB NOT NULL
  );
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`

interface SessionRow {
  id: string
  created_at: number
  max_rooms: number
  deleted_at: number | null
}

/**
 * The embedded default store: one SQLite file in WAL mode. With `synchronous =
 * NORMAL` a committed append is in the WAL file (the operating system's
 * cache) when it returns: it survives the process being killed, which is the
 * promise the server's broadcast order depends on, without waiting for an
 * fsync on every update. What it does not survive is the machine losing
 * power before the next checkpoint; `SQLITE_SYNCHRONOUS=FULL` buys that at
 * about a millisecond and a half per update on this machine's disk.
 */
export class SqliteSessionStore implements SessionStore {
  private readonly db: Database.Database
  private readonly statements

  constructor(file: string, durability: 'NORMAL' | 'FULL' = 'NORMAL') {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true })
    this.db = new Database(file)
    this.db.pragma('journal_mode = WAL')
    this.db.pragma(`synchronous = ${durability}`)
    this.db.exec(SCHEMA)
    const db = this.db
    this.statements = {
      insertSession: db.prepare(
        'INSERT INTO sessions (id, created_at, max_rooms) VALUES (?, ?, ?)'),
      getSession: db.prepare('SELECT * FROM sessions WHERE id = ?'),
      markDeleted: db.prepare('UPDATE sessions SET deleted_at = ?, ends_at = NULL WHERE id = ?'),
      deleteUpdates: db.prepare('DELETE FROM updates WHERE session_id = ?'),
      deleteUpdatesUpTo: db.prepare('DELETE FROM updates WHERE session_id = ? AND seq <= ?'),
      deleteSnapshot: db.prepare('DELETE FROM snapshots WHERE session_id = ?'),
      append: db.prepare('INSERT INTO updates (session_id, data) VALUES (?, ?)'),
      snapshot: db.prepare('SELECT up_to_seq, data FROM snapshots WHERE session_id = ?'),
      updatesAfter: db.prepare(
        'SELECT seq, data FROM updates WHERE session_id = ? AND seq > ? ORDER BY seq'),
      putSnapshot: db.prepare(
        'INSERT OR REPLACE INTO snapshots (session_id, up_to_seq, data) VALUES (?, ?, ?)'),
      setEndsAt: db.prepare('UPDATE sessions SET ends_at = ? WHERE id = ? AND deleted_at IS NULL'),
      due: db.prepare('SELECT id FROM sessions ' +
        'WHERE ends_at IS NOT NULL AND ends_at <= ? AND deleted_at IS NULL'),
      getMeta: db.prepare('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
    }
  }

  createSession({ id, createdAt, maxRooms }: StoredSession): void {
    this.statements.insertSession.run(id, createdAt, maxRooms)
  }

  getSession(id: string): StoredSession | null {
    const row = this.statements.getSession.get(id) as SessionRow | undefined
    if (!row || row.deleted_at !== null) return null
    return { id: row.id, createdAt: row.created_at, maxRooms: row.max_rooms }
  }

  isDeleted(id: string): boolean {
    const row = this.statements.getSession.get(id) as SessionRow | undefined
    return row !== undefined && row.deleted_at !== null
  }

  deleteSession(id: string): void {
    this.db.transaction(() => {
      this.statements.markDeleted.run(Date.now(), id)
      this.statements.deleteUpdates.run(id)
      this.statements.deleteSnapshot.run(id)
    })()
  }

  appendUpdate(id: string, update: Uint8Array): number {
    return Number(this.statements.append.run(id, update).lastInsertRowid)
  }

  load(id: string): LoadedSession {
    const snapshot = this.statements.snapshot.get(id) as
      { up_to_seq: number; data: Buffer } | undefined
    const rows = this.statements.updatesAfter.all(id, snapshot?.up_to_seq ?? 0) as
      { seq: number; data: Buffer }[]
    let bytes = snapshot?.data.length ?? 0
    for (const row of rows) bytes += row.data.length
    return {
      snapshot: snapshot ? new Uint8Array(snapshot.data) : null,
      updates: rows.map((row) => new Uint8Array(row.data)),
      lastSeq: rows.at(-1)?.seq ?? snapshot?.up_to_seq ?? 0,
      bytes,
    }
  }

  compact(id: string, snapshot: Uint8Array, upToSeq: number): void {
    this.db.transaction(() => {
      this.statements.putSnapshot.run(id, upToSeq, snapshot)
      this.statements.deleteUpdatesUpTo.run(id, upToSeq)
    })()
  }

  setEndsAt(id: string, endsAt: number | null): void {
    this.statements.setEndsAt.run(endsAt, id)
  }

  dueSessions(now: number): string[] {
    return (this.statements.due.all(now) as { id: string }[]).map((row) => row.id)
  }

  getMeta(key: string): string | null {
    const row = this.statements.getMeta.get(key) as { value: string } | undefined
    return row?.value ?? null
  }

  setMeta(key: string, value: string): void {
    this.statements.setMeta.run(key, value)
  }

  close(): void {
    this.db.close()
  }
}
