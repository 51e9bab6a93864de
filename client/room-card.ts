import { LitElement, css, html, nothing, type PropertyValues } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { repeat } from 'lit/directives/repeat.js'
import {
  MAX_ROOM_NAME_LENGTH,
  checkRoomName,
  type HelpRequestView,
  type ParticipantView,
  type Phase,
  type RoomView,
} from '../shared/index.js'
import type { Peer } from './presence.js'
import { controls, tokens } from './theme.js'
import { moveRowFocus, personRow, personRowStyles } from './person-row.js'
import { iconHand, iconMore, iconPencil, iconTrash, iconX } from './icons.js'
import type { MenuItem, MenuSelectDetail } from './popup-menu.js'
import './popup-menu.js'

const NO_IDS: ReadonlySet<string> = new Set()
const NO_PEERS: ReadonlyMap<string, Peer> = new Map()
const NO_HELP: readonly HelpRequestView[] = []
/** Rows shown before "Show all": a room of 300 stays one screen tall. */
const COLLAPSED_ROWS = 24

export interface RoomRenameDetail {
  readonly roomId: string
  readonly name: string
}

export interface RoomDetail {
  readonly roomId: string
}

export interface HelpDismissDetail {
  readonly participantId: string
}

/**
 * One breakout room on the dashboard: its name, its people and its menu
 * (rename in place, delete). It renders the room it is given and changes
 * nothing itself: every edit is an event the dashboard carries out.
 *
 * Outside the running phase the card lists who the plan puts in the room;
 * once rooms have closed, those people are back in the main room, so the list
 * is marked as the plan for the next round.
 *
 * @fires room-rename - detail `{ roomId, name }`, a valid new name
 * @fires room-delete - detail `{ roomId }`
 * @fires help-dismiss - detail `{ participantId }`, to answer a help request
 * @csspart card - the card surface
 * @csspart header - the name, count and menu button
 * @csspart person - each participant row
 * @csspart help - each "asks for help" badge
 * @cssprop --breakout-accent - the drop highlight and focus ring
 * @cssprop --breakout-warning - help requests
 */
@customElement('room-card')
export class RoomCard extends LitElement {
  static override styles = [tokens, controls, personRowStyles, css`
    :host { display: block; }
    .card {
      display: flex; flex-direction: column; height: 100%; min-height: 150px;
      background: var(--_surface); border: 1px solid var(--_border);
      border-radius: var(--_radius); box-shadow: var(--_shadow);
      transition: border-color 120ms, box-shadow 120ms, background 120ms;
    }
    :host([drop-over]) .card {
      border-color: var(--_accent); background: var(--_accent-soft);
      box-shadow: 0 0 0 3px rgb(79 70 229 / 18%);
    }
    .card.flash { animation: card-flash 2s ease-out; }
    @keyframes card-flash {
      0%, 30% { box-shadow: 0 0 0 3px var(--_flash); border-color: #f59e0b; }
    }
    header {
      display: flex; align-items: center; gap: 8px; padding: 10px 8px 8px 14px;
      border-bottom: 1px solid var(--_border);
    }
    h3 {
      flex: 1; min-width: 0; margin: 0; font-size: 15px; font-weight: 650;
      overflow: hidden; text-overflow: ellipsis; white-space: nowrap;
    }
    .count {
      display: inline-grid; place-items: center; min-width: 24px; height: 22px; padding: 0 7px;
      border-radius: 999px; background: var(--_surface-muted); border: 1px solid var(--_border);
      color: var(--_muted); font-size: 12px; font-weight: 600; font-variant-numeric: tabular-nums;
    }
    .rename { flex: 1; display: grid; gap: 4px; }
    .rename input { width: 100%; min-height: 30px; font-weight: 600; }
    .body { flex: 1; padding: 6px; }
    .empty {
      display: grid; place-items: center; height: 100%; min-height: 84px; margin: 2px;
      border: 1.5px dashed var(--_border); border-radius: var(--_radius-small);
      color: var(--_muted); font-size: 13px; text-align: center; padding: 8px;
    }
    :host([drop-over]) .empty { border-color: var(--_accent); color: var(--_accent); }
    .planned-label {
      margin: 4px 8px 2px; font-size: 11px; font-weight: 600; letter-spacing: 0.04em;
      text-transform: uppercase; color: var(--_muted);
    }
    .planned .person .name { color: var(--_muted); }
    .more { margin: 4px 6px 2px; }
    .card.helping { border-color: #fcd34d; box-shadow: 0 0 0 3px rgb(251 191 36 / 22%); }
    .help { list-style: none; margin: 0; padding: 6px 6px 0; display: grid; gap: 4px; }
    .help-badge {
      display: flex; align-items: center; gap: 8px; padding: 4px 4px 4px 10px;
      border-radius: var(--_radius-small); background: var(--_warning-soft);
      border: 1px solid #fcd34d; color: #78350f; font-size: 13px; font-weight: 600;
    }
    .help-badge svg { flex: none; color: var(--_warning); }
    .help-text { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis;
      white-space: nowrap; }
    .help-badge .button { color: #78350f; width: 26px; min-height: 26px; }
    .help-badge .button:hover:not(:disabled) { background: rgb(180 83 9 / 12%); }
  `]

