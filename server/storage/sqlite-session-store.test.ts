import { afterAll } from 'vitest'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { SqliteSessionStore } from './sqlite-session-store.js'
import { sessionStoreContract } from './session-store.contract.js'

sessionStoreContract('SqliteSessionStore in memory', {
  open: () => new SqliteSessionStore(':memory:'),
})

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'breakout-store-'))
let files = 0
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }))

sessionStoreContract('SqliteSessionStore in a file', {
  open: () => new SqliteSessionStore(path.join(folder, `store-${++files}`, 'breakout.sqlite')),
  reopen: (store) => {
    store.close()
    return new SqliteSessionStore(path.join(folder, `store-${files}`, 'breakout.sqlite'))
  },
})
