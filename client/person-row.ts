/**
 * One participant in a list on the dashboard, shared by the room cards and
 * the main room panel. A template rather than a component: a panel can show
 * hundreds of rows, and a row has no behaviour of its own.
 *
 * Rows carry `data-participant-id`; the dashboard handles dragging (mouse,
 * touch, keyboard) for every row by delegation, since drag, pointer and key
 * events cross shadow roots. Each list gives one row `tabindex="0"` (the
 * roving focus); arrow keys move it within the list.
 */
import { css, html, nothing } from 'lit'
import type { ParticipantView } from '../shared/index.js'
import type { Peer } from './presence.js'
import { colorOf } from './presence.js'
import { iconArrowRight, iconGrip } from './icons.js'

export interface PersonRowOptions {
  readonly focusable: boolean
  readonly flashing: boolean
  readonly grabbed: boolean
  /** Another moderator dragging this participant now. */
  readonly draggedBy: Peer | undefined
  /** Shown after the name, e.g. the room planned for the next round, and its spoken form. */
  readonly note?: { readonly text: string; readonly label: string }
}

export function personRow(person: ParticipantView, options: PersonRowOptions) {
  const { focusable, flashing, grabbed, draggedBy, note } = options
  const classes = ['person', flashing ? 'flash' : '', grabbed ? 'grabbed' : '',
    draggedBy ? 'remote-drag' : ''].join(' ')
  return html`<li class=${classes} part="person" data-participant-id=${person.id}
      draggable="true" tabindex=${focusable ? 0 : -1} aria-describedby="drag-help"
      aria-label=${`${person.name}${person.online ? '' : ', not connected'}${
        note ? `, ${note.label}` : ''}${grabbed ? ', picked up' : ''}`}
      style=${draggedBy ? `--_peer: ${draggedBy.user.color}` : nothing}>
    <span class="grip" data-grip aria-hidden="true">${iconGrip()}</span>
    <span class="avatar" style="background: ${colorOf(person.id)}"
      aria-hidden="true">${initials(person.name)}<span class="presence ${
        person.online ? 'online' : ''}" title=${person.online ? 'Connected' : 'Not connected'}>
      </span></span>
    <span class="name" title=${person.name}>${person.name}</span>
    ${note ? html`<span class="note" aria-hidden="true">${note.text}</span>` : nothing}
    ${draggedBy ? html`<span class="peer-tag" aria-hidden="true">${draggedBy.user.name}</span>` :
      nothing}
    <button class="move" data-move=${person.id} tabindex="-1"
      aria-label=${`Move ${person.name} to another room`} title="Move to…">
      Move to ${iconArrowRight(12)}
    </button>
  </li>`
}

/** Up to two letters for an avatar: "Ada Lovelace" gives "AL", "ada" gives "AD". */
export function initials(name: string): string {
  const words = name.replace(/[^\p{L}\p{N}\s]/gu, '').trim().split(/\s+/).filter(Boolean)
  const letters = words.length > 1 ?
    [words[0]?.[0], words[words.length - 1]?.[0]] : [...(words[0] ?? '?').slice(0, 2)]
  return letters.join('').toUpperCase()
}

/** Moves the roving focus with Up/Down/Home/End within one list of rows. */
export function moveRowFocus(event: KeyboardEvent, list: HTMLElement | null): void {
  if (!list || !['ArrowUp', 'ArrowDown', 'Home', 'End'].includes(event.key)) return
  const rows = [...list.querySelectorAll<HTMLElement>('.person')]
  const current = rows.indexOf(event.target as HTMLElement)
  if (current < 0) return
  const next = event.key === 'Home' ? 0 : event.key === 'End' ? rows.length - 1 :
    current + (event.key === 'ArrowDown' ? 1 : -1)
  const row = rows[next]
  if (!row) return
  event.preventDefault()
  for (const other of rows) other.tabIndex = -1
  row.tabIndex = 0
  row.focus()
}

export const personRowStyles = css`
  .people {
    list-style: none; margin: 0; padding: 0; display: grid; gap: 2px;
    grid-template-columns: minmax(0, 1fr);
  }
  .person {
    position: relative; display: flex; align-items: center; gap: 8px; min-height: 40px;
    padding: 4px 6px 4px 4px; border-radius: var(--_radius-small); cursor: grab;
    transition: background 160ms;
  }
  .person:hover { background: var(--_surface-muted); }
  .person:focus-visible { outline: 2px solid var(--_accent); outline-offset: -2px; }
  .person:active { cursor: grabbing; }
  .grip {
    display: inline-grid; place-items: center; width: 18px; height: 28px; flex: none;
    color: #c4c8d0; touch-action: none; cursor: grab;
  }
  .person:hover .grip { color: var(--_muted); }
  .name {
    flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap;
    font-weight: 500;
  }
  .note {
    flex: 0 1 auto; max-width: 45%; overflow: hidden; text-overflow: ellipsis;
    white-space: nowrap;
    color: var(--_muted); font-size: 12px;
  }
  .person .avatar { position: relative; }
  .presence {
    position: absolute; right: -2px; bottom: -2px; width: 10px; height: 10px;
    border-radius: 50%; background: #d1d5db; border: 2px solid var(--_surface);
  }
  .presence.online { background: var(--_success); }
  /* Over the row's end rather than beside it, so names keep their width. */
  .move {
    position: absolute; right: 6px; top: 50%; transform: translateY(-50%);
    display: inline-flex; align-items: center; gap: 4px; height: 26px;
    padding: 0 8px; border: 1px solid var(--_border); border-radius: 999px;
    background: var(--_surface); color: var(--_muted); font-size: 12px; font-weight: 550;
    cursor: pointer; opacity: 0; pointer-events: none; transition: opacity 120ms;
    box-shadow: -12px 0 10px -4px var(--_surface-muted);
  }
  .person:hover .move, .person:focus-within .move, .move:focus-visible {
    opacity: 1; pointer-events: auto;
  }
  .move:hover { color: var(--_accent); border-color: var(--_accent); }
  @media (hover: none) {
    .move { position: static; transform: none; opacity: 1; pointer-events: auto; flex: none; }
  }
  .person.grabbed {
    background: var(--_accent-soft); outline: 2px dashed var(--_accent); outline-offset: -2px;
  }
  .person.remote-drag { box-shadow: inset 0 0 0 2px var(--_peer); }
  .peer-tag {
    flex: none; padding: 1px 6px; border-radius: 999px; background: var(--_peer);
    color: #fff; font-size: 11px; font-weight: 600;
  }
  .person.flash { animation: flash 2s ease-out; }
  @keyframes flash {
    0%, 30% { background: var(--_flash); }
    100% { background: transparent; }
  }
  @media (prefers-reduced-motion: reduce) {
    .person.flash { animation: none; background: var(--_flash); }
  }
`
