import { expect, fixture, html } from '@open-wc/testing'
import * as Y from 'yjs'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness'
import {
  assign,
  askForHelp,
  assignmentsOf,
  liveRooms,
  permissionOf,
  renameRoom,
  settingsOf,
  startBreakout,
  endBreakout,
  timeLimitOf,
  viewOf,
} from '../shared/index.js'
import './breakout-dashboard.js'
import type { BreakoutDashboard } from './breakout-dashboard.js'
import type { SessionClient } from './session-client.js'
import type { RoomCard } from './room-card.js'
import { clientFor, deep, deepAll, key, remoteEdit, row, settle, testSession } from
  './test-helpers.js'

/** A dashboard; with `setup`, as a moderator opening the session meets it. */
async function dashboard(client: SessionClient, setup = false): Promise<BreakoutDashboard> {
  const element = setup ?
    await fixture<BreakoutDashboard>(html`<breakout-dashboard .client=${client}>
      </breakout-dashboard>`) :
    await fixture<BreakoutDashboard>(html`<breakout-dashboard skip-setup .client=${client}>
      </breakout-dashboard>`)
  await settle(element)
  return element
}

async function openRecreate(element: BreakoutDashboard): Promise<void> {
  ;(deep(element, '.settings') as HTMLButtonElement).click()
  await settle(element)
  button(element, 'Recreate rooms…').click()
  await settle(element)
}

function card(element: BreakoutDashboard, roomId: string): RoomCard {
  return deep(element, `room-card[data-drop-room="${roomId}"]`) as RoomCard
}

function names(host: Element | null): string[] {
  return host ? deepAll(host, '.person .name').map((node) => node.textContent?.trim() ?? '') : []
}

function button(root: Element, text: string): HTMLButtonElement {
  const found = deepAll(root, 'button').find((node) => node.textContent?.trim() === text)
  if (!found) throw new Error(`no button "${text}"`)
  return found as HTMLButtonElement
}

function drag(type: string, data: DataTransfer): DragEvent {
  return new DragEvent(type, { bubbles: true, composed: true, cancelable: true,
    dataTransfer: data })
}

