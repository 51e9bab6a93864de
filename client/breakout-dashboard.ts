import { LitElement, html, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { repeat } from 'lit/directives/repeat.js'
import { SessionClient } from './session-client.js'
import { SessionController } from './session-controller.js'
import { DragController, type Target } from './drag-controller.js'
import { DashboardActions } from './dashboard-actions.js'
import type { MenuSelectDetail } from './popup-menu.js'
import type { SetupCreateDetail } from './breakout-setup.js'
import type { TimeLimitDetail } from './time-limit-dialog.js'
import type { BroadcastSendDetail } from './broadcast-dialog.js'
import { dashboardStyles } from './dashboard-styles.js'
import { renderToolbar, type ToolbarState } from './dashboard-toolbar.js'
import {
  count,
  grabbedIn,
  idsIn,
  menuHeading,
  menuItems,
  peersIn,
  helpIn,
  phaseText,
  renderClosedNotice,
  renderCommandError,
  renderNoRooms,
  renderNotices,
  type OpenMenu,
} from './dashboard-parts.js'
import { iconDoor, iconGear } from './icons.js'
import './room-card.js'
import './main-room-panel.js'
import './popup-menu.js'
import './breakout-setup.js'
import './time-limit-dialog.js'
import './permissions-dialog.js'
import './broadcast-dialog.js'
import './connection-status.js'
import './presence-list.js'
import './breakout-countdown.js'

/**
 * The moderator's dashboard for one breakout session: set rooms up, move
 * people between them (mouse, touch or keyboard), open and close the rooms,
 * together with co-moderators in real time.
 *
 * Give it `server`, `session` and `token`, or a ready `client` (tests, or a
 * page that shares one client between components). Everything shown is
 * derived from the session document; plan edits are written to it directly,
 * and start, end and extend go to the server as commands.
 *
 * @fires breakout-command - after a command succeeds; detail `{ command }`
 * @csspart shell - the whole dashboard surface
 * @csspart header - title, presence, connection and settings
 * @csspart toolbar - time, counts and the main actions
 * @csspart notice - messages about the connection
 * @csspart main-room - the main room panel
 * @csspart main-room-header - its title, count and filter
 * @csspart filter - the main room's filter box
 * @csspart room - each room card's element
 * @csspart room-card - each room card's surface
 * @csspart room-header - each room card's name, count and menu button
 * @csspart person - each participant row, in rooms and the main room
 * @csspart primary-button - Start breakout rooms
 * @cssprop --breakout-accent - buttons, focus rings, drop highlights
 * @cssprop --breakout-background - behind the cards
 * @cssprop --breakout-surface - cards and panels
 * @cssprop --breakout-text - text
 * @cssprop --breakout-muted - secondary text
 * @cssprop --breakout-border - lines around cards and controls
 * @cssprop --breakout-radius - corner radius of cards
 * @cssprop --breakout-font - the font stack
 * @cssprop --breakout-flash - the mark on a change made by another moderator
 */
@customElement('breakout-dashboard')
export class BreakoutDashboard extends LitElement {
  static override styles = dashboardStyles

  /** The server's origin, e.g. `https://rooms.example.org`. */
  @property() server = ''
  /** The session id; defaults to the session the token names. */
  @property() session = ''
  @property() token = ''
  /** A client to use instead of connecting with the attributes. */
  @property({ attribute: false }) client: SessionClient | null = null
  /** Open on the dashboard rather than the setup window. */
  @property({ type: Boolean, attribute: 'skip-setup' }) skipSetup = false

  @state() private setupOpen = false
  @state() private timeLimitOpen = false
  @state() private permissionsOpen = false
  @state() private broadcastOpen = false
  @state() private broadcastError = ''
  @state() private menu: OpenMenu | null = null
  @state() private announcement = ''
  private ownClient: SessionClient | null = null
  private setupDecided = false

  private readonly sessionState = new SessionController(this, () => this.activeClient(), {
    announce: (message) => this.announce(message),
  })

  private readonly actions = new DashboardActions(this, {
    client: () => this.activeClient(),
    session: this.sessionState,
    announce: (message) => this.announce(message),
  })

  private readonly drag = new DragController(this, {
    roomOf: (id) => {
      const person = this.sessionState.view.participants[id]
      return person ? person.assignedRoomId : undefined
    },
    targets: () => [null, ...this.sessionState.view.rooms.map((room) => room.id)],
    describeTarget: (target) => this.describeTarget(target),
    nameOf: (id) => this.sessionState.view.participants[id]?.name ?? 'Participant',
    move: (id, target, refocus) => this.actions.move(id, target, refocus),
    setDragging: (id) => this.activeClient()?.setDragging(id),
    announce: (message) => this.announce(message),
    openMoveMenu: (id, anchor) => { this.menu = { kind: 'move', participantId: id, anchor } },
  })

  override connectedCallback(): void {
    super.connectedCallback()
    this.renderRoot.addEventListener('click', this.onRootClick as EventListener)
    // Moved in the page: the client was closed on the way out, so open a new one.
    if (this.hasUpdated && !this.ownClient) {
      this.connectOwnClient()
      this.requestUpdate()
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.renderRoot.removeEventListener('click', this.onRootClick as EventListener)
    this.ownClient?.destroy()
    this.ownClient = null
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('server') || changed.has('session') || changed.has('token') ||
      changed.has('client')) this.connectOwnClient()
    this.decideSetup()
    this.announceNewHelp()
  }

  /** Help requests already told to screen readers, so each is announced once. */
  private announcedHelp = new Set<string>()

  private announceNewHelp(): void {
    const { helpRequests, rooms } = this.sessionState.view
    const current = new Set<string>()
    for (const request of helpRequests) {
      const key = `${request.participantId}@${request.at}`
      current.add(key)
      if (this.announcedHelp.has(key)) continue
      const room = rooms.find(({ id }) => id === request.roomId)?.name ?? 'a room'
      this.announce(`${request.name} asks for help in ${room}.`)
    }
    this.announcedHelp = current
  }

  override render() {
    const view = this.sessionState.view
    const status = this.sessionState.status
    const { flashing, draggingBy: dragging } = this.sessionState
    // Before rooms open the panel shows the plan; after, who is actually in the main room.
    const main = view.phase === 'setup' ? view.mainRoom.assigned : view.mainRoom.members
    return html`<div class="shell" part="shell">
      <header class="top" part="header">
        <div class="brand">
          <span class="logo" aria-hidden="true">${iconDoor(20)}</span>
          <div>
            <h2>Breakout rooms</h2>
            <p class="subtitle">${phaseText(view)}</p>
          </div>
        </div>
        <div class="top-actions">
          <presence-list .peers=${this.sessionState.peers}></presence-list>
          <connection-status .status=${status}></connection-status>
          <button class="button ghost icon settings" aria-haspopup="menu"
            aria-expanded=${String(this.menu?.kind === 'settings')} aria-label="Settings"
            title="Settings" @click=${this.onSettingsButton}>${iconGear()}</button>
        </div>
      </header>
      ${renderNotices(status, this.sessionState.refusal, this.activeClient())}
      ${renderClosedNotice(view)}
      ${renderToolbar(this.toolbarState(), {
        onTimeLimit: () => { this.timeLimitOpen = true },
        onAddRoom: this.actions.onAddRoom,
        onStart: () => void this.actions.send({ type: 'start' }),
        onEnd: () => void this.actions.send({ type: 'end' }),
        onExtend: (anchor) => { this.menu = { kind: 'extend', anchor } },
        onEndLater: (anchor) => { this.menu = { kind: 'end', anchor } },
        onBroadcast: () => {
          this.broadcastOpen = true
          this.broadcastError = ''
        },
        onRecreate: this.onOpenSetup,
        onAssignRemaining: this.actions.onAssignRemaining,
      })}
      ${renderCommandError(this.actions.error, () => this.actions.clearError())}
      <div class="board">
        <main-room-panel part="main-room" data-drop-main ?drop-over=${this.drag.isOver(null)}
          exportparts="header: main-room-header, filter, person"
          .people=${main} .phase=${view.phase} .roomNames=${this.roomNames()}
          .flashing=${idsIn(main, flashing)} .draggingBy=${peersIn(main, dragging)}
          .grabbedId=${grabbedIn(main, this.drag.grabbed)}></main-room-panel>
        ${view.rooms.length === 0 ? renderNoRooms(this.loading(), this.onOpenSetup) : html`<div
            class="rooms" role="list" aria-label="Breakout rooms">
          ${repeat(view.rooms, (room) => room.id, (room) => html`<room-card role="listitem"
            part="room" data-drop-room=${room.id} ?drop-over=${this.drag.isOver(room.id)}
            exportparts="card: room-card, header: room-header, person"
            .room=${room} .phase=${view.phase}
            .flashing=${idsIn(room.assigned, flashing, room)}
            .draggingBy=${peersIn(room.assigned, dragging)}
            .grabbedId=${grabbedIn(room.assigned, this.drag.grabbed)}
            .helpRequests=${helpIn(view.helpRequests, room.id)}
            .dismissBlocked=${status === 'connected' ? '' : 'Dismissing needs a connection.'}
            @help-dismiss=${this.actions.onHelpDismiss} @room-rename=${this.actions.onRoomRename}
            @room-delete=${this.actions.onRoomDelete}></room-card>`)}
        </div>`}
      </div>
      <div class="drag-ghost" aria-hidden="true" hidden></div>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    </div>
    <breakout-setup ?open=${this.setupOpen} .existingRooms=${view.rooms.length}
      .maxRooms=${view.settings.maxRooms}
      .participantCount=${Object.keys(view.participants).length}
      .mode=${view.settings.mode} .timeLimitSeconds=${view.settings.timeLimitSeconds}
      @setup-keep=${() => { this.setupOpen = false }}
      @setup-cancel=${() => { this.setupOpen = false }}
      @setup-create=${this.onSetupCreate}></breakout-setup>
    <time-limit-dialog ?open=${this.timeLimitOpen} .seconds=${view.settings.timeLimitSeconds}
      @time-limit-set=${this.onTimeLimitSet}
      @dialog-close=${() => { this.timeLimitOpen = false }}></time-limit-dialog>
    <permissions-dialog ?open=${this.permissionsOpen} .permissions=${view.permissions}
      @permission-change=${this.actions.onPermissionChange}
      @dialog-close=${() => { this.permissionsOpen = false }}></permissions-dialog>
    <broadcast-dialog ?open=${this.broadcastOpen} ?busy=${this.actions.busy === 'broadcast'}
      .blocked=${broadcastBlocker(status)} .error=${this.broadcastError}
      @broadcast-send=${this.onBroadcastSend}
      @dialog-close=${() => { this.broadcastOpen = false }}></broadcast-dialog>
    <popup-menu ?open=${this.menu !== null} .anchor=${this.menu?.anchor ?? null}
      .items=${menuItems(this.menu, view)} heading=${menuHeading(this.menu, view)}
      @menu-select=${this.onMenuSelect} @menu-close=${() => { this.menu = null }}></popup-menu>
`
  }

  private toolbarState(): ToolbarState {
    const view = this.sessionState.view
    return {
      view,
      now: () => this.sessionState.now(),
      status: this.sessionState.status,
      busy: this.actions.busy,
      extendOpen: this.menu?.kind === 'extend',
      endOpen: this.menu?.kind === 'end',
    }
  }

  /**
   * Opens the setup window once, when the session is first known and has no
   * rooms yet. A session that has rooms opens on the dashboard: a co-moderator
   * joining, or anyone reloading, must not be asked whether to replace a plan
   * others are working on ("Recreate rooms" asks that on purpose).
   */
  private decideSetup(): void {
    const client = this.activeClient()
    if (this.setupDecided || !client) return
    const known = client.hasSynced || client.status === 'offline' || client.status === 'refused'
    if (!known) return
    this.setupDecided = true
    this.sessionState.refresh()
    const { phase, rooms } = this.sessionState.view
    if (!this.skipSetup && phase === 'setup' && rooms.length === 0) this.setupOpen = true
  }

  /** Still waiting for the first copy of the session, and not for lack of a network. */
  private loading(): boolean {
    const client = this.activeClient()
    const status = this.sessionState.status
    return !!client && !client.hasSynced && (status === 'connecting' || status === 'syncing')
  }

  private activeClient(): SessionClient | null {
    return this.client ?? this.ownClient
  }

  private connectOwnClient(): void {
    this.ownClient?.destroy()
    this.ownClient = null
    this.setupDecided = false
    if (this.client || !this.isConnected || !this.server || !this.token) return
    this.ownClient = new SessionClient({
      server: this.server, token: this.token, session: this.session || undefined,
    })
  }

  private announce(message: string): void {
    // A repeated sentence is only read again if the region's text changes.
    this.announcement = this.announcement === message ? `${message}\u00a0` : message
  }

  private describeTarget(target: Target): string {
    const view = this.sessionState.view
    if (target === null) return `Main room, ${count(view.mainRoom.assignedCount)}`
    const room = view.rooms.find((r) => r.id === target)
    return room ? `${room.name}, ${count(room.assignedCount)}` : 'Main room'
  }

  private roomNames(): ReadonlyMap<string, string> {
    return new Map(this.sessionState.view.rooms.map((room) => [room.id, room.name]))
  }

  private onMenuSelect = (event: CustomEvent<MenuSelectDetail>): void => {
    const menu = this.menu
    const id = event.detail.id
    this.menu = null
    if (!menu) return
    if (menu.kind === 'move') {
      const target = id === '' ? null : id
      const current = this.sessionState.view.participants[menu.participantId]?.assignedRoomId
      if (current !== target) this.actions.move(menu.participantId, target, true)
      else menu.anchor.focus()
    } else if (menu.kind === 'extend') {
      void this.actions.send({ type: 'extend', seconds: Number(id) })
    } else if (menu.kind === 'end') {
      const graceSeconds = Number(id)
      void this.actions.send(graceSeconds > 0 ? { type: 'end', graceSeconds } : { type: 'end' })
    } else if (id === 'permissions') {
      this.permissionsOpen = true
    } else if (id === 'time-limit') {
      this.timeLimitOpen = true
    } else if (id === 'recreate') {
      this.setupOpen = true
    }
  }

  private onRootClick = (event: MouseEvent): void => {
    for (const node of event.composedPath()) {
      if (node instanceof HTMLElement && node.dataset.move !== undefined) {
        const row = node.closest<HTMLElement>('[data-participant-id]') ?? node
        this.menu = { kind: 'move', participantId: node.dataset.move, anchor: row }
        return
      }
    }
  }

  private onOpenSetup = (): void => {
    this.setupOpen = true
  }

  private onSettingsButton = (event: Event): void => {
    this.menu = this.menu?.kind === 'settings' ? null :
      { kind: 'settings', anchor: event.currentTarget as HTMLElement }
  }

  private onSetupCreate = (event: CustomEvent<SetupCreateDetail>): void => {
    if (this.actions.setUpRooms(event.detail)) this.setupOpen = false
  }

  private onTimeLimitSet = (event: CustomEvent<TimeLimitDetail>): void => {
    if (this.actions.changeTimeLimit(event.detail.seconds)) this.timeLimitOpen = false
  }

  private onBroadcastSend = async (event: CustomEvent<BroadcastSendDetail>): Promise<void> => {
    this.broadcastError = ''
    const sent = await this.actions.send({ type: 'broadcast', text: event.detail.text })
    if (sent) {
      this.broadcastOpen = false
      return
    }
    // Shown in the dialog, where the moderator is looking, with their text kept.
    this.broadcastError = this.actions.error
    this.actions.clearError()
  }
}

function broadcastBlocker(status: SessionClient['status']): string {
  switch (status) {
    case 'connected': return ''
    case 'offline': return 'You are offline: a broadcast needs the server. Your text is kept.'
    case 'refused': return 'Not connected to the server.'
    case 'connecting':
    case 'syncing': return 'Waiting for the server…'
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'breakout-dashboard': BreakoutDashboard
  }
}
