import { LitElement, css, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { repeat } from 'lit/directives/repeat.js'
import type { ParticipantView, Phase } from '../shared/index.js'
import type { Peer } from './presence.js'
import { controls, tokens } from './theme.js'
import { moveRowFocus, personRow, personRowStyles } from './person-row.js'
import { iconHome, iconSearch } from './icons.js'

const NO_IDS: ReadonlySet<string> = new Set()
const NO_PEERS: ReadonlyMap<string, Peer> = new Map()
const NO_NAMES: ReadonlyMap<string, string> = new Map()
/**
 * Rows rendered per page. A session may hold 5,000 participants; rendering
 * them all would cost seconds, and nobody scrolls through 5,000 names when a
 * filter box finds one in a keystroke.
 */
export const PAGE_ROWS = 100

/**
 * The main room: everyone not in a breakout room. It is a drop target like a
 * room (dropping here takes a participant out of their room), with a filter
 * box and pages so that it stays quick with thousands of names.
 *
 * @csspart panel - the panel surface
 * @csspart header - the title and count
 * @csspart filter - the filter box
 * @csspart person - each participant row
 */
@customElement('main-room-panel')
export class MainRoomPanel extends LitElement {
  static override styles = [tokens, controls, personRowStyles, css`
    :host { display: block; }
    .panel {
      display: flex; flex-direction: column; max-height: inherit; height: 100%;
      background: var(--_surface); border: 1px solid var(--_border);
      border-radius: var(--_radius); box-shadow: var(--_shadow);
      transition: border-color 120ms, box-shadow 120ms, background 120ms;
    }
    :host([drop-over]) .panel {
      border-color: var(--_accent); background: var(--_accent-soft);
      box-shadow: 0 0 0 3px rgb(79 70 229 / 18%);
    }
    header { padding: 14px 14px 10px; border-bottom: 1px solid var(--_border); }
    .title { display: flex; align-items: center; gap: 8px; }
    .title svg { color: var(--_muted); }
    h3 { flex: 1; margin: 0; font-size: 15px; font-weight: 650; }
    .count {
      display: inline-grid; place-items: center; min-width: 24px; height: 22px; padding: 0 7px;
      border-radius: 999px; background: var(--_accent-soft); color: var(--_accent);
      font-size: 12px; font-weight: 650; font-variant-numeric: tabular-nums;
    }
    .subtitle { margin: 4px 0 0; color: var(--_muted); font-size: 13px; }
    .filter { position: relative; display: block; margin-top: 10px; }
    .filter svg { position: absolute; left: 10px; top: 10px; color: var(--_muted); }
    .filter input { width: 100%; padding-left: 32px; }
    .list { flex: 1 1 auto; min-height: 0; overflow-y: auto; padding: 6px; }
    .empty {
      display: grid; place-items: center; min-height: 100px; margin: 2px; padding: 12px;
      border: 1.5px dashed var(--_border); border-radius: var(--_radius-small);
      color: var(--_muted); font-size: 13px; text-align: center;
    }
    :host([drop-over]) .empty { border-color: var(--_accent); color: var(--_accent); }
    footer {
      display: flex; align-items: center; justify-content: space-between; gap: 8px;
      padding: 8px 14px; border-top: 1px solid var(--_border); color: var(--_muted);
      font-size: 12px;
    }
  `]

  /** The participants in the main room, by name. */
  @property({ attribute: false }) people: readonly ParticipantView[] = []
  @property() phase: Phase = 'setup'
  /** Room names by id, to show each person's planned room once rooms have closed. */
  @property({ attribute: false }) roomNames: ReadonlyMap<string, string> = NO_NAMES
  @property({ attribute: false }) flashing: ReadonlySet<string> = NO_IDS
  @property({ attribute: false }) draggingBy: ReadonlyMap<string, Peer> = NO_PEERS
  @property({ attribute: false }) grabbedId: string | null = null

  @state() private filter = ''
  @state() private limit = PAGE_ROWS
  private filtered: { people: readonly ParticipantView[]; filter: string;
    result: readonly ParticipantView[] } | null = null

  override render() {
    const matches = this.filteredPeople()
    const shown = matches.slice(0, this.limit)
    const grabbedHere = this.grabbedId !== null && shown.some((p) => p.id === this.grabbedId)
    const focusId = grabbedHere ? this.grabbedId : shown[0]?.id
    return html`<section class="panel" part="panel" aria-labelledby="title">
      <header part="header">
        <div class="title">
          ${iconHome(18)}
          <h3 id="title">Main room</h3>
          <span class="count" aria-label=${`${this.people.length} participants`}>
            ${this.people.length.toLocaleString()}</span>
        </div>
        <p class="subtitle">${this.subtitle()}</p>
        ${this.people.length > 8 || this.filter ? html`<label class="filter" part="filter">
          ${iconSearch()}
          <span class="visually-hidden">Filter participants in the main room</span>
          <input type="search" placeholder="Find a participant" .value=${this.filter}
            @input=${this.onFilterInput}>
        </label>` : nothing}
      </header>
      <div class="list">
        ${shown.length === 0 ? html`<div class="empty">${this.emptyText()}</div>` : html`
          <ul class="people" role="list" @keydown=${this.onListKeyDown}>
            ${repeat(shown, (person) => person.id, (person) => personRow(person, {
              focusable: person.id === focusId,
              flashing: this.flashing.has(person.id),
              grabbed: person.id === this.grabbedId,
              draggedBy: this.draggingBy.get(person.id),
              note: this.noteFor(person),
            }))}
          </ul>`}
      </div>
      ${matches.length > PAGE_ROWS ? html`<footer>
        <span>Showing ${shown.length.toLocaleString()} of ${matches.length.toLocaleString()}</span>
        ${shown.length < matches.length ? html`<button class="button small"
          @click=${() => { this.limit += PAGE_ROWS }}>Show ${Math.min(PAGE_ROWS,
            matches.length - shown.length)} more</button>` : nothing}
      </footer>` : nothing}
      <p id="drag-help" hidden>Press Space to pick up, then arrow keys to choose a room and Space
        to drop. Press Enter for the Move to menu.</p>
    </section>`
  }

  private filteredPeople(): readonly ParticipantView[] {
    const filter = this.filter.trim().toLocaleLowerCase()
    if (!filter) return this.people
    const cached = this.filtered
    if (cached && cached.people === this.people && cached.filter === filter) return cached.result
    const result = this.people.filter((p) => p.name.toLocaleLowerCase().includes(filter))
    this.filtered = { people: this.people, filter, result }
    return result
  }

  private subtitle(): string {
    switch (this.phase) {
      case 'setup': return 'Not assigned to a room yet'
      case 'running': return 'Not in a breakout room'
      case 'closed': return 'Rooms have closed: everyone is here'
    }
  }

  private emptyText(): string {
    if (this.filter.trim()) return `Nobody here matches "${this.filter.trim()}"`
    if (this.phase === 'closed') return 'No participants have joined yet'
    return 'Everyone is in a room. Drag a participant here to bring them back.'
  }

  private noteFor(person: ParticipantView): { text: string; label: string } | undefined {
    if (this.phase !== 'closed' || person.assignedRoomId === null) return undefined
    const room = this.roomNames.get(person.assignedRoomId)
    return room ? { text: `→ ${room}`, label: `next round in ${room}` } : undefined
  }

  private onFilterInput = (event: Event): void => {
    this.filter = (event.target as HTMLInputElement).value
    this.limit = PAGE_ROWS
  }

  private onListKeyDown = (event: KeyboardEvent): void => {
    if (this.grabbedId) return
    moveRowFocus(event, event.currentTarget as HTMLElement)
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'main-room-panel': MainRoomPanel
  }
}
