import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { repeat } from 'lit/directives/repeat.js'
import { controls, tokens } from './theme.js'
import { iconCheck } from './icons.js'

export interface MenuItem {
  readonly id: string
  readonly label: string
  /** Secondary text on the right, such as a count. */
  readonly detail?: string
  readonly disabled?: boolean
  /** Marks the current choice of a one-of-many menu. */
  readonly checked?: boolean
  readonly danger?: boolean
  readonly icon?: TemplateResult
}

export interface MenuSelectDetail {
  readonly id: string
}

/**
 * A menu that opens next to the control that asked for it: one instance
 * serves every row of a list, so 5,000 participants do not carry 5,000 menus.
 * The parent owns `open`; the menu asks to close and the parent decides.
 *
 * Keyboard: arrows and Home/End move, a letter jumps to the next item that
 * starts with it, Enter or Space chooses, Escape or Tab closes.
 *
 * @fires menu-select - an item was chosen; detail `{ id }`
 * @fires menu-close - the menu asks to close (Escape, Tab, a click elsewhere)
 * @csspart menu - the menu surface
 * @csspart item - each item
 */
@customElement('popup-menu')
export class PopupMenu extends LitElement {
  static override styles = [tokens, controls, css`
    :host { position: fixed; z-index: 40; top: 0; left: 0; }
    :host(:not([open])) { display: none; }
    .menu {
      min-width: 200px; max-width: 320px; max-height: min(360px, 70vh); overflow-y: auto;
      padding: 6px; border-radius: var(--_radius); background: var(--_surface);
      border: 1px solid var(--_border); box-shadow: var(--_shadow-raised);
    }
    .heading {
      padding: 6px 10px 4px; font-size: 12px; font-weight: 600; color: var(--_muted);
      text-transform: uppercase; letter-spacing: 0.04em;
    }
    .item {
      display: flex; align-items: center; gap: 10px; width: 100%; min-height: 34px;
      padding: 0 10px; border: 0; border-radius: var(--_radius-small); background: none;
      text-align: left; cursor: pointer;
    }
    .item:hover:not(:disabled), .item:focus-visible { background: var(--_accent-soft); }
    .item:focus-visible { outline: none; }
    .item:disabled { color: var(--_muted); cursor: default; }
    .item.danger { color: var(--_danger); }
    .item.danger:hover, .item.danger:focus-visible { background: var(--_danger-soft); }
    .label { flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .detail { color: var(--_muted); font-size: 12px; font-variant-numeric: tabular-nums; }
    .mark { width: 16px; color: var(--_accent); display: inline-flex; }
  `]

  @property({ attribute: false }) items: readonly MenuItem[] = []
  @property({ attribute: false }) anchor: HTMLElement | null = null
  @property({ type: Boolean, reflect: true }) open = false
  /** The accessible name of the menu. */
  @property() label = ''
  /** A visible title above the items. */
  @property() heading = ''

  override connectedCallback(): void {
    super.connectedCallback()
    document.addEventListener('pointerdown', this.onOutsidePointer, true)
    addEventListener('resize', this.onViewportChange)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    document.removeEventListener('pointerdown', this.onOutsidePointer, true)
    removeEventListener('resize', this.onViewportChange)
  }

  override render() {
    const checkable = this.items.some((item) => item.checked !== undefined)
    return html`<div class="menu" part="menu" role="menu" aria-label=${this.label || this.heading}
        @keydown=${this.onKeyDown}>
      ${this.heading ?
        html`<div class="heading" aria-hidden="true">${this.heading}</div>` : nothing}
      ${repeat(this.items, (item) => item.id, (item) => html`
        <button class="item ${item.danger ? 'danger' : ''}" part="item" tabindex="-1"
          role=${checkable ? 'menuitemradio' : 'menuitem'}
          aria-checked=${checkable ? String(item.checked === true) : nothing}
          ?disabled=${item.disabled} data-id=${item.id}
          @click=${() => this.choose(item)}>
          ${checkable ? html`<span class="mark">${item.checked ? iconCheck() : nothing}</span>` :
            item.icon ?? nothing}
          <span class="label">${item.label}</span>
          ${item.detail ? html`<span class="detail">${item.detail}</span>` : nothing}
        </button>`)}
    </div>`
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!this.open) return
    if (changed.has('open') || changed.has('anchor')) {
      this.place()
      const items = this.enabledItems()
      const checked = items.find((item) => item.getAttribute('aria-checked') === 'true')
      ;(checked ?? items[0])?.focus()
    }
  }

  private place(): void {
    const anchor = this.anchor?.getBoundingClientRect()
    if (!anchor) return
    const menu = this.getBoundingClientRect()
    const gap = 6
    const below = anchor.bottom + gap + menu.height <= innerHeight
    const top = below ? anchor.bottom + gap : Math.max(8, anchor.top - gap - menu.height)
    const left = Math.min(Math.max(8, anchor.right - menu.width), innerWidth - menu.width - 8)
    this.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`
  }

  private choose(item: MenuItem): void {
    if (item.disabled) return
    this.dispatchEvent(new CustomEvent<MenuSelectDetail>('menu-select', {
      detail: { id: item.id }, bubbles: true, composed: true,
    }))
  }

  private requestClose(returnFocus: boolean): void {
    this.dispatchEvent(new CustomEvent('menu-close', { bubbles: true, composed: true }))
    if (returnFocus) this.anchor?.focus()
  }

  private enabledItems(): HTMLButtonElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLButtonElement>('.item:not(:disabled)')]
  }

  private onKeyDown = (event: KeyboardEvent): void => {
    const items = this.enabledItems()
    const index = items.indexOf(this.renderRoot.querySelector<HTMLButtonElement>(':focus') as
      HTMLButtonElement)
    let next: HTMLButtonElement | undefined
    switch (event.key) {
      case 'ArrowDown': next = items[(index + 1) % items.length]; break
      case 'ArrowUp': next = items[(index - 1 + items.length) % items.length]; break
      case 'Home': next = items[0]; break
      case 'End': next = items[items.length - 1]; break
      case 'Escape':
        event.preventDefault()
        event.stopPropagation()
        this.requestClose(true)
        return
      case 'Tab':
        this.requestClose(false)
        return
      default:
        if (event.key.length === 1 && /\S/.test(event.key)) {
          const letter = event.key.toLowerCase()
          const after = [...items.slice(index + 1), ...items.slice(0, index + 1)]
          next = after.find((item) =>
            item.querySelector('.label')?.textContent?.trim().toLowerCase().startsWith(letter))
        }
    }
    if (next) {
      event.preventDefault()
      next.focus()
    }
  }

  private onOutsidePointer = (event: PointerEvent): void => {
    if (!this.open) return
    const path = event.composedPath()
    if (path.includes(this) || (this.anchor && path.includes(this.anchor))) return
    this.requestClose(false)
  }

  private onViewportChange = (): void => {
    if (this.open) this.place()
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'popup-menu': PopupMenu
  }
}
