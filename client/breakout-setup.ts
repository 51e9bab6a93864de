import { LitElement, css, html, nothing, type PropertyValues } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import {
  DEFAULT_TIME_LIMIT_SECONDS,
  MAX_TIME_LIMIT_SECONDS,
  type AssignmentMode,
} from '../shared/index.js'
import { controls, dialogs, tokens } from './theme.js'
import { syncDialog } from './dialog-sync.js'
import { iconDoor, iconPlus } from './icons.js'

export interface SetupCreateDetail {
  readonly count: number
  readonly mode: AssignmentMode
  /** Null for no time limit. */
  readonly timeLimitSeconds: number | null
  /** Delete the existing rooms first. */
  readonly replace: boolean
}

const MODES: readonly { mode: AssignmentMode; label: string; detail: string }[] = [
  { mode: 'auto', label: 'Automatically',
    detail: 'Spread participants evenly over the rooms at random.' },
  { mode: 'manual', label: 'Manually',
    detail: 'Everyone starts in the main room; you drag them into rooms.' },
  { mode: 'choose', label: 'Let participants choose room',
    detail: 'Participants pick a room themselves when rooms open.' },
]

/**
 * The setup window that opens a breakout session: how many rooms, how people
 * get into them and for how long. When the session already has rooms it
 * first asks whether to keep them or start over. The choices are a draft
 * until Continue; the dashboard carries them out.
 *
 * @fires setup-keep - keep the existing rooms as they are
 * @fires setup-create - detail `SetupCreateDetail`
 * @fires setup-cancel - closed without a choice
 * @csspart dialog - the window
 */
@customElement('breakout-setup')
export class BreakoutSetup extends LitElement {
  static override styles = [tokens, controls, dialogs, css`
    .choices { display: grid; gap: 10px; }
    .choice {
      display: flex; gap: 12px; align-items: flex-start; width: 100%; padding: 14px;
      text-align: left; border: 1px solid var(--_border); border-radius: var(--_radius);
      background: var(--_surface); cursor: pointer;
    }
    .choice:hover { border-color: var(--_accent); background: var(--_accent-soft); }
    .choice strong { display: block; font-size: 15px; }
    .choice span { color: var(--_muted); font-size: 13px; }
    .choice svg { margin-top: 2px; color: var(--_accent); }
    .count-row { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; }
    .count-row label { font-weight: 600; }
    .count-row input { width: 84px; text-align: center; font-weight: 600; }
    .hint { color: var(--_muted); font-size: 13px; }
    fieldset { margin: 0; padding: 0; border: 0; display: grid; gap: 6px; }
    legend { padding: 0; margin-bottom: 6px; font-weight: 600; }
    .mode {
      display: grid; grid-template-columns: 16px 1fr; gap: 2px 10px; align-items: center;
      padding: 10px 12px; border: 1px solid var(--_border); border-radius: var(--_radius-small);
      cursor: pointer;
    }
    .mode:has(input:checked) { border-color: var(--_accent); background: var(--_accent-soft); }
    .mode .detail { grid-column: 2; color: var(--_muted); font-size: 13px; }
    .mode .label { font-weight: 550; }
    .limit { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; }
    .limit label { display: inline-flex; align-items: center; gap: 8px; font-weight: 550; }
    .limit input[type="number"] { width: 76px; text-align: center; }
    .limit .unit { color: var(--_muted); }
  `]

  @property({ type: Boolean, reflect: true }) open = false
  @property({ type: Number }) existingRooms = 0
  @property({ type: Number }) maxRooms = 15
  @property({ type: Number }) participantCount = 0
  @property() mode: AssignmentMode = 'auto'
  @property({ attribute: false }) timeLimitSeconds: number | null = DEFAULT_TIME_LIMIT_SECONDS

  @state() private step: 'choose' | 'form' = 'form'
  @state() private count = 2
  @state() private draftMode: AssignmentMode = 'auto'
  @state() private limited = true
  @state() private minutes = 10
  @state() private error = ''
  @query('dialog') private dialog!: HTMLDialogElement

