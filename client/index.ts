/**
 * The browser entry point for embedding pages: importing it registers
 * `<breakout-dashboard>` and `<breakout-participant>` (and the elements they
 * use), and exports the session client for pages that share one client
 * between components.
 */
export { BreakoutDashboard } from './breakout-dashboard.js'
export { BreakoutParticipant, type RoomChangeDetail } from './breakout-participant.js'
export {
  SessionClient,
  type ConnectionState,
  type CommandResult,
  type DocChange,
  type LocalClientOptions,
  type RemoteClientOptions,
  type SessionUser,
} from './session-client.js'
export { SessionController } from './session-controller.js'
export { decodeToken } from './token.js'
