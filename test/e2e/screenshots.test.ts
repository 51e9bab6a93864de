/**
 * The README's screenshots, taken from the real page on the real server: a
 * moderator's dashboard with rooms open and people in them, and a participant
 * in their room with the countdown. Every run writes them again, so they show
 * the page as it is now rather than as it once was.
 *
 * Most participants are connected through plain sync clients rather than
 * browsers: their rows show them online, which is all the dashboard needs.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { connect, type Client } from '../node/harness/clients.js'
import { PageSession, type Person } from './page-session.js'
import { UNTIL, countdown, dropFocus, mainRoom, place, roomCard } from './locators.js'

// The README's copies change only when asked (UPDATE_SCREENSHOTS=1): every run
// has a new session id and random placements, and should not dirty the tree.
const OUT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..',
  process.env.UPDATE_SCREENSHOTS ? 'docs/screenshots' : 'test-results/screenshots')

const ROOM_NAMES = ['Onboarding', 'Pricing', 'Roadmap', 'Support', 'Hiring', 'Partnerships']
const NAMES = [
  'Amara Okafor', 'Ben Carter', 'Chen Wei', 'Daniela Ruiz', 'Elias Berg', 'Fatima Zahra',
  'George Ito', 'Hana Kobayashi', 'Isaac Levi', 'Julia Novak', 'Kwame Mensah', 'Lena Fischer',
  'Mateo Silva', 'Nadia Haddad', 'Oscar Lindqvist', 'Priya Raman', 'Quinn Murphy',
  'Rosa Delgado',
]
/** Joined after the rooms were filled, so the main room is not empty. */
const LATE = ['Samuel Adeyemi', 'Tara Singh']
/** Not connected: a real meeting always has a few. */
const AWAY = new Set(['p5', 'p12', 'p19'])

const ADA: Person = { id: 'm-a', name: 'Ada Lovelace' }
const GRACE: Person = { id: 'm-b', name: 'Grace Hopper' }

function person(index: number, name: string): Person {
  return { id: `p${index + 1}`, name }
}

describe('the README screenshots', () => {
  let session: PageSession
  const clients: Client[] = []

  beforeAll(async () => {
    session = await PageSession.start()
    fs.mkdirSync(OUT_DIR, { recursive: true })
  })

  afterAll(async () => {
    for (const client of clients) client.destroy()
    await session?.close()
  })

  it('shows a running session on the dashboard and in a participant\'s room', async () => {
    const tokens = new Map<string, string>()
    for (const [index, name] of NAMES.entries()) {
      tokens.set(`p${index + 1}`, await session.token('participant', person(index, name)))
    }
    const a = await session.open('A', await session.token('moderator', ADA))
    const setup = a.page.locator('breakout-setup dialog')
    await setup.getByRole('spinbutton', { name: 'Create' }).fill(String(ROOM_NAMES.length))
    await setup.getByRole('spinbutton', { name: 'Time limit in minutes' }).fill('15')
    await setup.getByRole('button', { name: 'Continue' }).click()
    for (const [index, name] of ROOM_NAMES.entries()) await renameRoom(a.page, index + 1, name)

    for (const [index, name] of LATE.entries()) {
      const late = person(NAMES.length + index, name)
      tokens.set(late.id, await session.token('participant', late))
    }
    for (const [id, token] of tokens) {
      if (!AWAY.has(id) && id !== 'p1') clients.push(connect(session.server, session.id, token))
    }
    // A co-moderator, so the dashboard shows who else is here.
    await session.open('B', await session.token('moderator', GRACE))
    // Narrower than the dashboard: a participant's view is one card, not a board.
    const p = await session.open('P', tokens.get('p1') as string, { width: 960, height: 800 })
    await place(p.page).filter({ hasText: /^the main room$/ }).waitFor(UNTIL)

    await a.page.getByRole('button', { name: 'Start breakout rooms' }).click()
    await a.page.getByText('Rooms are open · round 1').waitFor(UNTIL)
    await expect.poll(() => mainRoom(a.page).locator('.person').count(), UNTIL)
      .toBe(LATE.length)
    await a.page.getByRole('img', { name: /Moderators here: .*Grace Hopper/ }).waitFor(UNTIL)
    await expect.poll(() => a.page.locator('.presence.online').count(), UNTIL)
      .toBe(tokens.size - AWAY.size)
    await a.page.mouse.move(0, 0)
    await dropFocus(a.page)
    await a.page.screenshot({ path: path.join(OUT_DIR, 'dashboard.png'), animations: 'disabled' })

    await place(p.page).filter({ hasText: new RegExp(`^(${ROOM_NAMES.join('|')})$`) })
      .waitFor(UNTIL)
    await countdown(p.page).waitFor(UNTIL)
    await p.page.screenshot({ path: path.join(OUT_DIR, 'participant.png'),
      animations: 'disabled', fullPage: true })

    expect(session.takeErrors()).toEqual([])
  })
})

async function renameRoom(page: Page, number: number, name: string): Promise<void> {
  const card = roomCard(page, `Room ${number}`)
  await card.getByRole('button', { name: `Options for Room ${number}` }).click()
  await card.getByRole('menuitem', { name: 'Rename' }).click()
  const input = page.locator('room-card').getByRole('textbox', { name: 'Room name' })
  await input.fill(name)
  await input.press('Enter')
  await roomCard(page, name).waitFor()
}
