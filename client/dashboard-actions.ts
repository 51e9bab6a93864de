/**
 * What a moderator does to the session from the dashboard, and what they are
 * told about it. Plan edits (rooms, assignments, settings) are written to the
 * local document, so they work offline and sync later; start, end, extend,
 * broadcast and dismissing help are commands for the server, one at a time.
 * A success is announced to screen readers; a failure is kept in `error`
 * until the dashboard clears it.
 *
 * The dashboard owns the dialogs: an action that closes one on success
 * returns whether it succeeded.
 */
import type { LitElement } from 'lit'
import {
  addRoom,
  assign,
  autoAssign,
  createRooms,
  deleteRoom,
  renameRoom,
  setAssignmentMode,
  setPermission,
  setTimeLimit,
  type Command,
  type Result,
} from '../shared/index.js'
import type { SessionClient } from './session-client.js'
import { roomName, type SessionController } from './session-controller.js'
import type { Target } from './drag-controller.js'
import type { HelpDismissDetail, RoomDetail, RoomRenameDetail } from './room-card.js'
import type { SetupCreateDetail } from './breakout-setup.js'
import type { PermissionChangeDetail } from './permissions-dialog.js'
import { commandDone, count } from './dashboard-parts.js'

export interface DashboardActionsOptions {
  client(): SessionClient | null
  session: SessionController
  announce(message: string): void
}

export class DashboardActions {
  private sending: Command['type'] | null = null
  private failure = ''

  constructor(private readonly host: LitElement,
    private readonly options: DashboardActionsOptions) {}

  /** The command waiting for the server's answer. */
  get busy(): Command['type'] | null {
    return this.sending
  }

  /** Why the last edit or command failed; empty once cleared. */
  get error(): string {
    return this.failure
  }

  clearError(): void {
    this.setError('')
  }

  move(id: string, target: Target, refocus: boolean): void {
    const { session } = this.options
    const name = session.view.participants[id]?.name ?? 'Participant'
    const result = this.edit((client) => client.edit((doc) => assign(doc, id, target)))
    if (!result?.ok) return
    this.options.announce(`${name} moved to ${roomName(session.view, target)}.`)
    if (refocus) void this.focusParticipant(id)
  }

  /** Sends a command to the server; true when it was carried out. */
  async send(command: Command): Promise<boolean> {
    const client = this.options.client()
    if (!client || this.sending) return false
    this.setBusy(command.type)
    this.setError('')
    const result = await client.send(command)
    this.setBusy(null)
    if (!result.ok) {
      this.setError(result.message)
      return false
    }
    this.options.announce(commandDone(command))
    this.host.dispatchEvent(new CustomEvent('breakout-command', {
      detail: { command }, bubbles: true, composed: true,
    }))
    return true
  }

  /** Creates the rooms the setup window asked for; true when they were. */
  setUpRooms(detail: SetupCreateDetail): boolean {
    const { count: rooms, mode, timeLimitSeconds, replace } = detail
    const result = this.edit((client) => client.edit((doc) => {
      const created = createRooms(doc, rooms, { replace })
      if (!created.ok) return created
      setAssignmentMode(doc, mode)
      setTimeLimit(doc, timeLimitSeconds)
      if (mode === 'auto') autoAssign(doc)
      return created
    }))
    if (!result?.ok) return false
    this.options.announce(`${rooms} ${rooms === 1 ? 'room' : 'rooms'} created.`)
    return true
  }

  /** True when the limit was set. */
  changeTimeLimit(seconds: number | null): boolean {
    const result = this.edit((client) => client.edit((doc) => setTimeLimit(doc, seconds)))
    if (!result?.ok) return false
    this.options.announce(seconds === null ? 'No time limit.' :
      `Time limit set to ${seconds / 60} minutes.`)
    return true
  }

  onAddRoom = (): void => {
    const result = this.edit((client) => client.edit((doc) => addRoom(doc)))
    if (result?.ok) {
      const room = this.options.session.view.rooms.find((r) => r.id === result.value)
      this.options.announce(`${room?.name ?? 'A room'} added.`)
    }
  }

  onAssignRemaining = (): void => {
    const result = this.edit((client) =>
      client.edit((doc) => autoAssign(doc, { keepAssigned: true })))
    if (result?.ok) this.options.announce(`${count(result.value.size)} assigned to rooms.`)
  }

  onRoomRename = (event: CustomEvent<RoomRenameDetail>): void => {
    const { roomId, name } = event.detail
    const result = this.edit((client) => client.edit((doc) => renameRoom(doc, roomId, name)))
    if (result?.ok) this.options.announce(`Room renamed to ${name}.`)
  }

  onRoomDelete = (event: CustomEvent<RoomDetail>): void => {
    const room = this.options.session.view.rooms.find((r) => r.id === event.detail.roomId)
    const { roomId } = event.detail
    const result = this.edit((client) => client.edit((doc) => deleteRoom(doc, roomId)))
    if (result?.ok && room) {
      this.options.announce(
        `${room.name} deleted. ${count(room.assignedCount)} back in the main room.`)
    }
  }

  onHelpDismiss = (event: CustomEvent<HelpDismissDetail>): void => {
    void this.send({ type: 'dismiss-help', participantId: event.detail.participantId })
  }

  onPermissionChange = (event: CustomEvent<PermissionChangeDetail>): void => {
    const { permission, allowed } = event.detail
    this.edit((client) => client.edit((doc) => setPermission(doc, permission, allowed)))
  }

  /** Runs a plan edit, shows a refusal, and renders at once rather than next frame. */
  private edit<T>(change: (client: SessionClient) => Result<T>): Result<T> | null {
    const client = this.options.client()
    if (!client) return null
    const result = change(client)
    if (!result.ok) this.setError(result.error.message)
    this.options.session.refresh()
    return result
  }

  /** Keeps keyboard focus on a participant who just moved to another list. */
  private async focusParticipant(id: string): Promise<void> {
    await this.host.updateComplete
    const selector = `[data-participant-id="${CSS.escape(id)}"]`
    const lists = this.host.renderRoot.querySelectorAll<LitElement>('room-card, main-room-panel')
    for (const list of lists) {
      await list.updateComplete
      const row = list.renderRoot.querySelector<HTMLElement>(selector)
      if (!row) continue
      for (const other of list.renderRoot.querySelectorAll<HTMLElement>('.person')) {
        other.tabIndex = -1
      }
      row.tabIndex = 0
      row.focus()
      return
    }
  }

  // Only a real change renders, as with a reactive property.
  private setBusy(busy: Command['type'] | null): void {
    if (busy === this.sending) return
    this.sending = busy
    this.host.requestUpdate()
  }

  private setError(message: string): void {
    if (message === this.failure) return
    this.failure = message
    this.host.requestUpdate()
  }
}
