/**
 * One breakout session on the real server process, serving the real built
 * page, with browser pages opened on it. Each page gets a browser context of
 * its own (storage, service worker, network), as people on separate machines
 * would have; `context.setOffline` then cuts off one person only.
 *
 * Every uncaught error of every page is kept, labelled with the page, so a
 * test can check that none happened.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { Role } from '../../shared/index.js'
import { startServer, type ServerProcess } from '../node/harness/server-process.js'
import { createSession, issueToken } from '../node/harness/clients.js'
import { launchBrowser } from './browser.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const DIST_DIR = path.join(root, 'dist')

export const VIEWPORT = { width: 1280, height: 800 } as const

export interface Person {
  readonly id: string
  readonly name: string
}

export interface SessionPage {
  readonly label: string
  readonly context: BrowserContext
  readonly page: Page
}

export class PageSession {
  private readonly errors: string[] = []

  private constructor(readonly server: ServerProcess, readonly browser: Browser,
    readonly id: string) {}

  static async start(): Promise<PageSession> {
    if (!fs.existsSync(path.join(DIST_DIR, 'index.html'))) {
      throw new Error(`no built page in ${DIST_DIR}: run "vite build" first ` +
        '("npm run test:e2e" does)')
    }
    const [server, browser] = await Promise.all([
      startServer({ env: { STATIC_DIR: DIST_DIR } }),
      launchBrowser(),
    ])
    return new PageSession(server, browser, await createSession(server))
  }

  /** Issues a token through the admin API; a participant joins the roster. */
  token(role: Role, person: Person): Promise<string> {
    return issueToken(this.server, this.id, role, person.id, person.name)
  }

  url(token: string): string {
    const query = new URLSearchParams({ session: this.id, token })
    return `${this.server.url}/?${query}`
  }

  /** Opens the page for `token` in a fresh context, as its own person would. */
  async open(label: string, token: string,
    viewport: { width: number; height: number } = VIEWPORT): Promise<SessionPage> {
    const context = await this.browser.newContext({ viewport })
    const page = await context.newPage()
    page.on('pageerror', (error) => this.errors.push(`${label}: ${error.stack ?? error}`))
    await page.goto(this.url(token))
    return { label, context, page }
  }

  /** The uncaught errors since the last call, and forgets them. */
  takeErrors(): string[] {
    return this.errors.splice(0)
  }

  async close(): Promise<void> {
    await this.browser.close()
    await this.server.stop()
  }
}