  @property({ attribute: false }) room!: RoomView
  @property() phase: Phase = 'setup'
  /** Ids changed by another moderator a moment ago. */
  @property({ attribute: false }) flashing: ReadonlySet<string> = NO_IDS
  @property({ attribute: false }) draggingBy: ReadonlyMap<string, Peer> = NO_PEERS
  /** The participant picked up with the keyboard, when they are in this room. */
  @property({ attribute: false }) grabbedId: string | null = null
  /** Open help requests from this room, oldest first. */
  @property({ attribute: false }) helpRequests: readonly HelpRequestView[] = NO_HELP
  /** Why a help request cannot be dismissed now, or empty when it can. */
  @property() dismissBlocked = ''

  @state() private renaming = false
  @state() private renameError = ''
  @state() private menuOpen = false
  @state() private expanded = false
  @query('.rename input') private renameInput?: HTMLInputElement
  @query('.menu-button') private menuButton?: HTMLButtonElement

  /** Opens the name for editing, as the menu's Rename does. */
  startRename(): void {
    this.renaming = true
    this.renameError = ''
    this.menuOpen = false
  }

  override render() {
    const room = this.room
    const people = this.people()
    const planned = this.phase === 'closed'
    const shown = this.expanded ? people : people.slice(0, COLLAPSED_ROWS)
    const focusId = people.some((p) => p.id === this.grabbedId) ? this.grabbedId : shown[0]?.id
    const helping = this.helpRequests.length > 0
    return html`<section class="card ${this.flashing.has(room.id) ? 'flash' : ''}
        ${helping ? 'helping' : ''}" part="card"
        aria-label=${`${room.name}, ${countText(people.length)}${helping ? ', help asked' : ''}`}>
      <header part="header">
        ${this.renaming ? this.renderRename() : html`
          <h3 title=${room.name} @dblclick=${this.startRename}>${room.name}</h3>
          <span class="count" title=${countText(people.length)}
            aria-hidden="true">${people.length}</span>
          <button class="button ghost icon menu-button" aria-haspopup="menu"
            aria-expanded=${String(this.menuOpen)} aria-label=${`Options for ${room.name}`}
            @click=${this.onMenuButton}>${iconMore()}</button>`}
      </header>
      ${helping ? this.renderHelp() : nothing}
      <div class="body ${planned ? 'planned' : ''}">
        ${people.length === 0 ? html`<div class="empty">Drag participants here</div>` : html`
          ${planned ? html`<p class="planned-label">Next round</p>` : nothing}
          <ul class="people" role="list" @keydown=${this.onListKeyDown}>
            ${repeat(shown, (person) => person.id, (person) => personRow(person, {
              focusable: person.id === focusId,
              flashing: this.flashing.has(person.id),
              grabbed: person.id === this.grabbedId,
              draggedBy: this.draggingBy.get(person.id),
            }))}
          </ul>
          ${people.length > COLLAPSED_ROWS ? html`<button class="button ghost small more"
            @click=${() => { this.expanded = !this.expanded }}>
            ${this.expanded ? 'Show fewer' : `Show all ${people.length}`}</button>` : nothing}`}
      </div>
      <p id="drag-help" hidden>Press Space to pick up, then arrow keys to choose a room and Space
        to drop. Press Enter for the Move to menu.</p>
      <popup-menu .anchor=${this.menuButton ?? null} ?open=${this.menuOpen}
        label=${`Options for ${room.name}`} .items=${this.menuItems()}
        @menu-select=${this.onMenuSelect} @menu-close=${() => { this.menuOpen = false }}>
      </popup-menu>
    </section>`
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('renaming') && this.renaming) {
      this.renameInput?.focus()
      this.renameInput?.select()
    }
  }

  private renderHelp() {
    return html`<ul class="help" aria-label="Help requests">
      ${repeat(this.helpRequests, (request) => request.participantId, (request) => html`<li
          class="help-badge" part="help">
        ${iconHand()}<span class="help-text" title=${`${request.name} asks for help`}>
          ${request.name} asks for help</span>
        <button class="button ghost icon dismiss-help" ?disabled=${this.dismissBlocked !== ''}
          aria-label=${`Dismiss ${request.name}'s help request`}
          title=${this.dismissBlocked || 'Dismiss'}
          @click=${() => this.fire<HelpDismissDetail>('help-dismiss',
            { participantId: request.participantId })}>${iconX(14)}</button>
      </li>`)}
    </ul>`
  }

  private renderRename() {
    return html`<form class="rename" @submit=${this.onRenameSubmit}>
      <input type="text" .value=${this.room.name} maxlength=${MAX_ROOM_NAME_LENGTH}
        aria-label="Room name" aria-invalid=${String(this.renameError !== '')}
        aria-describedby="rename-error"
        @keydown=${this.onRenameKeyDown} @blur=${this.onRenameBlur}>
      ${this.renameError ?
        html`<p class="field-error" id="rename-error">${this.renameError}</p>` : nothing}
    </form>`
  }

  private people(): readonly ParticipantView[] {
    return this.phase === 'running' ? this.room.members : this.room.assigned
  }

  private menuItems(): MenuItem[] {
    return [
      { id: 'rename', label: 'Rename', icon: iconPencil() },
      { id: 'delete', label: 'Delete room', icon: iconTrash(), danger: true },
    ]
  }

  private onMenuButton = (): void => {
    this.menuOpen = !this.menuOpen
  }

  private onMenuSelect = (event: CustomEvent<MenuSelectDetail>): void => {
    event.stopPropagation()
    this.menuOpen = false
    if (event.detail.id === 'rename') this.startRename()
    else this.fire<RoomDetail>('room-delete', { roomId: this.room.id })
  }

  private onRenameSubmit = (event: Event): void => {
    event.preventDefault()
    this.commitRename()
  }

  private onRenameKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return
    event.preventDefault()
    event.stopPropagation()
    this.renaming = false
    void this.updateComplete.then(() => this.menuButton?.focus())
  }

  private onRenameBlur = (): void => {
    if (this.renaming) this.commitRename()
  }

  private commitRename(): void {
    const name = this.renameInput?.value ?? ''
    const invalid = checkRoomName(name)
    if (invalid) {
      this.renameError = `A room name needs 1 to ${MAX_ROOM_NAME_LENGTH} characters.`
      return
    }
    this.renaming = false
    if (name.trim() !== this.room.name) {
      this.fire<RoomRenameDetail>('room-rename', { roomId: this.room.id, name: name.trim() })
    }
    void this.updateComplete.then(() => this.menuButton?.focus())
  }

  private onListKeyDown = (event: KeyboardEvent): void => {
    if (this.grabbedId) return
    moveRowFocus(event, event.currentTarget as HTMLElement)
  }

  private fire<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }))
  }
}

function countText(count: number): string {
  return count === 1 ? '1 participant' : `${count} participants`
}

declare global {
  interface HTMLElementTagNameMap {
    'room-card': RoomCard
  }
}
