/**
 * Moving participants between rooms on the dashboard, three ways:
 *
 * - mouse: native HTML5 drag and drop;
 * - touch and pen: pointer events from a row's grip, with a floating label
 *   that follows the finger (touch screens do not start native drags);
 * - keyboard: Space picks a participant up, arrow keys walk the drop targets
 *   (main room, then the rooms in order), Space or Enter drops, Escape puts
 *   them back. Enter on a row opens the Move to menu instead.
 *
 * All three are handled here by delegation on the dashboard's shadow root:
 * drag, pointer and key events are composed, so `composedPath()` reaches the
 * row (`data-participant-id`) and the target (`data-drop-room` on a room
 * card, `data-drop-main` on the main room panel) through nested shadow roots.
 *
 * A target is a room id, or null for the main room; `undefined` means none.
 */
import type { ReactiveController, ReactiveElement } from 'lit'

export type Target = string | null

export interface DragControllerOptions {
  /** The room a participant is in now, null for the main room. */
  roomOf(participantId: string): Target | undefined
  /** Drop targets in keyboard order. */
  targets(): readonly Target[]
  describeTarget(target: Target): string
  nameOf(participantId: string): string
  /** `refocus` when the move came from the keyboard, whose focus must follow the row. */
  move(participantId: string, target: Target, refocus: boolean): void
  /** Tells co-moderators whom this one is dragging. */
  setDragging(participantId: string | null): void
  announce(message: string): void
  openMoveMenu(participantId: string, anchor: HTMLElement): void
}

const MIME = 'application/x-breakout-participant'
/** How far a finger moves before a press on the grip becomes a drag. */
const TOUCH_SLOP_PX = 6

interface TouchDrag {
  readonly participantId: string
  readonly pointerId: number
  readonly startX: number
  readonly startY: number
  started: boolean
}

export class DragController implements ReactiveController {
  /** The target under the pointer or chosen by keyboard; `undefined` for none. */
  over: Target | undefined = undefined
  /** The participant picked up with the keyboard. */
  grabbed: string | null = null
  private dragging: string | null = null
  private touch: TouchDrag | null = null

  constructor(private readonly host: ReactiveElement,
    private readonly options: DragControllerOptions) {
    host.addController(this)
  }

  hostConnected(): void {
    const root = this.host.renderRoot
    root.addEventListener('dragstart', this.onDragStart as EventListener)
    root.addEventListener('dragover', this.onDragOver as EventListener)
    root.addEventListener('drop', this.onDrop as EventListener)
    root.addEventListener('dragend', this.onDragEnd)
    root.addEventListener('pointerdown', this.onPointerDown as EventListener)
    root.addEventListener('keydown', this.onKeyDown as EventListener)
  }

  hostDisconnected(): void {
    const root = this.host.renderRoot
    root.removeEventListener('dragstart', this.onDragStart as EventListener)
    root.removeEventListener('dragover', this.onDragOver as EventListener)
    root.removeEventListener('drop', this.onDrop as EventListener)
    root.removeEventListener('dragend', this.onDragEnd)
    root.removeEventListener('pointerdown', this.onPointerDown as EventListener)
    root.removeEventListener('keydown', this.onKeyDown as EventListener)
    this.stopTouch()
    this.finish()
  }

  isOver(target: Target): boolean {
    return this.over !== undefined && this.over === target
  }

  // Mouse: native drag and drop.

  private onDragStart = (event: DragEvent): void => {
    const row = rowIn(event)
    if (!row || !event.dataTransfer) return
    const id = row.dataset.participantId as string
    event.dataTransfer.setData(MIME, id)
    event.dataTransfer.setData('text/plain', this.options.nameOf(id))
    event.dataTransfer.effectAllowed = 'move'
    this.begin(id)
  }

  private onDragOver = (event: DragEvent): void => {
    if (!this.dragging) return
    const target = targetIn(event.composedPath())
    if (target !== undefined) {
      event.preventDefault()
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'move'
    }
    this.setOver(target)
  }

  private onDrop = (event: DragEvent): void => {
    const id = this.dragging ?? event.dataTransfer?.getData(MIME)
    const target = targetIn(event.composedPath())
    if (!id || target === undefined) return
    event.preventDefault()
    this.drop(id, target, false)
  }

  private onDragEnd = (): void => {
    this.finish()
  }

  // Touch and pen: pointer events from the grip.

  private onPointerDown = (event: PointerEvent): void => {
    if (event.pointerType === 'mouse' || this.touch) return
    const path = event.composedPath()
    const onGrip = path.some((node) => node instanceof HTMLElement && 'grip' in node.dataset)
    const row = rowIn(event)
    if (!onGrip || !row) return
    event.preventDefault()
    this.touch = {
      participantId: row.dataset.participantId as string,
      pointerId: event.pointerId,
      startX: event.clientX,
      startY: event.clientY,
      started: false,
    }
    addEventListener('pointermove', this.onPointerMove)
    addEventListener('pointerup', this.onPointerUp)
    addEventListener('pointercancel', this.onPointerCancel)
  }

