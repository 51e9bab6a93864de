/**
 * Starts the server from the environment (see the README for every variable).
 * Prints where it listens and, when it made the admin key itself, a demo.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import { randomBytes } from 'node:crypto'
import { configFromEnv } from './config.js'
import { createLogger } from './logger.js'
import { SqliteSessionStore } from './storage/sqlite-session-store.js'
import { createApp } from './app.js'
import { prepareDemo } from './demo.js'

const parsed = configFromEnv(process.env, process.cwd())
if (!parsed.ok) {
  process.stderr.write(`breakout-rooms: ${parsed.message}\n`)
  process.exit(2)
}
const config = parsed.config
const logger = createLogger({ level: config.logLevel })

fs.mkdirSync(config.dataDir, { recursive: true })
const store = new SqliteSessionStore(path.join(config.dataDir, 'breakout.sqlite'),
  config.sqliteSynchronous)
const madeAdminKey = config.adminKey === null
const adminKey = config.adminKey ?? randomBytes(24).toString('base64url')
const tokenSecret = config.tokenSecret ?? keptSecret(config.dataDir)

const app = createApp({ config, store, logger, adminKey, tokenSecret })
const { port } = await app.listen()
const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host
const baseUrl = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`

const lines = [``, `Breakout rooms server listening on ${baseUrl}`, `  data: ${config.dataDir}`]
if (madeAdminKey) {
  const demo = prepareDemo({ app, store, tokenSecret, baseUrl, ttlSeconds: config.tokenTtlSeconds })
  lines.push(
    `  admin key (generated; set ADMIN_KEY to choose one): ${adminKey}`,
    ``,
    `Demo session ${demo.sessionId}, with a roster of 36 participants:`,
    `  moderator:     ${demo.moderator}`,
    ...demo.participants.map((link, index) => `  participant ${index + 1}: ${link}`),
  )
  if (config.staticDir && !fs.existsSync(path.join(config.staticDir, 'index.html'))) {
    lines.push(``, `The page is not built: run "npm run build" (npm start does it for you).`)
  }
}
process.stdout.write(`${lines.join('\n')}\n\n`)

let stopping = false
const stop = async (signal: string) => {
  if (stopping) return
  stopping = true
  logger.info({ signal }, 'stopping')
  await app.close()
  store.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop('SIGINT'))
process.on('SIGTERM', () => void stop('SIGTERM'))

/** A token secret kept in the data folder, so tokens outlive a restart. */
function keptSecret(dataDir: string): string {
  const file = path.join(dataDir, 'token-secret')
  try {
    return fs.readFileSync(file, 'utf8').trim()
  } catch {
    const secret = randomBytes(32).toString('base64url')
    fs.writeFileSync(file, secret, { mode: 0o600 })
    return secret
  }
}
