import { LitElement, css, html, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { repeat } from 'lit/directives/repeat.js'
import type { Peer } from './presence.js'
import { initials } from './person-row.js'
import { controls, tokens } from './theme.js'

const SHOWN = 4

/**
 * The moderators here now, as overlapping avatars in their presence colours.
 * A moderator with two tabs open counts once.
 *
 * @csspart avatar - each avatar
 */
@customElement('presence-list')
export class PresenceList extends LitElement {
  static override styles = [tokens, controls, css`
    :host { display: inline-flex; align-items: center; }
    .avatars { display: flex; padding-left: 6px; }
    .avatar {
      margin-left: -6px; width: 30px; height: 30px; border: 2px solid var(--_surface);
      box-shadow: 0 0 0 1px var(--_border);
    }
    .avatar.self { outline: 2px solid var(--_surface); }
    .more { background: var(--_surface-muted); color: var(--_muted); }
  `]

  @property({ attribute: false }) peers: readonly Peer[] = []

  override render() {
    const people = unique(this.peers)
    if (people.length === 0) return nothing
    const names = people.map((peer) => (peer.self ? `${peer.user.name} (you)` : peer.user.name))
    return html`<div class="avatars" role="img"
        aria-label=${`Moderators here: ${names.join(', ')}`} title=${names.join('\n')}>
      ${repeat(people.slice(0, SHOWN), (peer) => peer.user.id, (peer) => html`
        <span class="avatar ${peer.self ? 'self' : ''}" part="avatar"
          style="background: ${peer.user.color}">${initials(peer.user.name)}</span>`)}
      ${people.length > SHOWN ?
        html`<span class="avatar more">+${people.length - SHOWN}</span>` : nothing}
    </div>`
  }
}

/** One entry per person, this moderator first. */
function unique(peers: readonly Peer[]): Peer[] {
  const byId = new Map<string, Peer>()
  for (const peer of peers) {
    const known = byId.get(peer.user.id)
    if (!known || (peer.self && !known.self)) byId.set(peer.user.id, peer)
  }
  return [...byId.values()].sort((a, b) => Number(b.self) - Number(a.self) ||
    a.user.name.localeCompare(b.user.name))
}

declare global {
  interface HTMLElementTagNameMap {
    'presence-list': PresenceList
  }
}
