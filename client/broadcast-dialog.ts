import { LitElement, css, html, nothing, type PropertyValues } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { MAX_MESSAGE_LENGTH } from '../shared/index.js'
import { controls, dialogs, tokens } from './theme.js'
import { syncDialog } from './dialog-sync.js'
import { iconMegaphone } from './icons.js'

export interface BroadcastSendDetail {
  /** The message, trimmed, 1 to `MAX_MESSAGE_LENGTH` characters. */
  readonly text: string
}

/**
 * Writes a message every participant sees at once, in every room and in the
 * main room. Sending needs the server, so the dashboard passes why it cannot
 * send now (`blocked`) and the dialog says so next to a disabled Send; the
 * text typed so far is kept for when the connection is back.
 *
 * @fires broadcast-send - detail `{ text }`, a valid message
 * @fires dialog-close - closed without sending
 * @csspart dialog - the window
 */
@customElement('broadcast-dialog')
export class BroadcastDialog extends LitElement {
  static override styles = [tokens, controls, dialogs, css`
    textarea {
      width: 100%; min-height: 112px; padding: 10px 12px; resize: vertical;
      border: 1px solid var(--_border); border-radius: var(--_radius-small);
      background: var(--_surface); font: inherit; color: inherit; line-height: 1.5;
    }
    textarea:focus {
      outline: none; border-color: var(--_accent); box-shadow: 0 0 0 3px var(--_accent-soft);
    }
    .meta { display: flex; justify-content: space-between; gap: 12px; margin-top: -8px; }
    .counter { color: var(--_muted); font-size: 12.5px; font-variant-numeric: tabular-nums; }
    .counter.over { color: var(--_danger); font-weight: 600; }
    .reason { margin: 0; color: var(--_muted); font-size: 13px; }
  `]

  @property({ type: Boolean, reflect: true }) open = false
  /** Sending now; Send shows progress and the dialog waits. */
  @property({ type: Boolean }) busy = false
  /** Why a message cannot be sent now, or empty when it can. */
  @property() blocked = ''
  /** The server's refusal of the last attempt, if any. */
  @property() error = ''

  @state() private text = ''
  @state() private invalid = ''
  @query('dialog') private dialog!: HTMLDialogElement
  @query('textarea') private textarea?: HTMLTextAreaElement

  override render() {
    const length = this.text.trim().length
    const over = length > MAX_MESSAGE_LENGTH
    const problem = this.invalid || this.error
    return html`<dialog part="dialog" aria-labelledby="broadcast-title"
        @cancel=${this.onCancel}>
      <form method="dialog" @submit=${this.onSubmit} novalidate>
        <div class="dialog-head">
          <h2 id="broadcast-title">Broadcast a message</h2>
          <p>Everyone sees it at once, in every room and in the main room.</p>
        </div>
        <div class="dialog-body">
          <textarea aria-label="Message" placeholder="Five minutes left, please wrap up."
            .value=${this.text} aria-invalid=${String(problem !== '')}
            aria-describedby="broadcast-count broadcast-problem"
            @input=${this.onInput}></textarea>
          <div class="meta">
            <span class="counter ${over ? 'over' : ''}" id="broadcast-count">
              ${length} / ${MAX_MESSAGE_LENGTH}</span>
          </div>
          ${problem ? html`<p class="field-error" id="broadcast-problem" role="alert">
            ${problem}</p>` : nothing}
          ${this.blocked ? html`<p class="reason">${this.blocked}</p>` : nothing}
        </div>
        <div class="dialog-foot">
          <button type="button" class="button" @click=${this.onCancel}>Cancel</button>
          <button type="submit" class="button primary send"
            ?disabled=${this.blocked !== '' || this.busy} title=${this.blocked}>
            ${iconMegaphone()} ${this.busy ? 'Sending…' : 'Send'}</button>
        </div>
      </form>
    </dialog>`
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A message sent successfully closes the dialog; the next one starts empty.
    if (changed.has('open') && this.open) {
      this.text = ''
      this.invalid = ''
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    syncDialog(this.dialog, this.open)
    if (changed.has('open') && this.open) this.textarea?.focus()
  }

  private onInput = (event: Event): void => {
    this.text = (event.target as HTMLTextAreaElement).value
    this.invalid = ''
  }

  private onSubmit = (event: Event): void => {
    event.preventDefault()
    const text = this.text.trim()
    if (text.length < 1 || text.length > MAX_MESSAGE_LENGTH) {
      this.invalid = `A message needs 1 to ${MAX_MESSAGE_LENGTH} characters.`
      return
    }
    if (this.blocked || this.busy) return
    this.dispatchEvent(new CustomEvent<BroadcastSendDetail>('broadcast-send', {
      detail: { text }, bubbles: true, composed: true,
    }))
  }

  private onCancel = (event: Event): void => {
    event.preventDefault()
    this.dispatchEvent(new CustomEvent('dialog-close', { bubbles: true, composed: true }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'broadcast-dialog': BroadcastDialog
  }
}
