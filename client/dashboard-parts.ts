/**
 * Pieces of the dashboard that need none of its state: the notices, the
 * empty board, the menus' contents, and the sentences it shows and announces.
 * Kept apart so the dashboard itself reads as wiring: view in, events out.
 */
import { html, nothing } from 'lit'
import type { Command, HelpRequestView, ParticipantView, RoomView, SessionView } from
  '../shared/index.js'
import type { ConnectionState, Refusal, SessionClient } from './session-client.js'
import type { MenuItem } from './popup-menu.js'
import type { Peer } from './presence.js'
import { iconAlert, iconDoor, iconPlus, iconX } from './icons.js'

export type OpenMenu =
  | { readonly kind: 'move'; readonly participantId: string; readonly anchor: HTMLElement }
  | { readonly kind: 'settings' | 'extend' | 'end'; readonly anchor: HTMLElement }

const EXTEND_MINUTES = [1, 5, 10, 15]
/** Grace periods offered when closing: time to finish a sentence, or a thought. */
export const CLOSE_GRACE_SECONDS = [30, 60]
const NO_IDS: ReadonlySet<string> = new Set()
const NO_PEERS: ReadonlyMap<string, Peer> = new Map()

export function renderNotices(status: ConnectionState, refusal: Refusal | null,
  client: SessionClient | null) {
  return html`
    ${status === 'offline' ? html`<div class="notice warning" part="notice" role="status">
      ${iconAlert()}<span><strong>You're offline.</strong> Changes to rooms and assignments are
      kept on this device and will sync when you reconnect. Starting, ending, extending
      rooms and broadcasting need a connection.</span></div>` : nothing}
    ${refusal ? html`<div class="notice error" part="notice" role="alert">
      ${iconAlert()}<span><strong>Not connected.</strong> ${refusal.message}</span></div>` :
      nothing}
    ${client?.notice?.kind === 'resynced' ? html`<div class="notice info" part="notice"
        role="alert">
      ${iconAlert()}<span><strong>Your copy was reloaded from the server.</strong> The server
      could not accept some changes made on this device, so they were dropped and the session
      was loaded again.</span>
      <button class="button ghost icon" aria-label="Dismiss"
        @click=${() => client.dismissNotice()}>${iconX()}</button></div>` : nothing}`
}

/** Once rooms close, says where everyone is and what can happen next. */
export function renderClosedNotice(view: SessionView) {
  if (view.phase !== 'closed') return nothing
  const at = view.closedAt === null ? '' : ` at ${new Date(view.closedAt).toLocaleTimeString([],
    { hour: '2-digit', minute: '2-digit' })}`
  return html`<div class="notice info" part="notice" role="status">
    ${iconDoor()}<span><strong>Rooms closed${at}.</strong> Everyone is back in the main room.
    Start again to reuse these rooms and assignments for another round, or recreate them.
    </span></div>`
}

export function renderCommandError(message: string, onDismiss: () => void) {
  if (!message) return nothing
  return html`<div class="notice error" part="notice" role="alert">
    ${iconAlert()}<span>${message}</span>
    <button class="button ghost icon" aria-label="Dismiss" @click=${onDismiss}>${iconX()}
    </button></div>`
}

export function renderNoRooms(loading: boolean, onCreate: () => void) {
  if (loading) {
    return html`<div class="no-rooms" aria-busy="true">
      <span class="spinner" aria-hidden="true"></span>
      <h3>Loading the session…</h3>
      <p>Rooms and assignments appear as soon as the server has sent them.</p>
    </div>`
  }
  return html`<div class="no-rooms">
    <span class="logo large" aria-hidden="true">${iconDoor(28)}</span>
    <h3>No breakout rooms yet</h3>
    <p>Create rooms, then assign participants to them.</p>
    <button class="button primary" @click=${onCreate}>${iconPlus()} Create breakout rooms
    </button>
  </div>`
}

