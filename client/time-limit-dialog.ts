import { LitElement, css, html, nothing, type PropertyValues } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { DEFAULT_TIME_LIMIT_SECONDS, MAX_TIME_LIMIT_SECONDS } from '../shared/index.js'
import { controls, dialogs, tokens } from './theme.js'
import { syncDialog } from './dialog-sync.js'

export interface TimeLimitDetail {
  /** Null for no time limit. */
  readonly seconds: number | null
}

const PRESETS = [5, 10, 15, 20, 30, 45, 60]

/**
 * Adjusts how long rooms stay open. The limit applies when rooms open; a
 * round that is already running is lengthened with Extend instead.
 *
 * @fires time-limit-set - detail `{ seconds }`, null for no limit
 * @fires dialog-close - closed without a change
 * @csspart dialog - the window
 */
@customElement('time-limit-dialog')
export class TimeLimitDialog extends LitElement {
  static override styles = [tokens, controls, dialogs, css`
    .toggle { display: flex; align-items: center; gap: 10px; font-weight: 550; }
    .minutes { display: flex; align-items: center; gap: 10px; }
    .minutes input { width: 90px; text-align: center; font-weight: 600; }
    .presets { display: flex; flex-wrap: wrap; gap: 6px; }
    .presets .chip[aria-pressed="true"] {
      border-color: var(--_accent); background: var(--_accent-soft); color: var(--_accent);
    }
    .muted { color: var(--_muted); }
  `]

  @property({ type: Boolean, reflect: true }) open = false
  /** The current limit, null for none. */
  @property({ attribute: false }) seconds: number | null = DEFAULT_TIME_LIMIT_SECONDS

  @state() private limited = true
  @state() private minutes = 10
  @state() private error = ''
  @query('dialog') private dialog!: HTMLDialogElement

  override render() {
    return html`<dialog part="dialog" aria-labelledby="limit-title" @cancel=${this.onCancel}>
      <form method="dialog" @submit=${this.onSubmit} novalidate>
        <div class="dialog-head">
          <h2 id="limit-title">Room time limit</h2>
          <p>Rooms close by themselves when the time is up.</p>
        </div>
        <div class="dialog-body">
          <label class="toggle"><input type="checkbox" .checked=${this.limited}
            @change=${(event: Event) => {
              this.limited = (event.target as HTMLInputElement).checked
            }}>Set room time limit</label>
          <div class="minutes">
            <input id="minutes" type="number" min="1" max=${MAX_TIME_LIMIT_SECONDS / 60}
              step="1" aria-label="Minutes" .value=${String(this.minutes)}
              ?disabled=${!this.limited} @input=${this.onMinutesInput}>
            <span class="muted">minutes</span>
          </div>
          <div class="presets" role="group" aria-label="Common limits">
            ${PRESETS.map((minutes) => html`<button type="button" class="chip"
              ?disabled=${!this.limited} aria-pressed=${String(this.minutes === minutes)}
              @click=${() => this.onPreset(minutes)}>${minutes} min</button>`)}
          </div>
          ${this.error ? html`<p class="field-error" role="alert">${this.error}</p>` : nothing}
        </div>
        <div class="dialog-foot">
          <button type="button" class="button" @click=${this.onCancel}>Cancel</button>
          <button type="submit" class="button primary">Set time limit</button>
        </div>
      </form>
    </dialog>`
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('open') && this.open) {
      this.limited = this.seconds !== null
      this.minutes = Math.max(1, Math.round((this.seconds ?? DEFAULT_TIME_LIMIT_SECONDS) / 60))
      this.error = ''
    }
  }

  protected override updated(): void {
    syncDialog(this.dialog, this.open)
  }

  private onPreset(minutes: number): void {
    this.minutes = minutes
    this.error = ''
  }

  private onMinutesInput = (event: Event): void => {
    this.minutes = Number((event.target as HTMLInputElement).value)
    this.error = ''
  }

  private onSubmit = (event: Event): void => {
    event.preventDefault()
    const max = MAX_TIME_LIMIT_SECONDS / 60
    if (this.limited && (!Number.isInteger(this.minutes) || this.minutes < 1 ||
      this.minutes > max)) {
      this.error = `Enter a whole number of minutes from 1 to ${max}.`
      return
    }
    this.dispatchEvent(new CustomEvent<TimeLimitDetail>('time-limit-set', {
      detail: { seconds: this.limited ? this.minutes * 60 : null }, bubbles: true, composed: true,
    }))
  }

  private onCancel = (event: Event): void => {
    event.preventDefault()
    this.dispatchEvent(new CustomEvent('dialog-close', { bubbles: true, composed: true }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'time-limit-dialog': TimeLimitDialog
  }
}
