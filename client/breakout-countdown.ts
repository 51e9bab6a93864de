import { LitElement, css, html, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { tokens } from './theme.js'

/** The last stretch before rooms close, shown as a warning. */
export const WARNING_MS = 60_000

/**
 * Time left until rooms close, by the server's clock, or time since they
 * opened when there is no limit. It ticks on its own so that the rest of a
 * dashboard does not render every second.
 *
 * @fires countdown-warning - once, when the time left drops into the last minute
 * @csspart time - the digits
 * @cssprop --breakout-danger - the colour of the last minute
 */
@customElement('breakout-countdown')
export class BreakoutCountdown extends LitElement {
  static override styles = [tokens, css`
    :host { display: inline-flex; align-items: baseline; gap: 6px; }
    .time { font-variant-numeric: tabular-nums; font-weight: 650; letter-spacing: 0.01em; }
    :host([warning]) .time { color: var(--_danger); }
    .label { color: var(--_muted); font-size: 0.85em; }
  `]

  /** When rooms close, in server ms; null counts up from `startedAt`. */
  @property({ attribute: false }) endsAt: number | null = null
  @property({ attribute: false }) startedAt: number | null = null
  /** The server's clock. */
  @property({ attribute: false }) now: () => number = Date.now
  @property({ type: Boolean, reflect: true }) warning = false
  /** The word after the digits; empty for none, when the page says it before them. */
  @property() label = 'left'
  private timer = 0
  private warned = false

  override connectedCallback(): void {
    super.connectedCallback()
    this.tick()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    clearTimeout(this.timer)
  }

  override render() {
    const now = this.now()
    if (this.endsAt === null) {
      const elapsed = this.startedAt === null ? 0 : Math.max(0, now - this.startedAt)
      return html`<span class="time" part="time" role="timer">${clock(elapsed)}</span>
        <span class="label">elapsed</span>`
    }
    const left = Math.max(0, this.endsAt - now)
    return html`<span class="time" part="time" role="timer"
        aria-label=${`${spoken(left)} left`}>${clock(left)}</span>
      ${this.label ? html`<span class="label">${this.label}</span>` : nothing}`
  }

  protected override willUpdate(): void {
    const left = this.endsAt === null ? null : this.endsAt - this.now()
    this.warning = left !== null && left <= WARNING_MS
    if (left !== null && left > WARNING_MS) this.warned = false
    if (this.warning && !this.warned && left !== null && left > 0) {
      this.warned = true
      this.dispatchEvent(new CustomEvent('countdown-warning', { bubbles: true, composed: true }))
    }
  }

  /** Renders on each whole second of the server's clock, so digits never skip. */
  private tick = (): void => {
    this.requestUpdate()
    const now = this.now()
    const reference = this.endsAt ?? this.startedAt ?? now
    const wait = ((((reference - now) % 1000) + 1000) % 1000) || 1000
    this.timer = window.setTimeout(this.tick, wait + 5)
  }
}

function clock(ms: number): string {
  const total = Math.ceil(ms / 1000)
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = total % 60
  const mm = String(minutes).padStart(hours > 0 ? 2 : 1, '0')
  const ss = String(seconds).padStart(2, '0')
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`
}

function spoken(ms: number): string {
  const total = Math.ceil(ms / 1000)
  const minutes = Math.floor(total / 60)
  const seconds = total % 60
  if (minutes === 0) return `${seconds} seconds`
  return seconds === 0 ? `${minutes} minutes` : `${minutes} minutes ${seconds} seconds`
}

declare global {
  interface HTMLElementTagNameMap {
    'breakout-countdown': BreakoutCountdown
  }
}
