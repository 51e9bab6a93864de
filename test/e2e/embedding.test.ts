/**
 * The components in a host page on another origin, as a video platform or an
 * LMS embeds them: one module script from the breakout server, the elements
 * configured by attributes, and the host moving media on
 * `breakout-room-change`. The host page is served by a server of its own on a
 * different port, so the browser treats the breakout server as cross-origin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import { PageSession } from './page-session.js'
import { readView, sendCommand } from '../node/harness/clients.js'

let session: PageSession
let host: http.Server
let hostUrl: string

const MODERATOR = { id: 'host-mod', name: 'Hana Host' }
const PARTICIPANT = { id: 'host-p1', name: 'Pablo Guest' }

/** The host platform's page: its own layout, our elements, its media hook. */
function hostPage(breakoutServer: string, sessionId: string, token: string): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Host platform</title>
<script type="module" src="${breakoutServer}/embed/breakout-rooms.js"></script>
<style>
  body { font-family: sans-serif; margin: 0; }
  header { background: #0f172a; color: white; padding: 12px 20px; }
  breakout-participant { --breakout-accent: #0f766e; }
</style></head>
<body>
  <header>Host platform: weekly seminar</header>
  <main>
    <breakout-participant server="${breakoutServer}" session="${sessionId}"
      token="${token}"></breakout-participant>
  </main>
  <script>
    window.mediaMoves = []
    document.addEventListener('breakout-room-change', (event) => {
      window.mediaMoves.push(event.detail.roomId)
    })
  </script>
</body></html>`
}

beforeAll(async () => {
  session = await PageSession.start()
  host = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    response.setHeader('content-type', 'text/html; charset=utf-8')
    response.end(hostPage(session.server.url, session.id, url.searchParams.get('token') ?? ''))
  })
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve))
  // localhost, not 127.0.0.1: a different origin from the breakout server.
  hostUrl = `http://localhost:${(host.address() as AddressInfo).port}`
})

afterAll(async () => {
  await session?.close()
  await new Promise((resolve) => host?.close(resolve))
})

describe('the participant view embedded in a host page on another origin', () => {
  it('follows the participant into a room and back, telling the host each time', async () => {
    const moderatorToken = await session.token('moderator', MODERATOR)
    const participantToken = await session.token('participant', PARTICIPANT)
    const context = await session.browser.newContext()
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(String(error)))
    await page.goto(`${hostUrl}/?token=${participantToken}`)
    await page.getByText('the main room').waitFor({ timeout: 10_000 })

    // The moderator plans the room through the dashboard in its own page.
    const moderator = await session.open('M', moderatorToken)
    const setup = moderator.page.locator('breakout-setup dialog')
    await setup.getByRole('spinbutton', { name: 'Create' }).fill('2')
    await setup.getByRole('button', { name: 'Continue' }).click()
    await expect.poll(async () => {
      const { view } = await readView(session.server, session.id)
      return view.participants[PARTICIPANT.id]?.assignedRoomId ?? null
    }, { timeout: 10_000 }).not.toBe(null)
    const { view } = await readView(session.server, session.id)
    const roomId = view.participants[PARTICIPANT.id]?.assignedRoomId
    const roomName = view.rooms.find((room: { id: string }) => room.id === roomId)?.name as string

    expect((await sendCommand(session.server, session.id, moderatorToken,
      { type: 'start' })).status).toBe(200)
    await page.locator('breakout-participant').getByText(roomName).first()
      .waitFor({ timeout: 10_000 })
    await expect.poll(() => page.evaluate(() => (window as unknown as
      { mediaMoves: string[] }).mediaMoves), { timeout: 10_000 }).toEqual([roomId])

    expect((await sendCommand(session.server, session.id, moderatorToken,
      { type: 'end' })).status).toBe(200)
    await expect.poll(() => page.evaluate(() => (window as unknown as
      { mediaMoves: string[] }).mediaMoves), { timeout: 10_000 })
      .toEqual([roomId, null])

    // The host's theme reaches inside the shadow root through the custom property.
    const accent = await page.locator('breakout-participant').evaluate((element) =>
      getComputedStyle(element).getPropertyValue('--breakout-accent').trim())
    expect(accent).toBe('#0f766e')
    expect(errors).toEqual([])
    expect(session.takeErrors()).toEqual([])
    await context.close()
  })
})
