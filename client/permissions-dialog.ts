import { LitElement, css, html } from 'lit'
import { customElement, property, query } from 'lit/decorators.js'
import { live } from 'lit/directives/live.js'
import { PERMISSIONS, PERMISSION_LABELS, type Permission } from '../shared/index.js'
import { controls, dialogs, tokens } from './theme.js'
import { syncDialog } from './dialog-sync.js'

export interface PermissionChangeDetail {
  readonly permission: Permission
  readonly allowed: boolean
}

const ALL_ALLOWED = Object.fromEntries(PERMISSIONS.map((key) => [key, true])) as
  Readonly<Record<Permission, boolean>>

/**
 * What participants may do in their rooms. Each box changes the session the
 * moment it is clicked, like a settings panel, so co-moderators see it live.
 *
 * @fires permission-change - detail `{ permission, allowed }`
 * @fires dialog-close - Done or Escape
 * @csspart dialog - the window
 */
@customElement('permissions-dialog')
export class PermissionsDialog extends LitElement {
  static override styles = [tokens, controls, dialogs, css`
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 2px; }
    label {
      display: flex; align-items: center; gap: 12px; min-height: 40px; padding: 0 10px;
      border-radius: var(--_radius-small); cursor: pointer;
    }
    label:hover { background: var(--_surface-muted); }
  `]

  @property({ type: Boolean, reflect: true }) open = false
  @property({ attribute: false }) permissions: Readonly<Record<Permission, boolean>> = ALL_ALLOWED
  @query('dialog') private dialog!: HTMLDialogElement

  override render() {
    return html`<dialog part="dialog" aria-labelledby="permissions-title"
        @cancel=${this.onClose}>
      <div class="dialog-head">
        <h2 id="permissions-title">Participants permissions</h2>
        <p>What participants may do while in breakout rooms.</p>
      </div>
      <div class="dialog-body">
        <ul>
          ${PERMISSIONS.map((key) => html`<li><label>
            <input type="checkbox" name=${key} .checked=${live(this.permissions[key])}
              @change=${(event: Event) => this.onToggle(key, event)}>
            ${PERMISSION_LABELS[key]}
          </label></li>`)}
        </ul>
      </div>
      <div class="dialog-foot">
        <button class="button primary" @click=${this.onClose}>Done</button>
      </div>
    </dialog>`
  }

  protected override updated(): void {
    syncDialog(this.dialog, this.open)
  }

  /** The box shows the session (`live`), so a refused change flips back on the next render. */
  private onToggle(permission: Permission, event: Event): void {
    const allowed = (event.target as HTMLInputElement).checked
    this.dispatchEvent(new CustomEvent<PermissionChangeDetail>('permission-change', {
      detail: { permission, allowed }, bubbles: true, composed: true,
    }))
  }

  private onClose = (event: Event): void => {
    event.preventDefault()
    this.dispatchEvent(new CustomEvent('dialog-close', { bubbles: true, composed: true }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'permissions-dialog': PermissionsDialog
  }
}
