/**
 * One breakout session run from the browser, end to end: the real server
 * process, the built page it serves, and Debian's Chromium. Two moderators (A
 * and B) and one participant (P), each in a browser context of their own.
 *
 * The tests are the steps of one session and run in order: each starts from
 * where the previous one left the session.
 *
 *   setup    A creates three rooms; B and P join
 *   1        A drags P into Room 1; B sees it, marked as another's change
 *   2        B renames Room 1 to Design review; A sees it
 *   3        A, offline, moves Ben, reloads offline, reconnects; B sees it
 *   4        A sets a one-minute limit and starts; P sees room and countdown
 *   5        A broadcasts, P sees it; P asks for help, B sees it, A dismisses it
 *   6        A ends now; P and both dashboards are back in the main room
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { readView } from '../node/harness/clients.js'
import { PageSession, type Person, type SessionPage } from './page-session.js'
import {
  UNTIL,
  announcement,
  connection,
  countdown,
  mainRoom,
  place,
  roomCard,
  row,
  seconds,
  textOf,
} from './locators.js'
import { storedAssignment } from './stored-plan.js'

const MODERATOR_A: Person = { id: 'm-a', name: 'Ada Lovelace' }
const MODERATOR_B: Person = { id: 'm-b', name: 'Grace Hopper' }
const PARTICIPANTS: readonly Person[] = [
  { id: 'p1', name: 'Amara Okafor' },
  { id: 'p2', name: 'Ben Carter' },
  { id: 'p3', name: 'Chen Wei' },
  { id: 'p4', name: 'Daniela Ruiz' },
  { id: 'p5', name: 'Elias Berg' },
  { id: 'p6', name: 'Fatima Zahra' },
]
const [AMARA, BEN] = PARTICIPANTS as [Person, Person]

describe('a breakout session in the browser', () => {
  let session: PageSession
  let a: SessionPage
  let b: SessionPage
  let p: SessionPage

  beforeAll(async () => {
    session = await PageSession.start()
    const tokenA = await session.token('moderator', MODERATOR_A)
    const tokenB = await session.token('moderator', MODERATOR_B)
    const participantTokens = []
    for (const person of PARTICIPANTS) {
      participantTokens.push(await session.token('participant', person))
    }

    a = await session.open('A', tokenA)
    const setup = a.page.locator('breakout-setup dialog')
    await setup.getByRole('spinbutton', { name: 'Create' }).fill('3')
    await setup.getByText('Manually', { exact: true }).click()
    await setup.getByRole('button', { name: 'Continue' }).click()
    await roomCard(a.page, 'Room 3').waitFor()

    b = await session.open('B', tokenB)
    await roomCard(b.page, 'Room 3').waitFor()

    p = await session.open('P', participantTokens[0] as string)
    await place(p.page).filter({ hasText: /^the main room$/ }).waitFor(UNTIL)
  })

  afterEach(() => {
    expect(session.takeErrors()).toEqual([])
  })

  afterAll(async () => {
    await session?.close()
  })

  it('moves a participant dragged into a room, and a co-moderator sees it marked', async () => {
    const amaraOnA = row(mainRoom(a.page), AMARA.id)
    await amaraOnA.dragTo(roomCard(a.page, 'Room 1'))
    await row(roomCard(a.page, 'Room 1'), AMARA.id).waitFor()

    // Marked on B: the row flashes, and a screen reader is told who moved it where.
    await row(roomCard(b.page, 'Room 1'), AMARA.id).and(b.page.locator('.flash')).waitFor(UNTIL)
    await expect.poll(() => textOf(announcement(b.page)), UNTIL)
      .toContain('Another moderator made changes: Amara Okafor was moved to Room 1.')
    expect(await row(mainRoom(b.page), AMARA.id).count()).toBe(0)
    const { view } = await readView(session.server, session.id)
    expect(view.rooms.find((room) => room.name === 'Room 1')?.assigned.map((x) => x.id))
      .toEqual([AMARA.id])
  })

  it('renames a room in place from its menu, and the other moderator sees the name', async () => {
    const card = roomCard(b.page, 'Room 1')
    await card.getByRole('button', { name: 'Options for Room 1' }).click()
    await card.getByRole('menuitem', { name: 'Rename' }).click()
    const input = b.page.locator('room-card').getByRole('textbox', { name: 'Room name' })
    await input.fill('Design review')
    await input.press('Enter')
    await roomCard(b.page, 'Design review').waitFor()

    const renamedOnA = roomCard(a.page, 'Design review')
    await renamedOnA.locator('.card.flash').waitFor(UNTIL)
    await row(renamedOnA, AMARA.id).waitFor()
    expect(await roomCard(a.page, 'Room 1').count()).toBe(0)
  })

  it('shows a co-moderator again within moments of reconnecting', async () => {
    const seesA = b.page.getByRole('img',
      { name: new RegExp(`Moderators here: .*${MODERATOR_A.name}`) })
    await seesA.waitFor(UNTIL)
    type Provider = { disconnect(): void; connect(): void }
    const provider = (page: typeof a.page, call: 'disconnect' | 'connect') =>
      page.evaluate((method) => {
        const dashboard = document.querySelector('breakout-dashboard') as unknown as
          { ownClient: { provider: Provider } }
        dashboard.ownClient.provider[method]()
      }, call)

    // A's socket goes; the server tells B that A left.
    await provider(a.page, 'disconnect')
    await seesA.waitFor({ state: 'detached', ...UNTIL })
    await provider(a.page, 'connect')
    await connection(a.page).getByText('Connected').waitFor(UNTIL)
    // Well inside the 15 s after which a provider renews its presence anyway.
    await seesA.waitFor({ timeout: 5_000 })
  })

  it('keeps a move made offline through an offline reload, and shares it on reconnect',
    async () => {
      // The service worker has kept the page once it is active: installing is keeping it.
      await a.page.waitForFunction(async () => {
        const registration = await navigator.serviceWorker.getRegistration()
        return registration?.active?.state === 'activated'
      }, undefined, UNTIL)
      await a.context.setOffline(true)
      await connection(a.page).getByText('Offline').waitFor(UNTIL)

      // Keyboard: Enter on a row opens "Move to"; Enter on an item moves.
      await row(mainRoom(a.page), BEN.id).press('Enter')
      await a.page.getByRole('menuitemradio', { name: /^Room 2/ }).press('Enter')
      await row(roomCard(a.page, 'Room 2'), BEN.id).waitFor()
      const room2 = await roomCard(a.page, 'Room 2').getAttribute('data-drop-room')
      await expect.poll(() => storedAssignment(a.page, session.id, BEN.id), UNTIL).toBe(room2)

      // Reloading with no network: the navigation fails and the kept page answers.
      const failedFromWorker: string[] = []
      a.context.on('requestfailed', (request) => {
        if (request.serviceWorker() && new URL(request.url()).pathname === '/') {
          failedFromWorker.push(request.failure()?.errorText ?? '')
        }
      })
      const response = await a.page.reload()
      expect(response?.fromServiceWorker()).toBe(true)
      await expect.poll(() => failedFromWorker, UNTIL).toEqual(['net::ERR_INTERNET_DISCONNECTED'])
      await connection(a.page).getByText('Offline').waitFor(UNTIL)
      await row(roomCard(a.page, 'Room 2'), BEN.id).waitFor(UNTIL)

      // Nothing has reached the server or B yet.
      const before = await readView(session.server, session.id)
      expect(before.view.participants[BEN.id]?.assignedRoomId).toBe(null)
      expect(await row(mainRoom(b.page), BEN.id).count()).toBe(1)

      await a.context.setOffline(false)
      await connection(a.page).getByText('Connected').waitFor(UNTIL)
      await row(roomCard(b.page, 'Room 2'), BEN.id).and(b.page.locator('.flash')).waitFor(UNTIL)
      const after = await readView(session.server, session.id)
      expect(after.view.participants[BEN.id]?.assignedRoomId).toBe(room2)
    })

  it('shows the participant their room and a countdown from a one-minute limit', async () => {
    await a.page.getByRole('button', { name: /^Time limit: .*Change$/ }).click()
    const dialog = a.page.locator('time-limit-dialog dialog')
    await dialog.getByRole('spinbutton', { name: 'Minutes' }).fill('1')
    await dialog.getByRole('button', { name: 'Set time limit' }).click()
    await a.page.getByRole('button', { name: 'Time limit: 1 min. Change' }).waitFor()
    await a.page.getByRole('button', { name: 'Start breakout rooms' }).click()

    await expect.poll(() => textOf(place(p.page)), UNTIL).toBe('Design review')
    expect(await p.page.title()).toBe('Design review · Breakout Rooms')
    await countdown(p.page).waitFor(UNTIL)
    const first = seconds(await textOf(countdown(p.page)))
    expect(first).toBeGreaterThanOrEqual(50)
    expect(first).toBeLessThanOrEqual(60)
    // The one wait on time itself: the countdown must tick down on its own.
    await expect.poll(async () => seconds(await textOf(countdown(p.page))), UNTIL)
      .toBeLessThan(first)
  })

  it('carries a broadcast to the participant and their call for help to the moderators',
    async () => {
      const text = 'Two minutes left: pick one idea to share.'
      await a.page.getByRole('button', { name: 'Broadcast' }).click()
      const dialog = a.page.locator('broadcast-dialog dialog')
      await dialog.getByRole('textbox', { name: 'Message' }).fill(text)
      await dialog.getByRole('button', { name: 'Send' }).click()
      await dialog.waitFor({ state: 'hidden', ...UNTIL })
      const banner = p.page.locator('breakout-participant .broadcast')
      await banner.getByText(text).waitFor(UNTIL)
      expect(await textOf(banner.locator('.from'))).toBe(`Message from ${MODERATOR_A.name}`)

      await p.page.getByRole('button', { name: 'Ask for help' }).click()
      await p.page.getByRole('button', { name: 'Help requested' }).waitFor(UNTIL)
      const badge = roomCard(b.page, 'Design review').getByText(`${AMARA.name} asks for help`)
      await badge.waitFor(UNTIL)

      await roomCard(a.page, 'Design review')
        .getByRole('button', { name: `Dismiss ${AMARA.name}'s help request` }).click()
      await badge.waitFor({ state: 'detached', ...UNTIL })
      await p.page.getByRole('button', { name: 'Ask for help' }).waitFor(UNTIL)
    })

  it('brings the participant and everyone else back to the main room on End now', async () => {
    await a.page.getByRole('button', { name: 'End now' }).click()

    await expect.poll(() => textOf(place(p.page)), UNTIL).toBe('the main room')
    await p.page.getByText('Breakout rooms have closed.').waitFor(UNTIL)
    expect(await countdown(p.page).count()).toBe(0)
    for (const moderator of [a, b]) {
      const panel = mainRoom(moderator.page)
      await panel.getByText('Rooms have closed: everyone is here').waitFor(UNTIL)
      await expect.poll(() => panel.locator('.person').count(), UNTIL)
        .toBe(PARTICIPANTS.length)
    }
  })
})
