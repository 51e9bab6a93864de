import { expect, fixture, html, oneEvent } from '@open-wc/testing'
import * as Y from 'yjs'
import {
  assign,
  endBreakout,
  postMessage,
  scheduleEnd,
  setAssignmentMode,
  setPermission,
  startBreakout,
  viewOf,
} from '../shared/index.js'
import './breakout-participant.js'
import type { BreakoutParticipant, RoomChangeDetail } from './breakout-participant.js'
import type { SessionClient } from './session-client.js'
import { clientFor, deep, deepAll, remoteEdit, settle, testSession } from './test-helpers.js'

async function participantView(client: SessionClient): Promise<BreakoutParticipant> {
  const element = await fixture<BreakoutParticipant>(html`<breakout-participant
    .client=${client}></breakout-participant>`)
  await settle(element)
  return element
}

function amara(doc: Y.Doc, status?: 'offline'): SessionClient {
  return clientFor(doc, { id: 'p1', name: 'Amara Okafor', role: 'participant', status })
}

describe('<breakout-participant>', () => {
  it('shows the main room and the permissions before rooms open', async () => {
    const { doc } = testSession({ rooms: 2 })
    setPermission(doc, 'recording', false)
    const element = await participantView(amara(doc))

    expect(deep(element, '.place')?.textContent).to.equal('the main room')
    expect(deep(element, '.detail')?.textContent).to.contain('have not opened yet')
    const denied = deepAll(element, '.perm.denied').map((node) => node.textContent?.trim())
    expect(denied).to.have.length(1)
    expect(denied[0]).to.contain('Recording')
    expect(deepAll(element, '.perm')).to.have.length(7)
  })

  it('shows the room and the time left once rooms open', async () => {
    const { doc, roomIds } = testSession({ rooms: 2 })
    assign(doc, 'p1', roomIds[1] as string)
    assign(doc, 'p2', roomIds[1] as string)
    startBreakout(doc, Date.now())
    const element = await participantView(amara(doc))

    expect(deep(element, '.place')?.textContent).to.equal('Room 2')
    expect(deep(element, '.detail')?.textContent).to.contain('1 other participant')
    const time = deep(deep(element, 'breakout-countdown') as Element, '.time')
    expect(time?.textContent).to.match(/^(10:00|9:5\d)$/)
    expect(deep(element, '.warning')).to.equal(null)
  })

  it('warns clearly in the last minute', async () => {
    const { doc, roomIds } = testSession({ rooms: 1 })
    assign(doc, 'p1', roomIds[0] as string)
    startBreakout(doc, Date.now() - 570_000)
    const element = await participantView(amara(doc))

    expect(deep(element, '.warning')?.textContent).to.contain('less than a minute')
    expect(deep(element, 'breakout-countdown')?.hasAttribute('warning')).to.equal(true)
  })

  it('fires breakout-room-change when rooms open and close', async () => {
    const { doc, roomIds } = testSession({ rooms: 2 })
    assign(doc, 'p1', roomIds[0] as string)
    const element = await participantView(amara(doc))

    const opened = oneEvent(element, 'breakout-room-change')
    remoteEdit(doc, (replica) => startBreakout(replica, Date.now()))
    const openEvent = (await opened) as CustomEvent<RoomChangeDetail>
    expect(openEvent.detail).to.deep.equal({
      roomId: roomIds[0], roomName: 'Room 1', previousRoomId: null,
    })
    expect(openEvent.bubbles && openEvent.composed).to.equal(true)

    const closed = oneEvent(element, 'breakout-room-change')
    remoteEdit(doc, (replica) => endBreakout(replica, Date.now()))
    const closeEvent = (await closed) as CustomEvent<RoomChangeDetail>
    expect(closeEvent.detail).to.deep.equal({
      roomId: null, roomName: 'Main room', previousRoomId: roomIds[0],
    })
  })

  it('fires breakout-room-change when a moderator moves them', async () => {
    const { doc, roomIds } = testSession({ rooms: 2 })
    assign(doc, 'p1', roomIds[0] as string)
    startBreakout(doc, Date.now())
    const element = await participantView(amara(doc))

    const moved = oneEvent(element, 'breakout-room-change')
    remoteEdit(doc, (replica) => assign(replica, 'p1', roomIds[1] as string))
    const event = (await moved) as CustomEvent<RoomChangeDetail>
    expect(event.detail).to.deep.equal({
      roomId: roomIds[1], roomName: 'Room 2', previousRoomId: roomIds[0],
    })
  })

  it('joins a room through the choose-room command, never by writing', async () => {
    const { doc, roomIds } = testSession({ rooms: 3 })
    setAssignmentMode(doc, 'choose')
    startBreakout(doc, Date.now())
    const origins: unknown[] = []
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      origins.push(transaction.origin)
    })
    const element = await participantView(amara(doc))

    const joins = deepAll(element, '.join') as HTMLButtonElement[]
    expect(joins).to.have.length(3)
    const changed = oneEvent(element, 'breakout-room-change')
    joins[2]?.click()
    await changed
    await settle(element)

    expect(viewOf(doc).participants.p1?.roomId).to.equal(roomIds[2])
    expect(origins.every((origin) => origin === 'server')).to.equal(true)
    expect(deep(element, '.place')?.textContent).to.equal('Room 3')
    expect(deep(element, '.room.current .here')?.textContent?.trim()).to.equal('You are here')
  })

  it('hides the room list when choosing is not permitted', async () => {
    const { doc } = testSession({ rooms: 2 })
    setAssignmentMode(doc, 'manual')
    setPermission(doc, 'chooseRoom', false)
    startBreakout(doc, Date.now())
    const element = await participantView(amara(doc))

    expect(deep(element, '.rooms')).to.equal(null)
    expect(deep(element, '.detail')?.textContent).to.contain('host will move you')
  })

  it('disables joining while offline and says why', async () => {
    const { doc } = testSession({ rooms: 2 })
    setAssignmentMode(doc, 'choose')
    const element = await participantView(amara(doc, 'offline'))

    const joins = deepAll(element, '.join') as HTMLButtonElement[]
    expect(joins.every((button) => button.disabled)).to.equal(true)
    expect(deep(element, '.reason')?.textContent).to.contain('offline')
  })
})

