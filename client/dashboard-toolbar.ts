/**
 * The dashboard's toolbar: the clock, the counts and the actions of the
 * current phase. A template of the dashboard rather than a component, since
 * it has no state of its own and its handlers are the dashboard's.
 *
 * Every disabled action says why, both as a tooltip and as visible text:
 * a greyed-out Start with no explanation is the commonest complaint about
 * meeting tools.
 */
import { html, nothing } from 'lit'
import type { Command, SessionView } from '../shared/index.js'
import type { ConnectionState } from './session-client.js'
import {
  iconChevronDown,
  iconClock,
  iconMegaphone,
  iconPlus,
  iconShuffle,
  iconUsers,
} from './icons.js'

export interface ToolbarState {
  readonly view: SessionView
  /** The server's clock. */
  readonly now: () => number
  readonly status: ConnectionState
  readonly busy: Command['type'] | null
  readonly extendOpen: boolean
  readonly endOpen: boolean
}

export interface ToolbarHandlers {
  onTimeLimit(): void
  onAddRoom(): void
  onStart(): void
  onEnd(): void
  onExtend(anchor: HTMLElement): void
  /** Opens the choice of closing now or after a grace period. */
  onEndLater(anchor: HTMLElement): void
  onBroadcast(): void
  onRecreate(): void
  onAssignRemaining(): void
}

const MODE_LABELS = {
  auto: 'Assigned automatically',
  manual: 'Assigned manually',
  choose: 'Participants choose',
} as const

export function renderToolbar(state: ToolbarState, handlers: ToolbarHandlers) {
  const { view } = state
  const running = view.phase === 'running'
  const participants = Object.keys(view.participants).length
  const atMax = view.rooms.length >= view.settings.maxRooms
  const addReason = atMax ?
    `This session allows at most ${view.settings.maxRooms} rooms.` : ''
  const commandReason = commandBlocker(state)
  const startReason = commandReason ??
    (view.rooms.length === 0 ? 'Create at least one room to start.' : null)
  const extendReason = commandReason
  const endBlocked = commandReason !== null || state.busy !== null
  const reasons = [running ? extendReason : startReason, addReason].filter(Boolean)
  return html`<div class="toolbar" part="toolbar">
    <div class="toolbar-left">
      ${running ? html`
        <span class="live-badge"><span class="live-dot" aria-hidden="true"></span>Open</span>
        <breakout-countdown class="countdown" .endsAt=${view.endsAt}
          .startedAt=${view.startedAt} .now=${state.now}></breakout-countdown>` : html`
        <button class="chip time-limit" @click=${handlers.onTimeLimit}
          aria-label=${`Time limit: ${limitText(view.settings.timeLimitSeconds)}. Change`}>
          ${iconClock()} ${limitText(view.settings.timeLimitSeconds)}</button>`}
      <span class="stat">${iconUsers()} ${participants.toLocaleString()}
        ${participants === 1 ? 'participant' : 'participants'}</span>
      <span class="stat">${view.rooms.length} of ${view.settings.maxRooms} rooms</span>
      <span class="stat mode">${MODE_LABELS[view.settings.mode]}</span>
    </div>
    <div class="toolbar-right">
      ${view.rooms.length > 0 && view.mainRoom.assignedCount > 0 ? html`<button
        class="button ghost" @click=${handlers.onAssignRemaining}
        title="Spread the people still in the main room over the rooms">
        ${iconShuffle()} Assign remaining</button>` : nothing}
      <button class="button add-room" ?disabled=${atMax} title=${addReason || 'Add a room'}
        @click=${handlers.onAddRoom}>${iconPlus()} Add room</button>
      ${running ? html`
        <button class="button broadcast" ?disabled=${commandReason !== null}
          title=${commandReason ?? 'Send a message to every room'}
          @click=${handlers.onBroadcast}>${iconMegaphone()} Broadcast</button>
        <button class="button extend" aria-haspopup="menu"
          aria-expanded=${String(state.extendOpen)}
          ?disabled=${extendReason !== null || state.busy !== null}
          title=${extendReason ?? (view.endsAt === null ? 'Set when the rooms close' :
            'Give the rooms more time')}
          @click=${(event: Event) => handlers.onExtend(event.currentTarget as HTMLElement)}>
          ${state.busy === 'extend' ? 'Extending…' :
            view.endsAt === null ? 'Set end' : 'Extend'}</button>
        <span class="split" role="group" aria-label="Close rooms">
          <button class="button danger solid end" ?disabled=${endBlocked}
            title=${commandReason ?? 'Close every room now'}
            @click=${handlers.onEnd}>${state.busy === 'end' ? 'Ending…' : 'End now'}</button>
          <button class="button danger solid icon end-later" aria-haspopup="menu"
            aria-expanded=${String(state.endOpen)} aria-label="Close rooms after a countdown"
            title=${commandReason ?? 'Close rooms after a countdown'}
            ?disabled=${endBlocked}
            @click=${(event: Event) => handlers.onEndLater(event.currentTarget as HTMLElement)}>
            ${iconChevronDown()}</button></span>` :
      html`
        ${view.phase === 'closed' ? html`<button class="button recreate"
          @click=${handlers.onRecreate}>Recreate rooms</button>` : nothing}
        <button class="button primary start" part="primary-button"
          ?disabled=${startReason !== null || state.busy !== null}
          title=${startReason ?? 'Open the rooms and send participants to them'}
          aria-describedby="toolbar-reason" @click=${handlers.onStart}>
          ${state.busy === 'start' ? 'Starting…' :
            view.phase === 'closed' ? 'Start again' : 'Start breakout rooms'}</button>`}
    </div>
  </div>
  <p class="toolbar-reason" id="toolbar-reason" ?hidden=${reasons.length === 0}>
    ${reasons.join(' ')}</p>`
}

/** Why commands cannot be sent now, or null when they can. */
function commandBlocker(state: ToolbarState): string | null {
  switch (state.status) {
    case 'connected': return null
    case 'offline':
      return 'You are offline: starting, ending, extending and broadcasting need the server.'
    case 'refused': return 'Not connected to the server.'
    case 'connecting':
    case 'syncing': return 'Waiting for the server…'
  }
}

function limitText(seconds: number | null): string {
  if (seconds === null) return 'No time limit'
  const minutes = seconds / 60
  if (Number.isInteger(minutes)) return `${minutes} min`
  return `${Math.floor(minutes)} min ${seconds % 60} s`
}
