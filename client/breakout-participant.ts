import { LitElement, css, html, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { repeat } from 'lit/directives/repeat.js'
import {
  PERMISSIONS,
  PERMISSION_LABELS,
  type MessageView,
  type ParticipantView,
  type RoomView,
  type SessionView,
} from '../shared/index.js'
import { SessionClient } from './session-client.js'
import { SessionController } from './session-controller.js'
import { WARNING_MS } from './breakout-countdown.js'
import { controls, tokens } from './theme.js'
import {
  iconAlert,
  iconCheck,
  iconDoor,
  iconHand,
  iconHome,
  iconLock,
  iconMegaphone,
  iconX,
} from './icons.js'
import { initials } from './person-row.js'
import { colorOf } from './presence.js'
import './breakout-countdown.js'
import './connection-status.js'

export interface RoomChangeDetail {
  /** The room the participant is in now, null for the main room. */
  readonly roomId: string | null
  /** Its name; "Main room" for the main room. */
  readonly roomName: string
  readonly previousRoomId: string | null
}

/**
 * What a participant sees: where they are, how long is left, the rooms they
 * may join, and what they may do. It never writes the session (participants
 * sync read-only); joining a room is a command the server checks.
 *
 * The host platform moves audio and video, so this element tells it when the
 * participant's room changes, including when rooms open and close.
 *
 * @fires breakout-room-change - detail `{ roomId, roomName, previousRoomId }`; bubbles, composed
 * @csspart card - the main card
 * @csspart room-list - the list of rooms to join
 * @csspart join-button - each Join button
 * @csspart broadcast - the banner with the latest message from a moderator
 * @csspart help-button - Ask for help, while in a room
 * @cssprop --breakout-accent - buttons and highlights
 * @cssprop --breakout-danger - the last-minute warning
 */
@customElement('breakout-participant')
export class BreakoutParticipant extends LitElement {
  static override styles = [tokens, controls, css`
    :host { display: block; }
    .card {
      max-width: 560px; margin: 0 auto; background: var(--_surface);
      border: 1px solid var(--_border); border-radius: calc(var(--_radius) + 4px);
      box-shadow: var(--_shadow); overflow: hidden;
    }
    .top {
      display: flex; align-items: center; justify-content: space-between; gap: 12px;
      padding: 14px 18px; border-bottom: 1px solid var(--_border);
    }
    .who { display: flex; align-items: center; gap: 10px; font-weight: 600; }
    .hero { padding: 28px 24px 24px; text-align: center; }
    .hero .icon {
      display: inline-grid; place-items: center; width: 56px; height: 56px;
      border-radius: 16px; background: var(--_accent-soft); color: var(--_accent);
    }
    .eyebrow { margin: 14px 0 2px; color: var(--_muted); font-size: 13px; font-weight: 550; }
    .place { margin: 0; font-size: 28px; font-weight: 700; letter-spacing: -0.02em; }
    .detail { margin: 8px auto 0; max-width: 400px; color: var(--_muted); }
    .timer {
      display: inline-flex; align-items: center; gap: 8px; margin-top: 16px; padding: 8px 16px;
      border-radius: 999px; background: var(--_surface-muted); border: 1px solid var(--_border);
    }
    .timer breakout-countdown { font-size: 22px; }
    .warning {
      display: flex; align-items: center; justify-content: center; gap: 8px; margin: 16px 0 0;
      padding: 10px 14px; border-radius: var(--_radius); background: var(--_danger-soft);
      color: var(--_danger); font-weight: 600;
    }
    section { padding: 18px 24px; border-top: 1px solid var(--_border); }
    h3 {
      margin: 0 0 10px; font-size: 12px; font-weight: 650; letter-spacing: 0.05em;
      text-transform: uppercase; color: var(--_muted);
    }
    .rooms { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; }
    .room {
      display: flex; align-items: center; gap: 12px; padding: 10px 12px;
      border: 1px solid var(--_border); border-radius: var(--_radius-small);
    }
    .room.current { border-color: var(--_accent); background: var(--_accent-soft); }
    .room-name { flex: 1; font-weight: 600; min-width: 0; overflow: hidden;
      text-overflow: ellipsis; white-space: nowrap; }
    .room-count { color: var(--_muted); font-size: 13px; white-space: nowrap; }
    .here { color: var(--_accent); font-weight: 650; font-size: 13px; }
    .leave { margin-top: 10px; }
    .perms { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px 16px;
      grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); }
    .perm { display: flex; align-items: center; gap: 8px; font-size: 13.5px; }
    .perm svg { color: var(--_success); }
    .perm.denied { color: var(--_muted); }
    .perm.denied svg { color: var(--_muted); }
    .error, .notice {
      margin: 0 24px 16px; padding: 10px 12px; border-radius: var(--_radius);
      font-size: 13.5px;
    }
    .error { background: var(--_danger-soft); color: #7f1d1d; }
    .notice { background: var(--_warning-soft); color: #78350f; }
    .reason { margin: 10px 0 0; color: var(--_muted); font-size: 13px; }
    .timer-label { color: var(--_muted); font-weight: 550; }
    .broadcast {
      display: flex; align-items: flex-start; gap: 12px; margin: 16px 18px 0;
      padding: 12px 8px 12px 14px; border-radius: var(--_radius);
      background: var(--_accent-soft); border: 1px solid #c7d2fe; color: #312e81;
      animation: arrive 240ms ease-out;
    }
    .broadcast .badge {
      display: inline-grid; place-items: center; flex: none; width: 32px; height: 32px;
      border-radius: 10px; background: var(--_accent); color: var(--_on-accent);
    }
    .broadcast .body { flex: 1; min-width: 0; }
    .broadcast .from { margin: 0; font-size: 12.5px; font-weight: 650; color: var(--_accent); }
    .broadcast .text {
      margin: 2px 0 0; font-size: 15px; font-weight: 550; white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .broadcast .button { color: #312e81; }
    @keyframes arrive { from { opacity: 0; transform: translateY(-6px); } }
    .help-row { margin-top: 18px; }
    .button.help.asked {
      border-color: #fcd34d; background: var(--_warning-soft); color: #78350f; opacity: 1;
      cursor: default;
    }
    @media (prefers-reduced-motion: reduce) { .broadcast { animation: none; } }
  `]

  @property() server = ''
  @property() session = ''
  @property() token = ''
  @property({ attribute: false }) client: SessionClient | null = null

  @state() private busy = false
  @state() private error = ''
  @state() private announcement = ''
  /** The broadcast this person closed; a newer one shows again. */
  @state() private dismissedBroadcast: string | null = null
  private ownClient: SessionClient | null = null
  private lastRoomId: string | null = null

  private readonly sessionState = new SessionController(this, () => this.client ?? this.ownClient)

  override connectedCallback(): void {
    super.connectedCallback()
    // Moved in the page: the client was closed on the way out, so open a new one.
    if (this.hasUpdated && !this.ownClient) {
      this.connectOwnClient()
      this.requestUpdate()
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.ownClient?.destroy()
    this.ownClient = null
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('server') || changed.has('session') || changed.has('token') ||
      changed.has('client')) this.connectOwnClient()
  }

  protected override updated(): void {
    const me = this.me()
    const roomId = me?.roomId ?? null
    if (roomId === this.lastRoomId) return
    const previousRoomId = this.lastRoomId
    this.lastRoomId = roomId
    const roomName = roomId === null ? 'Main room' :
      this.sessionState.view.rooms.find((room) => room.id === roomId)?.name ?? 'Main room'
    this.dispatchEvent(new CustomEvent<RoomChangeDetail>('breakout-room-change', {
      detail: { roomId, roomName, previousRoomId }, bubbles: true, composed: true,
    }))
  }

  override render() {
    const view = this.sessionState.view
    const me = this.me()
    const user = (this.client ?? this.ownClient)?.user
    return html`<article class="card" part="card">
      <header class="top">
        <span class="who">${user ? html`<span class="avatar"
          style="background: ${colorOf(user.id)}" aria-hidden="true">${initials(user.name)}</span>
          ${user.name}` : nothing}</span>
        <connection-status .status=${this.sessionState.status}></connection-status>
      </header>
      ${this.sessionState.refusal ? html`<p class="error" role="alert" style="margin-top: 16px">
        ${this.sessionState.refusal.message}</p>` : nothing}
      ${this.renderBroadcast(view)}
      ${this.renderHero(view, me)}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.canChoose(view) ? this.renderRooms(view, me) : nothing}
      <section aria-labelledby="perms-title">
        <h3 id="perms-title">In breakout rooms you can</h3>
        <ul class="perms">
          ${PERMISSIONS.map((key) => html`<li
              class="perm ${view.permissions[key] ? '' : 'denied'}">
            ${view.permissions[key] ? iconCheck() : iconLock()}
            <span>${PERMISSION_LABELS[key]}<span class="visually-hidden">:
              ${view.permissions[key] ? 'allowed' : 'not allowed'}</span></span></li>`)}
        </ul>
      </section>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    </article>`
  }

  private renderHero(view: SessionView, me: ParticipantView | undefined) {
    const room = me?.roomId ? view.rooms.find((r) => r.id === me.roomId) : undefined
    const left = view.endsAt === null ? null : view.endsAt - this.sessionState.now()
    const lastMinute = view.phase === 'running' && left !== null && left <= WARNING_MS
    let eyebrow = 'You are in'
    let place = 'the main room'
    let detail = ''
    if (!me) {
      eyebrow = 'Welcome'
      place = 'Joining the session…'
      detail = 'You will appear here as soon as the host\'s meeting knows you are connected.'
    } else if (view.phase === 'setup') {
      detail = 'Breakout rooms have not opened yet. Your host is setting them up.'
    } else if (view.phase === 'closed') {
      detail = 'Breakout rooms have closed. Everyone is back in the main room.'
    } else if (room) {
      place = room.name
      detail = `With ${othersText(room.members.length - 1)}.`
    } else {
      detail = this.canChoose(view) ? 'Breakout rooms are open. Choose a room to join below.' :
        'Breakout rooms are open. Your host will move you to a room.'
    }
    return html`<div class="hero">
      <span class="icon" aria-hidden="true">${room ? iconDoor(26) : iconHome(26)}</span>
      <p class="eyebrow">${eyebrow}</p>
      <h2 class="place">${place}</h2>
      ${detail ? html`<p class="detail">${detail}</p>` : nothing}
      ${view.phase === 'running' && view.endsAt !== null ? html`<div class="timer">
        <span class="timer-label">Rooms close in</span>
        <breakout-countdown .endsAt=${view.endsAt} .startedAt=${view.startedAt} label=""
          .now=${() => this.sessionState.now()} @countdown-warning=${this.onWarning}>
        </breakout-countdown></div>` : nothing}
      ${lastMinute ? html`<p class="warning" role="alert">${iconAlert()}
        You return to the main room in less than a minute.</p>` : nothing}
      ${view.phase === 'running' && room && me ? this.renderHelp(view, me) : nothing}
    </div>`
  }

  private renderBroadcast(view: SessionView) {
    const latest = latestBroadcast(view.messages)
    if (!latest || latest.id === this.dismissedBroadcast) return nothing
    return html`<div class="broadcast" part="broadcast" role="status">
      <span class="badge" aria-hidden="true">${iconMegaphone(18)}</span>
      <div class="body">
        <p class="from">Message from ${latest.from}</p>
        <p class="text">${latest.text}</p>
      </div>
      <button class="button ghost icon dismiss-broadcast" aria-label="Dismiss message"
        title="Dismiss" @click=${() => { this.dismissedBroadcast = latest.id }}>
        ${iconX()}</button>
    </div>`
  }

  private renderHelp(view: SessionView, me: ParticipantView) {
    const asked = view.helpRequests.some((request) => request.participantId === me.id)
    const offline = this.sessionState.status !== 'connected'
    if (asked) {
      return html`<div class="help-row"><button class="button help asked" part="help-button"
        aria-disabled="true">${iconCheck()} Help requested</button>
        <p class="reason">Your host can see your request.</p></div>`
    }
    return html`<div class="help-row"><button class="button help" part="help-button"
        ?disabled=${offline || this.busy} title=${offline ? 'You are offline' : ''}
        @click=${this.askForHelp}>${iconHand()} Ask for help</button>
      ${offline ? html`<p class="reason">You are offline: asking for help needs a connection.
        </p>` : nothing}</div>`
  }

  private renderRooms(view: SessionView, me: ParticipantView | undefined) {
    const current = me?.assignedRoomId ?? null
    const offline = this.sessionState.status !== 'connected'
    const running = view.phase === 'running'
    return html`<section aria-labelledby="rooms-title">
      <h3 id="rooms-title">${running ? 'Choose a room' : 'Choose a room for when rooms open'}</h3>
      <ul class="rooms" part="room-list">
        ${repeat(view.rooms, (room) => room.id, (room) => html`<li
            class="room ${room.id === current ? 'current' : ''}">
          <span class="room-name">${room.name}</span>
          <span class="room-count">${countText(running ? room.count : room.assignedCount)}</span>
          ${room.id === current ? html`<span class="here">${running ? 'You are here' : 'Your room'}
            </span>` : html`<button class="button small primary join" part="join-button"
            ?disabled=${offline || this.busy} title=${offline ? 'You are offline' : ''}
            aria-label=${`Join ${room.name}`}
            @click=${() => this.choose(room)}>Join</button>`}
        </li>`)}
      </ul>
      ${current !== null ? html`<button class="button leave" ?disabled=${offline || this.busy}
        @click=${() => this.choose(null)}>${iconHome()}
        ${running ? 'Go back to the main room' : 'Stay in the main room'}</button>` :
        nothing}
      ${offline ? html`<p class="reason">You are offline: joining a room needs a connection.</p>` :
        nothing}
    </section>`
  }

  private me(): ParticipantView | undefined {
    const client = this.client ?? this.ownClient
    return client ? this.sessionState.view.participants[client.user.id] : undefined
  }

  private canChoose(view: SessionView): boolean {
    return view.phase !== 'closed' && view.rooms.length > 0 &&
      (view.settings.mode === 'choose' || view.permissions.chooseRoom)
  }

  private async choose(room: RoomView | null): Promise<void> {
    const client = this.client ?? this.ownClient
    if (!client || this.busy) return
    this.busy = true
    this.error = ''
    const result = await client.send({ type: 'choose-room', roomId: room?.id ?? null })
    this.busy = false
    if (!result.ok) this.error = result.message
    else this.announcement = room ? `You chose ${room.name}.` : 'You went back to the main room.'
  }

  private askForHelp = async (): Promise<void> => {
    const client = this.client ?? this.ownClient
    if (!client || this.busy) return
    this.busy = true
    this.error = ''
    const result = await client.send({ type: 'ask-help' })
    this.busy = false
    if (!result.ok) this.error = result.message
    else this.announcement = 'Help requested. A host will join your room.'
  }

  private onWarning = (): void => {
    this.announcement = 'Rooms close in less than a minute.'
    this.requestUpdate()
  }

  private connectOwnClient(): void {
    this.ownClient?.destroy()
    this.ownClient = null
    if (this.client || !this.server || !this.token) return
    this.ownClient = new SessionClient({
      server: this.server, token: this.token, session: this.session || undefined,
    })
  }
}

function latestBroadcast(messages: readonly MessageView[]): MessageView | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i] as MessageView
    if (message.kind === 'broadcast') return message
  }
  return undefined
}

function countText(count: number): string {
  return count === 1 ? '1 person' : `${count} people`
}

function othersText(count: number): string {
  if (count <= 0) return 'nobody else yet'
  return count === 1 ? '1 other participant' : `${count} other participants`
}

declare global {
  interface HTMLElementTagNameMap {
    'breakout-participant': BreakoutParticipant
  }
}