describe('<breakout-participant> messages and help', () => {
  it('shows the latest broadcast with its sender until dismissed, and a newer one again',
    async () => {
      const { doc } = testSession({ rooms: 1 })
      const element = await participantView(amara(doc))
      expect(deep(element, '.broadcast')).to.equal(null)

      remoteEdit(doc, (replica) => {
        postMessage(replica, { kind: 'broadcast', from: 'Host', text: 'Hello', at: 1 })
        postMessage(replica, { kind: 'broadcast', from: 'Ada', text: 'Wrap up now', at: 2 })
      })
      await settle(element)
      expect(deep(element, '.broadcast .from')?.textContent).to.equal('Message from Ada')
      expect(deep(element, '.broadcast .text')?.textContent).to.equal('Wrap up now')

      ;(deep(element, '.dismiss-broadcast') as HTMLButtonElement).click()
      await settle(element)
      expect(deep(element, '.broadcast')).to.equal(null)

      remoteEdit(doc, (replica) => {
        postMessage(replica, { kind: 'broadcast', from: 'Ada', text: 'Back in 1 minute', at: 3 })
      })
      await settle(element)
      expect(deep(element, '.broadcast .text')?.textContent).to.equal('Back in 1 minute')
    })

  it('asks for help from a room through the command, then says it was asked', async () => {
    const { doc, roomIds } = testSession({ rooms: 2 })
    assign(doc, 'p1', roomIds[0] as string)
    startBreakout(doc, Date.now())
    const element = await participantView(amara(doc))

    const help = deep(element, '.help') as HTMLButtonElement
    expect(help.textContent?.trim()).to.equal('Ask for help')
    help.click()
    await settle(element)

    expect(viewOf(doc).helpRequests.map((request) => request.participantId)).to.deep.equal(['p1'])
    expect(deep(element, '.help')?.textContent?.trim()).to.equal('Help requested')
    expect(deep(element, '.help')?.getAttribute('aria-disabled')).to.equal('true')
  })

  it('offers help only in a room while rooms are open', async () => {
    const { doc, roomIds } = testSession({ rooms: 2 })
    const element = await participantView(amara(doc))
    expect(deep(element, '.help')).to.equal(null)

    remoteEdit(doc, (replica) => startBreakout(replica, Date.now()))
    await settle(element)
    expect(deep(element, '.help')).to.equal(null)

    remoteEdit(doc, (replica) => assign(replica, 'p1', roomIds[1] as string))
    await settle(element)
    expect(deep(element, '.help')).to.not.equal(null)
  })

  it('reads the countdown as "Rooms close in 0:30" when the host closes with a grace',
    async () => {
      const { doc, roomIds } = testSession({ rooms: 1 })
      assign(doc, 'p1', roomIds[0] as string)
      startBreakout(doc, Date.now())
      scheduleEnd(doc, Date.now() + 30_000)
      const element = await participantView(amara(doc))

      const timer = deep(element, '.timer') as HTMLElement
      const countdown = deep(timer, 'breakout-countdown') as HTMLElement
      expect(deep(timer, '.timer-label')?.textContent).to.equal('Rooms close in')
      expect(deep(countdown, '.time')?.textContent).to.match(/^0:(30|29)$/)
      expect(deep(countdown, '.label')).to.equal(null)
    })
})