describe('<breakout-dashboard>', () => {
  it('renders the rooms and the main room from the document', async () => {
    const { doc, roomIds } = testSession({ participants: 4, rooms: 2 })
    assign(doc, 'p1', roomIds[0] as string)
    const element = await dashboard(clientFor(doc))

    const cards = deepAll(element, 'room-card')
    expect(cards).to.have.length(2)
    expect(deep(cards[0] as Element, 'h3')?.textContent).to.equal('Room 1')
    expect(names(cards[0] as Element)).to.deep.equal(['Amara Okafor'])
    expect(names(deep(element, 'main-room-panel'))).to.deep.equal(
      ['Ben Carter', 'Chen Wei', 'Daniela Ruiz'])
  })

  it('moves a participant dropped on a room', async () => {
    const { doc, roomIds } = testSession({ rooms: 2 })
    const element = await dashboard(clientFor(doc))
    const data = new DataTransfer()

    row(element, 'p2').dispatchEvent(drag('dragstart', data))
    const target = deep(card(element, roomIds[1] as string), '.card') as HTMLElement
    target.dispatchEvent(drag('dragover', data))
    await settle(element)
    expect(card(element, roomIds[1] as string).hasAttribute('drop-over')).to.equal(true)
    target.dispatchEvent(drag('drop', data))
    await settle(element)

    expect(assignmentsOf(doc).get('p2')).to.equal(roomIds[1])
    expect(names(card(element, roomIds[1] as string))).to.include('Ben Carter')
    expect(card(element, roomIds[1] as string).hasAttribute('drop-over')).to.equal(false)
  })

  it('takes a participant back to the main room when dropped there', async () => {
    const { doc, roomIds } = testSession({ rooms: 1 })
    assign(doc, 'p1', roomIds[0] as string)
    const element = await dashboard(clientFor(doc))
    const data = new DataTransfer()

    row(element, 'p1').dispatchEvent(drag('dragstart', data))
    const panel = deep(deep(element, 'main-room-panel') as Element, '.panel') as HTMLElement
    panel.dispatchEvent(drag('dragover', data))
    panel.dispatchEvent(drag('drop', data))
    await settle(element)

    expect(assignmentsOf(doc).has('p1')).to.equal(false)
  })

  it('moves a participant dragged by touch from the grip', async () => {
    const { doc, roomIds } = testSession({ rooms: 2 })
    const element = await dashboard(clientFor(doc))
    const grip = deep(row(element, 'p3'), '[data-grip]') as HTMLElement
    const from = grip.getBoundingClientRect()
    const to = card(element, roomIds[0] as string).getBoundingClientRect()
    const pointer = (type: string, x: number, y: number) => new PointerEvent(type, {
      pointerId: 7, pointerType: 'touch', clientX: x, clientY: y, bubbles: true,
      composed: true, cancelable: true,
    })

    grip.dispatchEvent(pointer('pointerdown', from.x + 4, from.y + 4))
    window.dispatchEvent(pointer('pointermove', from.x + 30, from.y + 10))
    window.dispatchEvent(pointer('pointermove', to.x + 40, to.y + 60))
    await settle(element)
    expect(card(element, roomIds[0] as string).hasAttribute('drop-over')).to.equal(true)
    window.dispatchEvent(pointer('pointerup', to.x + 40, to.y + 60))
    await settle(element)

    expect(assignmentsOf(doc).get('p3')).to.equal(roomIds[0])
  })

  it('moves a participant with the keyboard alone and announces it', async () => {
    const { doc, roomIds } = testSession({ rooms: 3 })
    const element = await dashboard(clientFor(doc))
    const amara = row(element, 'p1')
    amara.focus()

    key(amara, ' ')
    await settle(element)
    key(row(element, 'p1'), 'ArrowRight')
    key(row(element, 'p1'), 'ArrowRight')
    await settle(element)
    expect(card(element, roomIds[1] as string).hasAttribute('drop-over')).to.equal(true)
    key(row(element, 'p1'), ' ')
    await settle(element)

    expect(assignmentsOf(doc).get('p1')).to.equal(roomIds[1])
    const live = deep(element, '[aria-live="polite"]')
    expect(live?.textContent).to.contain('Amara Okafor moved to Room 2')
  })

  it('cancels a keyboard move with Escape', async () => {
    const { doc } = testSession({ rooms: 2 })
    const element = await dashboard(clientFor(doc))

    key(row(element, 'p1'), ' ')
    key(row(element, 'p1'), 'ArrowRight')
    key(row(element, 'p1'), 'Escape')
    await settle(element)

    expect(assignmentsOf(doc).has('p1')).to.equal(false)
    expect(deep(element, '[aria-live="polite"]')?.textContent).to.contain('Move cancelled')
  })

  it('moves a participant with the Move to menu', async () => {
    const { doc, roomIds } = testSession({ rooms: 2 })
    const element = await dashboard(clientFor(doc))

    ;(deep(row(element, 'p4'), '.move') as HTMLElement).click()
    await settle(element)
    const menu = deep(element, 'popup-menu[open]') as HTMLElement
    expect(menu).to.exist
    const item = deepAll(menu, '.item').find((node) => node.textContent?.includes('Room 2'))
    ;(item as HTMLButtonElement).click()
    await settle(element)

    expect(assignmentsOf(doc).get('p4')).to.equal(roomIds[1])
    expect(deep(element, 'popup-menu[open]')).to.equal(null)
  })

  it('renames a room in place', async () => {
    const { doc, roomIds } = testSession({ rooms: 2 })
    const element = await dashboard(clientFor(doc))
    const room = card(element, roomIds[0] as string)

    ;(deep(room, '.menu-button') as HTMLButtonElement).click()
    await settle(element)
    button(room, 'Rename').click()
    await settle(element)
    const input = deep(room, '.rename input') as HTMLInputElement
    input.value = 'Design review'
    input.form?.requestSubmit()
    await settle(element)

    expect(liveRooms(doc)[0]?.name).to.equal('Design review')
    expect(deep(room, 'h3')?.textContent).to.equal('Design review')
  })

  it('refuses an empty room name and keeps the old one', async () => {
    const { doc, roomIds } = testSession({ rooms: 1 })
    const element = await dashboard(clientFor(doc))
    const room = card(element, roomIds[0] as string)

    room.startRename()
    await settle(element)
    const input = deep(room, '.rename input') as HTMLInputElement
    input.value = '   '
    input.form?.requestSubmit()
    await settle(element)

    expect(deep(room, '.field-error')?.textContent).to.contain('1 to 64 characters')
    expect(liveRooms(doc)[0]?.name).to.equal('Room 1')
  })

  it('deletes a room and sends its members back to the main room', async () => {
    const { doc, roomIds } = testSession({ rooms: 2 })
    assign(doc, 'p1', roomIds[0] as string)
    const element = await dashboard(clientFor(doc))
    const room = card(element, roomIds[0] as string)

    ;(deep(room, '.menu-button') as HTMLButtonElement).click()
    await settle(element)
    button(room, 'Delete room').click()
    await settle(element)

    expect(liveRooms(doc).map((r) => r.id)).to.deep.equal([roomIds[1]])
    expect(assignmentsOf(doc).has('p1')).to.equal(false)
    expect(names(deep(element, 'main-room-panel'))).to.include('Amara Okafor')
  })

  it('adds a room, and says why it cannot at the maximum', async () => {
    const { doc } = testSession({ rooms: 2, maxRooms: 3 })
    const element = await dashboard(clientFor(doc))
    const add = deep(element, '.add-room') as HTMLButtonElement

    add.click()
    await settle(element)
    expect(liveRooms(doc).map((r) => r.name)).to.deep.equal(['Room 1', 'Room 2', 'Room 3'])
    expect(add.disabled).to.equal(true)
    expect(add.title).to.contain('at most 3 rooms')
    expect(deep(element, '.toolbar-reason')?.textContent).to.contain('at most 3 rooms')
  })

  it('sets the time limit from its dialog', async () => {
    const { doc } = testSession({ rooms: 1 })
    const element = await dashboard(clientFor(doc))
    const chip = deep(element, '.time-limit') as HTMLButtonElement
    expect(chip.textContent).to.contain('10 min')

    chip.click()
    await settle(element)
    const dialog = deep(element, 'time-limit-dialog') as HTMLElement
    const minutes = deep(dialog, '#minutes') as HTMLInputElement
    minutes.value = '25'
    minutes.dispatchEvent(new Event('input', { bubbles: true }))
    await settle(element)
    button(dialog, 'Set time limit').click()
    await settle(element)

    expect(timeLimitOf(doc)).to.equal(25 * 60)
    expect((deep(element, '.time-limit') as HTMLElement).textContent).to.contain('25 min')
    expect(dialog.hasAttribute('open')).to.equal(false)
  })

  it('changes participants permissions from the settings menu', async () => {
    const { doc } = testSession({ rooms: 1 })
    const element = await dashboard(clientFor(doc))

    ;(deep(element, '.settings') as HTMLButtonElement).click()
    await settle(element)
    button(element, 'Change participants permissions').click()
    await settle(element)
    const dialog = deep(element, 'permissions-dialog') as HTMLElement
    const boxes = deepAll(dialog, 'input[type="checkbox"]') as HTMLInputElement[]
    expect(boxes).to.have.length(7)
    expect(boxes.every((box) => box.checked)).to.equal(true)
    ;(deep(dialog, 'input[name="shareScreen"]') as HTMLInputElement).click()
    await settle(element)

    expect(permissionOf(doc, 'shareScreen')).to.equal(false)
    expect((deep(dialog, 'input[name="shareScreen"]') as HTMLInputElement).checked)
      .to.equal(false)
  })

  it('creates and fills rooms from the setup window', async () => {
    const { doc } = testSession({ participants: 9 })
    const element = await dashboard(clientFor(doc), true)
    const setup = deep(element, 'breakout-setup') as HTMLElement
    expect(setup.hasAttribute('open')).to.equal(true)

    const count = deep(setup, '#count') as HTMLInputElement
    count.value = '3'
    count.dispatchEvent(new Event('input', { bubbles: true }))
    await settle(element)
    button(setup, 'Continue').click()
    await settle(element)

    const view = viewOf(doc)
    expect(view.rooms.map((room) => room.assignedCount)).to.deep.equal([3, 3, 3])
    expect(view.settings.mode).to.equal('auto')
    expect(setup.hasAttribute('open')).to.equal(false)
    expect(deepAll(element, 'room-card')).to.have.length(3)
  })

  it('sets up manual assignment without a time limit', async () => {
    const { doc } = testSession({ participants: 4 })
    const element = await dashboard(clientFor(doc), true)
    const setup = deep(element, 'breakout-setup') as HTMLElement

    ;(deepAll(setup, 'input[name="mode"]')[1] as HTMLInputElement).click()
    ;(deep(setup, '.limit input[type="checkbox"]') as HTMLInputElement).click()
    await settle(element)
    button(setup, 'Continue').click()
    await settle(element)

    expect(settingsOf(doc).get('mode')).to.equal('manual')
    expect(timeLimitOf(doc)).to.equal(null)
    expect(viewOf(doc).mainRoom.assignedCount).to.equal(4)
  })

  it('opens on the dashboard, not the setup window, when the session has rooms', async () => {
    const { doc } = testSession({ participants: 4, rooms: 2 })
    const element = await dashboard(clientFor(doc), true)
    expect(deep(element, 'breakout-setup')?.hasAttribute('open')).to.equal(false)
  })

  it('asks to keep or replace existing rooms when recreating them', async () => {
    const { doc, roomIds } = testSession({ participants: 4, rooms: 2 })
    assign(doc, 'p1', roomIds[0] as string)
    const element = await dashboard(clientFor(doc), true)
    await openRecreate(element)
    const setup = deep(element, 'breakout-setup') as HTMLElement
    expect(deep(setup, '.dialog-head p')?.textContent).to.contain('already has 2 breakout rooms')

    ;(deepAll(setup, '.choice')[1] as HTMLButtonElement).click()
    await settle(element)
    const count = deep(setup, '#count') as HTMLInputElement
    count.value = '4'
    count.dispatchEvent(new Event('input', { bubbles: true }))
    ;(deepAll(setup, 'input[name="mode"]')[1] as HTMLInputElement).click()
    await settle(element)
    button(setup, 'Continue').click()
    await settle(element)

    const rooms = liveRooms(doc)
    expect(rooms).to.have.length(4)
    expect(rooms.some((room) => room.id === roomIds[0])).to.equal(false)
    expect(assignmentsOf(doc).has('p1')).to.equal(false)
  })

  it('keeps the existing rooms when asked to', async () => {
    const { doc, roomIds } = testSession({ rooms: 2 })
    const element = await dashboard(clientFor(doc), true)
    await openRecreate(element)
    const setup = deep(element, 'breakout-setup') as HTMLElement
    expect(setup.hasAttribute('open')).to.equal(true)

    ;(deep(setup, '.choice') as HTMLButtonElement).click()
    await settle(element)

    expect(setup.hasAttribute('open')).to.equal(false)
    expect(liveRooms(doc).map((room) => room.id)).to.deep.equal(roomIds)
  })

  it('starts the rooms, counts down, extends and ends them', async () => {
    const { doc, roomIds } = testSession({ rooms: 2 })
    assign(doc, 'p1', roomIds[0] as string)
    const element = await dashboard(clientFor(doc))

    ;(deep(element, '.start') as HTMLButtonElement).click()
    await settle(element)
    expect(viewOf(doc).phase).to.equal('running')
    const countdown = deep(element, 'breakout-countdown') as HTMLElement
    expect(deep(countdown, '.time')?.textContent).to.match(/^(10:00|9:5\d)$/)

    ;(deep(element, '.extend') as HTMLButtonElement).click()
    await settle(element)
    const endsAt = viewOf(doc).endsAt as number
    button(element, '5 minutes').click()
    await settle(element)
    expect(viewOf(doc).endsAt).to.equal(endsAt + 5 * 60 * 1000)

    ;(deep(element, '.end') as HTMLButtonElement).click()
    await settle(element)
    expect(viewOf(doc).phase).to.equal('closed')
    expect(names(deep(element, 'main-room-panel'))).to.include('Amara Okafor')
    expect((deep(element, '.start') as HTMLButtonElement).textContent).to.contain('Start again')
  })

  it('still moves participants while rooms are open', async () => {
    const { doc, roomIds } = testSession({ rooms: 2 })
    startBreakout(doc, Date.now())
    const element = await dashboard(clientFor(doc))

    key(row(element, 'p2'), ' ')
    key(row(element, 'p2'), 'ArrowRight')
    key(row(element, 'p2'), 'Enter')
    await settle(element)

    expect(viewOf(doc).participants.p2?.roomId).to.equal(roomIds[0])
  })

  it('shows everyone in the main room once rooms have closed, with their next room', async () => {
    const { doc, roomIds } = testSession({ participants: 3, rooms: 1 })
    assign(doc, 'p1', roomIds[0] as string)
    startBreakout(doc, Date.now())
    endBreakout(doc, Date.now())
    const element = await dashboard(clientFor(doc))

    const panel = deep(element, 'main-room-panel') as HTMLElement
    expect(names(panel)).to.deep.equal(['Amara Okafor', 'Ben Carter', 'Chen Wei'])
    expect(deep(panel, '.note')?.textContent).to.equal('→ Room 1')
    expect(deep(card(element, roomIds[0] as string), '.planned-label')).to.exist
  })

  it('disables start while offline and says why', async () => {
    const { doc } = testSession({ rooms: 2 })
    const element = await dashboard(clientFor(doc, { status: 'offline' }))

    const start = deep(element, '.start') as HTMLButtonElement
    expect(start.disabled).to.equal(true)
    expect(start.title).to.contain('offline')
    expect(deep(element, '.toolbar-reason')?.textContent).to.contain('You are offline')
    expect(deep(element, '.notice.warning')?.textContent).to.contain(
      'will sync when you reconnect')
    expect(deep(deep(element, 'connection-status') as Element, '.pill')?.textContent)
      .to.contain('Offline')

    ;(deep(element, '.add-room') as HTMLButtonElement).click()
    await settle(element)
    expect(liveRooms(doc)).to.have.length(3)
  })

  it('marks and announces a change made by another moderator', async () => {
    const { doc, roomIds } = testSession({ rooms: 2 })
    const element = await dashboard(clientFor(doc))

    remoteEdit(doc, (replica) => {
      assign(replica, 'p5', roomIds[1] as string)
      renameRoom(replica, roomIds[0] as string, 'Breakfast club')
    })
    await settle(element)

    expect(row(element, 'p5').classList.contains('flash')).to.equal(true)
    expect(deep(card(element, roomIds[0] as string), '.card.flash')).to.exist
    const live = deep(element, '[aria-live="polite"]')?.textContent ?? ''
    expect(live).to.contain('Elias Berg was moved to Room 2')
    expect(live).to.contain('Room 1 was renamed to Breakfast club')
  })

  it('shows co-moderators and whom they are dragging', async () => {
    const { doc } = testSession({ rooms: 1 })
    const client = clientFor(doc)
    const element = await dashboard(client)

    const other = new Awareness(new Y.Doc())
    other.setLocalState({ user: { id: 'dana', name: 'Dana Scully', role: 'moderator',
      color: '#db2777' }, dragging: 'p2' })
    applyAwarenessUpdate(client.awareness, encodeAwarenessUpdate(other, [other.clientID]),
      'remote')
    await settle(element)

    const presence = deep(element, 'presence-list') as HTMLElement
    expect(deep(presence, '.avatars')?.getAttribute('aria-label')).to.contain('Dana Scully')
    expect(row(element, 'p2').classList.contains('remote-drag')).to.equal(true)
    expect(deep(row(element, 'p2'), '.peer-tag')?.textContent).to.equal('Dana Scully')
    other.destroy()
  })

  it('tells co-moderators whom this moderator is dragging', async () => {
    const { doc } = testSession({ rooms: 1 })
    const client = clientFor(doc)
    const element = await dashboard(client)

    row(element, 'p3').dispatchEvent(drag('dragstart', new DataTransfer()))
    expect(client.awareness.getLocalState()?.dragging).to.equal('p3')
    row(element, 'p3').dispatchEvent(drag('dragend', new DataTransfer()))
    expect(client.awareness.getLocalState()?.dragging).to.equal(null)
  })

  it('keeps the main room usable with 5,000 participants', async () => {
    const { doc } = testSession({ participants: 5000, rooms: 100, maxRooms: 100 })
    const started = performance.now()
    const element = await dashboard(clientFor(doc))
    const elapsed = performance.now() - started

    const panel = deep(element, 'main-room-panel') as HTMLElement
    expect(deepAll(panel, '.person')).to.have.length(100)
    expect(deep(panel, 'footer')?.textContent).to.contain('Showing 100 of 5,000')
    expect(deepAll(element, 'room-card')).to.have.length(100)
    expect(elapsed).to.be.below(5000)

    const filter = deep(panel, 'input[type="search"]') as HTMLInputElement
    filter.value = 'zoe martin 17'
    filter.dispatchEvent(new Event('input'))
    await settle(element)
    expect(names(panel)).to.deep.equal(['Zoe Martin 17'])
  })

  it('leaves unchanged room cards alone when one room changes', async () => {
    const { doc, roomIds } = testSession({ rooms: 3 })
    const element = await dashboard(clientFor(doc))
    const untouched = card(element, roomIds[2] as string)
    const before = untouched.room

    remoteEdit(doc, (replica) => assign(replica, 'p1', roomIds[0] as string))
    await settle(element)

    expect(untouched.room).to.equal(before)
    expect(card(element, roomIds[0] as string)).to.have.property('room').that.not.equal(before)
  })

  it('tells the moderator when the server refused this copy and it was reloaded', async () => {
    const { doc } = testSession({ rooms: 1 })
    const client = clientFor(doc)
    const element = await dashboard(client)

    client.notice = { kind: 'resynced', at: Date.now() }
    client.dispatchEvent(new Event('notice'))
    await settle(element)

    const notice = deep(element, '.notice.info')
    expect(notice?.textContent).to.contain('Your copy was reloaded from the server')
    ;(deep(notice as Element, 'button') as HTMLButtonElement).click()
    await settle(element)
    expect(deep(element, '.notice.info')).to.equal(null)
  })

  it('connects on its own from the server, session and token attributes', async () => {
    const element = await fixture<BreakoutDashboard>(html`<breakout-dashboard
      server="http://127.0.0.1:9" token="not-a-token"></breakout-dashboard>`)
    await settle(element)

    expect(deep(element, 'connection-status')?.getAttribute('status')).to.equal('refused')
    expect(deep(element, '.notice.error')?.textContent).to.contain('cannot be read')
  })
})