export function menuHeading(menu: OpenMenu | null, view: SessionView): string {
  switch (menu?.kind) {
    case 'move': return `Move ${view.participants[menu.participantId]?.name ?? ''} to`
    case 'extend': return view.endsAt === null ? 'Close rooms in' : 'Extend by'
    case 'settings': return 'Settings'
    case 'end': return 'Close rooms'
    case undefined: return ''
  }
}

export function menuItems(menu: OpenMenu | null, view: SessionView): MenuItem[] {
  switch (menu?.kind) {
    case 'move': {
      const current = view.participants[menu.participantId]?.assignedRoomId ?? null
      return [
        { id: '', label: 'Main room', detail: String(view.mainRoom.assignedCount),
          checked: current === null },
        ...view.rooms.map((room) => ({ id: room.id, label: room.name,
          detail: String(room.assignedCount), checked: current === room.id })),
      ]
    }
    case 'extend':
      return EXTEND_MINUTES.map((minutes) => ({ id: String(minutes * 60),
        label: `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}` }))
    case 'end':
      return [
        { id: '0', label: 'Close now', danger: true },
        ...CLOSE_GRACE_SECONDS.map((seconds) => ({ id: String(seconds),
          label: `Close in ${seconds} seconds`, detail: clockText(seconds) })),
      ]
    case 'settings':
      return [
        { id: 'permissions', label: 'Change participants permissions' },
        { id: 'time-limit', label: 'Room time limit…' },
        { id: 'recreate', label: 'Recreate rooms…' },
      ]
    case undefined:
      return []
  }
}

export function phaseText(view: SessionView): string {
  switch (view.phase) {
    case 'setup': return 'Set up rooms, then open them'
    case 'running': return `Rooms are open · round ${view.round}`
    case 'closed': return 'Rooms are closed · everyone is back in the main room'
  }
}

export function commandDone(command: Command): string {
  switch (command.type) {
    case 'start': return 'Breakout rooms are open.'
    case 'end': return command.graceSeconds ?
      `Rooms close in ${command.graceSeconds} seconds.` :
      'Breakout rooms are closed. Everyone is back in the main room.'
    case 'extend': return `Rooms extended by ${command.seconds / 60} minutes.`
    case 'choose-room': return 'Room chosen.'
    case 'broadcast': return 'Message sent to every room.'
    case 'ask-help': return 'Help requested.'
    case 'dismiss-help': return 'Help request dismissed.'
  }
}

/** 90 as "1:30", the way the countdowns show time. */
export function clockText(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
}

export function count(people: number): string {
  return people === 1 ? '1 participant' : `${people.toLocaleString()} participants`
}

/**
 * The ids of one list that are in `ids`. A list with none gets the same
 * empty set every time, so its component sees no change and skips a render.
 */
export function idsIn(people: readonly ParticipantView[], ids: ReadonlySet<string>,
  room?: RoomView): ReadonlySet<string> {
  if (ids.size === 0) return NO_IDS
  const found = people.filter((p) => ids.has(p.id)).map((p) => p.id)
  if (room && ids.has(room.id)) found.push(room.id)
  return found.length > 0 ? new Set(found) : NO_IDS
}

/** The drags by other moderators within one list; the shared empty map when none. */
export function peersIn(people: readonly ParticipantView[],
  dragging: ReadonlyMap<string, Peer>): ReadonlyMap<string, Peer> {
  if (dragging.size === 0) return NO_PEERS
  const found = people.filter((p) => dragging.has(p.id))
  return found.length > 0 ? new Map(found.map((p) => [p.id, dragging.get(p.id) as Peer])) :
    NO_PEERS
}

const NO_HELP: readonly HelpRequestView[] = Object.freeze([])

/** The help requests from one room; the shared empty list when none, as with `idsIn`. */
export function helpIn(requests: readonly HelpRequestView[], roomId: string):
  readonly HelpRequestView[] {
  if (requests.length === 0) return NO_HELP
  const found = requests.filter((request) => request.roomId === roomId)
  return found.length > 0 ? found : NO_HELP
}

export function grabbedIn(people: readonly ParticipantView[], grabbed: string | null):
  string | null {
  return grabbed !== null && people.some((p) => p.id === grabbed) ? grabbed : null
}