  override render() {
    return html`<dialog part="dialog" aria-labelledby="setup-title" @cancel=${this.onCancel}>
      ${this.step === 'choose' ? this.renderChoice() : this.renderForm()}
    </dialog>`
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('open') && this.open) this.resetDraft()
    if (changed.has('existingRooms') && this.open && this.existingRooms > 0 &&
      changed.get('existingRooms') === 0 && this.step === 'form') {
      this.step = 'choose'
    }
  }

  protected override updated(): void {
    syncDialog(this.dialog, this.open)
  }

  private renderChoice() {
    const rooms = this.existingRooms === 1 ? '1 breakout room' :
      `${this.existingRooms} breakout rooms`
    return html`
      <div class="dialog-head">
        <h2 id="setup-title">Start breakout rooms</h2>
        <p>This session already has ${rooms}.</p>
      </div>
      <div class="dialog-body">
        <div class="choices">
          <button class="choice" autofocus @click=${this.onKeep}>${iconDoor(20)}
            <div><strong>Keep existing rooms</strong>
              <span>Go to the rooms and assignments as they are.</span></div></button>
          <button class="choice" @click=${() => { this.step = 'form' }}>${iconPlus(20)}
            <div><strong>Create new rooms</strong>
              <span>Replace them; everyone returns to the main room first.</span></div></button>
        </div>
      </div>
      <div class="dialog-foot">
        <button class="button" @click=${this.onCancel}>Cancel</button>
      </div>`
  }

  private renderForm() {
    return html`<form method="dialog" @submit=${this.onSubmit} novalidate>
      <div class="dialog-head">
        <h2 id="setup-title">Create breakout rooms</h2>
        <p>${this.participantCount === 1 ? '1 participant' :
          `${this.participantCount.toLocaleString()} participants`} in this session.</p>
      </div>
      <div class="dialog-body">
        <div class="count-row">
          <label for="count">Create</label>
          <input id="count" type="number" min="1" max=${this.maxRooms} step="1" required
            .value=${String(this.count)} aria-describedby="count-hint"
            @input=${(event: Event) => {
              this.count = Number((event.target as HTMLInputElement).value)
              this.error = ''
            }}>
          <span>rooms</span>
          <span class="hint" id="count-hint">1 to ${this.maxRooms}${
            this.participantCount > 0 && this.count >= 1 ?
              html` · ${formatPerRoom(this.participantCount, this.count)}` : nothing}</span>
        </div>
        <fieldset>
          <legend>Assign participants</legend>
          ${MODES.map(({ mode, label, detail }) => html`<label class="mode">
            <input type="radio" name="mode" .value=${mode} .checked=${this.draftMode === mode}
              @change=${() => { this.draftMode = mode }}>
            <span class="label">${label}</span><span class="detail">${detail}</span>
          </label>`)}
        </fieldset>
        <div class="limit">
          <label><input type="checkbox" .checked=${this.limited}
            @change=${(event: Event) => {
              this.limited = (event.target as HTMLInputElement).checked
            }}>Set room time limit</label>
          <input type="number" min="1" max=${MAX_TIME_LIMIT_SECONDS / 60} step="1"
            aria-label="Time limit in minutes" .value=${String(this.minutes)}
            ?disabled=${!this.limited}
            @input=${(event: Event) => {
              this.minutes = Number((event.target as HTMLInputElement).value)
              this.error = ''
            }}>
          <span class="unit">minutes</span>
        </div>
        ${this.error ? html`<p class="field-error" role="alert">${this.error}</p>` : nothing}
      </div>
      <div class="dialog-foot">
        <button type="button" class="button" @click=${this.onCancel}>Cancel</button>
        <button type="submit" class="button primary">Continue</button>
      </div>
    </form>`
  }

  private resetDraft(): void {
    this.step = this.existingRooms > 0 ? 'choose' : 'form'
    const suggested = this.participantCount > 0 ? Math.ceil(this.participantCount / 5) : 2
    this.count = Math.min(this.maxRooms, Math.max(1, this.existingRooms || suggested))
    this.draftMode = this.mode
    this.limited = this.timeLimitSeconds !== null
    this.minutes = Math.max(1, Math.round((this.timeLimitSeconds ??
      DEFAULT_TIME_LIMIT_SECONDS) / 60))
    this.error = ''
  }

  private onSubmit = (event: Event): void => {
    event.preventDefault()
    const count = this.count
    if (!Number.isInteger(count) || count < 1 || count > this.maxRooms) {
      this.error = `Choose from 1 to ${this.maxRooms} rooms.`
      return
    }
    const maxMinutes = MAX_TIME_LIMIT_SECONDS / 60
    if (this.limited && (!Number.isInteger(this.minutes) || this.minutes < 1 ||
      this.minutes > maxMinutes)) {
      this.error = `The time limit must be a whole number of minutes from 1 to ${maxMinutes}.`
      return
    }
    this.fire<SetupCreateDetail>('setup-create', {
      count,
      mode: this.draftMode,
      timeLimitSeconds: this.limited ? this.minutes * 60 : null,
      replace: this.existingRooms > 0,
    })
  }

  private onKeep = (): void => {
    this.fire('setup-keep', null)
  }

  private onCancel = (event: Event): void => {
    event.preventDefault()
    this.fire('setup-cancel', null)
  }

  private fire<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }))
  }
}

function formatPerRoom(participants: number, rooms: number): string {
  const fewest = Math.floor(participants / rooms)
  const most = Math.ceil(participants / rooms)
  const range = fewest === most ? `${fewest}` : `${fewest}–${most}`
  return `${range} ${most === 1 ? 'participant' : 'participants'} per room`
}

declare global {
  interface HTMLElementTagNameMap {
    'breakout-setup': BreakoutSetup
  }
}