  private onPointerMove = (event: PointerEvent): void => {
    const touch = this.touch
    if (!touch || event.pointerId !== touch.pointerId) return
    if (!touch.started) {
      const distance = Math.hypot(event.clientX - touch.startX, event.clientY - touch.startY)
      if (distance < TOUCH_SLOP_PX) return
      touch.started = true
      this.begin(touch.participantId)
    }
    event.preventDefault()
    this.moveGhost(event.clientX, event.clientY)
    this.setOver(targetAt(event.clientX, event.clientY))
  }

  private onPointerUp = (event: PointerEvent): void => {
    const touch = this.touch
    if (!touch || event.pointerId !== touch.pointerId) return
    this.stopTouch()
    if (!touch.started) return
    const target = targetAt(event.clientX, event.clientY)
    if (target === undefined) this.finish()
    else this.drop(touch.participantId, target, false)
  }

  private onPointerCancel = (event: PointerEvent): void => {
    if (!this.touch || event.pointerId !== this.touch.pointerId) return
    this.stopTouch()
    this.finish()
  }

  private stopTouch(): void {
    this.touch = null
    removeEventListener('pointermove', this.onPointerMove)
    removeEventListener('pointerup', this.onPointerUp)
    removeEventListener('pointercancel', this.onPointerCancel)
    this.moveGhost(null, null)
  }

  private moveGhost(x: number | null, y: number | null): void {
    const ghost = this.host.renderRoot.querySelector<HTMLElement>('.drag-ghost')
    if (!ghost) return
    if (x === null || y === null || !this.dragging) {
      ghost.hidden = true
      return
    }
    ghost.textContent = this.options.nameOf(this.dragging)
    ghost.hidden = false
    ghost.style.transform = `translate(${x + 12}px, ${y - 18}px)`
  }

  // Keyboard.

  private onKeyDown = (event: KeyboardEvent): void => {
    const row = event.composedPath()[0]
    if (!(row instanceof HTMLElement) || row.dataset.participantId === undefined) return
    const id = row.dataset.participantId
    const key = event.key

    if (this.grabbed !== id) {
      if (key === ' ') {
        event.preventDefault()
        this.grab(id)
      } else if (key === 'Enter') {
        event.preventDefault()
        this.options.openMoveMenu(id, row)
      }
      return
    }
    switch (key) {
      case 'ArrowRight':
      case 'ArrowDown':
      case 'ArrowLeft':
      case 'ArrowUp': {
        event.preventDefault()
        const forward = key === 'ArrowRight' || key === 'ArrowDown'
        this.step(forward ? 1 : -1)
        break
      }
      case ' ':
      case 'Enter':
        event.preventDefault()
        this.drop(id, this.over === undefined ? this.options.roomOf(id) ?? null : this.over, true)
        break
      case 'Escape':
        event.preventDefault()
        this.options.announce(`Move cancelled. ${this.options.nameOf(id)} stays in ${
          this.options.describeTarget(this.options.roomOf(id) ?? null)}.`)
        this.finish()
        break
      case 'Tab':
        this.finish()
        break
    }
  }

  private grab(id: string): void {
    this.grabbed = id
    this.begin(id)
    this.setOver(this.options.roomOf(id) ?? null)
    this.options.announce(`${this.options.nameOf(id)} picked up, in ${
      this.options.describeTarget(this.over ?? null)}. Use the arrow keys to choose a room, ` +
      'Space to drop, Escape to cancel.')
  }

  private step(direction: 1 | -1): void {
    const targets = this.options.targets()
    if (targets.length === 0) return
    const index = targets.indexOf(this.over === undefined ? null : this.over)
    const next = targets[(index + direction + targets.length) % targets.length] as Target
    this.setOver(next)
    this.options.announce(this.options.describeTarget(next))
  }

  // Shared by all three.

  private begin(id: string): void {
    this.dragging = id
    this.options.setDragging(id)
  }

  private drop(id: string, target: Target, refocus: boolean): void {
    const from = this.options.roomOf(id)
    this.finish()
    if (from === target) {
      this.options.announce(`${this.options.nameOf(id)} stays in ${
        this.options.describeTarget(target)}.`)
      return
    }
    this.options.move(id, target, refocus)
  }

  private finish(): void {
    const changed = this.dragging !== null || this.grabbed !== null || this.over !== undefined
    this.dragging = null
    this.grabbed = null
    this.over = undefined
    this.options.setDragging(null)
    if (changed) this.host.requestUpdate()
  }

  private setOver(target: Target | undefined): void {
    if (target === this.over) return
    this.over = target
    this.host.requestUpdate()
  }
}

function rowIn(event: Event): HTMLElement | null {
  for (const node of event.composedPath()) {
    if (node instanceof HTMLElement && node.dataset.participantId !== undefined) return node
  }
  return null
}

function targetIn(path: readonly EventTarget[]): Target | undefined {
  for (const node of path) {
    if (!(node instanceof HTMLElement)) continue
    if (node.dataset.dropRoom !== undefined) return node.dataset.dropRoom
    if ('dropMain' in node.dataset) return null
  }
  return undefined
}

/** The drop target under a point, looking through shadow roots. */
function targetAt(x: number, y: number): Target | undefined {
  let element = document.elementFromPoint(x, y)
  while (element?.shadowRoot) {
    const inner = element.shadowRoot.elementFromPoint(x, y)
    if (!inner || inner === element) break
    element = inner
  }
  const path: EventTarget[] = []
  let node: Node | null = element
  while (node) {
    path.push(node)
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null)
  }
  return targetIn(path)
}
