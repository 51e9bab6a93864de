import { LitElement, css, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { ConnectionState } from './session-client.js'
import { tokens } from './theme.js'

const LABELS: Readonly<Record<ConnectionState, { label: string; detail: string }>> = {
  connecting: { label: 'Connecting…', detail: 'Reaching the server.' },
  syncing: { label: 'Syncing…', detail: 'Merging changes with the server.' },
  connected: { label: 'Connected', detail: 'Changes are shared as you make them.' },
  offline: {
    label: 'Offline',
    detail: 'Changes are kept on this device and will sync when you reconnect.',
  },
  refused: { label: 'Disconnected', detail: 'The server refused this connection.' },
}

/**
 * The connection state as a small pill, always in view so that nobody edits
 * a plan believing it is shared when it is not.
 *
 * @csspart pill - the pill
 * @cssprop --breakout-success - the dot when connected
 * @cssprop --breakout-warning - the dot while offline or syncing
 */
@customElement('connection-status')
export class ConnectionStatus extends LitElement {
  static override styles = [tokens, css`
    :host { display: inline-flex; }
    .pill {
      display: inline-flex; align-items: center; gap: 7px; height: 28px; padding: 0 11px;
      border-radius: 999px; background: var(--_surface-muted); border: 1px solid var(--_border);
      font-size: 12.5px; font-weight: 550; white-space: nowrap;
    }
    .dot { width: 8px; height: 8px; border-radius: 50%; background: var(--_muted); }
    .connected .dot { background: var(--_success); box-shadow: 0 0 0 3px rgb(22 163 74 / 15%); }
    .syncing .dot, .connecting .dot { background: var(--_accent); animation: pulse 1.2s infinite; }
    .offline { background: var(--_warning-soft); border-color: #fcd34d; color: var(--_warning); }
    .offline .dot { background: #f59e0b; }
    .refused { background: var(--_danger-soft); border-color: #fecaca; color: var(--_danger); }
    .refused .dot { background: var(--_danger); }
    @keyframes pulse { 50% { opacity: 0.35; } }
    @media (prefers-reduced-motion: reduce) { .dot { animation: none !important; } }
  `]

  @property({ reflect: true }) status: ConnectionState = 'connecting'

  override render() {
    const { label, detail } = LABELS[this.status]
    return html`<span class="pill ${this.status}" part="pill" role="status" title=${detail}>
      <span class="dot" aria-hidden="true"></span>${label}
      <span class="visually-hidden">${detail}</span>
    </span>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'connection-status': ConnectionStatus
  }
}