describe('<breakout-dashboard> broadcasts, help and closing', () => {
  it('broadcasts a message from the dialog and closes it once sent', async () => {
    const { doc } = testSession({ rooms: 2 })
    startBreakout(doc, Date.now())
    const element = await dashboard(clientFor(doc))

    button(element, 'Broadcast').click()
    await settle(element)
    const dialog = deep(element, 'broadcast-dialog') as HTMLElement
    expect(dialog.hasAttribute('open')).to.equal(true)
    const textarea = deep(dialog, 'textarea') as HTMLTextAreaElement
    textarea.value = '  Five minutes left  '
    textarea.dispatchEvent(new Event('input'))
    await settle(element)
    expect(deep(dialog, '.counter')?.textContent?.trim()).to.equal('17 / 500')
    ;(deep(dialog, '.send') as HTMLButtonElement).click()
    await settle(element)

    expect(viewOf(doc).messages.map(({ from, text }) => ({ from, text }))).to.deep.equal(
      [{ from: 'Host', text: 'Five minutes left' }])
    expect(dialog.hasAttribute('open')).to.equal(false)
  })

  it('refuses an empty broadcast in the dialog without sending it', async () => {
    const { doc } = testSession({ rooms: 1 })
    startBreakout(doc, Date.now())
    const element = await dashboard(clientFor(doc))

    button(element, 'Broadcast').click()
    await settle(element)
    const dialog = deep(element, 'broadcast-dialog') as HTMLElement
    ;(deep(dialog, '.send') as HTMLButtonElement).click()
    await settle(element)

    expect(deep(dialog, '.field-error')?.textContent).to.contain('1 to 500 characters')
    expect(viewOf(doc).messages).to.deep.equal([])
  })

  it('disables broadcasting while offline and says why', async () => {
    const { doc } = testSession({ rooms: 1 })
    startBreakout(doc, Date.now())
    const element = await dashboard(clientFor(doc, { status: 'offline' }))

    const broadcast = deep(element, '.broadcast') as HTMLButtonElement
    expect(broadcast.disabled).to.equal(true)
    expect(broadcast.title).to.contain('offline')
    expect(deep(element, '.toolbar-reason')?.textContent).to.contain('broadcasting')
  })

  it('shows a help request on the room\'s card and dismisses it with a command', async () => {
    const { doc, roomIds } = testSession({ rooms: 2 })
    assign(doc, 'p1', roomIds[1] as string)
    startBreakout(doc, Date.now())
    const element = await dashboard(clientFor(doc))
    expect(deep(element, '.help-badge')).to.equal(null)

    remoteEdit(doc, (replica) => askForHelp(replica, 'p1', Date.now()))
    await settle(element)
    const badge = deep(card(element, roomIds[1] as string), '.help-badge')
    expect(badge?.textContent).to.contain('Amara Okafor asks for help')
    expect(deep(card(element, roomIds[0] as string), '.help-badge')).to.equal(null)
    const spoken = deep(element, '[role="status"][aria-live="polite"]')?.textContent ?? ''
    expect(spoken).to.contain('Amara Okafor asks for help in Room 2')

    ;(deep(badge as Element, '.dismiss-help') as HTMLButtonElement).click()
    await settle(element)
    expect(viewOf(doc).helpRequests).to.deep.equal([])
    expect(deep(element, '.help-badge')).to.equal(null)
  })

  it('closes the rooms after 30 seconds from the End now menu', async () => {
    const { doc } = testSession({ rooms: 1 })
    startBreakout(doc, Date.now())
    const element = await dashboard(clientFor(doc))

    ;(deep(element, '.end-later') as HTMLButtonElement).click()
    await settle(element)
    const menu = deepAll(element, 'popup-menu').find((node) => node.hasAttribute('open'))
    expect(deepAll(menu as Element, '.item .label').map((node) => node.textContent))
      .to.deep.equal(['Close now', 'Close in 30 seconds', 'Close in 60 seconds'])
    ;(deep(menu as Element, '[data-id="30"]') as HTMLButtonElement).click()
    await settle(element)

    const view = viewOf(doc)
    expect(view.phase).to.equal('running')
    expect((view.endsAt as number) - Date.now()).to.be.within(28_000, 30_000)
  })
})
