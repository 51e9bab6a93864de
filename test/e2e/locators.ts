/**
 * Where things are on the page, found the way a person finds them: a room by
 * its name, a participant by their row, the connection by what its pill says.
 * Playwright's locators pierce open shadow roots, so these read like the
 * screen rather than like the components' internals.
 */
import type { Locator, Page } from 'playwright-core'

/** How long a test waits for a change to show, on the page or across the network. */
export const UNTIL = { timeout: 10_000 } as const

export function roomCard(page: Page, name: string): Locator {
  return page.locator('room-card')
    .filter({ has: page.getByRole('heading', { level: 3, name, exact: true }) })
}

export function mainRoom(page: Page): Locator {
  return page.locator('main-room-panel')
}

export function row(scope: Locator, participantId: string): Locator {
  return scope.locator(`[data-participant-id="${participantId}"]`)
}

/** The connection pill of the dashboard or the participant view. */
export function connection(page: Page): Locator {
  return page.locator('connection-status')
}

/** The dashboard's polite live region: what a screen reader was told last. */
export function announcement(page: Page): Locator {
  return page.locator('breakout-dashboard div.visually-hidden[role="status"]')
}

/** The participant view's "You are in …" line. */
export function place(page: Page): Locator {
  return page.locator('breakout-participant .place')
}

export function countdown(page: Page): Locator {
  return page.locator('breakout-participant breakout-countdown [role="timer"]')
}

export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim()
}

/** "1:00" as 60; "1:02:03" as 3723. */
export function seconds(clock: string): number {
  if (!/^\d+(:\d\d){1,2}$/.test(clock)) throw new Error(`not a clock reading: "${clock}"`)
  return clock.split(':').reduce((total, part) => total * 60 + Number(part), 0)
}

/** Takes keyboard focus out of any shadow root, so no focus ring shows. */
export async function dropFocus(page: Page): Promise<void> {
  await page.evaluate(() => {
    let active = document.activeElement
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement
    if (active instanceof HTMLElement) active.blur()
  })
}
