/**
 * The session model's public entry point, used by the server, the components
 * and embedding pages. The names exported here are a public API.
 */
export * from './schema.js'
export * from './errors.js'
export * from './validate.js'
export { randomId } from './ids.js'
export {
  liveRooms,
  isLiveRoom,
  maxRoomsOf,
  modeOf,
  timeLimitOf,
  permissionOf,
  phaseOf,
  assignedRoom,
  type LiveRoom,
} from './read.js'
export {
  createRooms,
  addRoom,
  renameRoom,
  deleteRoom,
  assign,
  autoAssign,
  setAssignmentMode,
  setTimeLimit,
  setPermission,
  type CreateRoomsOptions,
  type AutoAssignOptions,
} from './plan-operations.js'
export {
  upsertParticipant,
  removeParticipant,
  configureSession,
  startBreakout,
  endBreakout,
  extendBreakout,
  scheduleEnd,
  postMessage,
  askForHelp,
  dismissHelp,
  type MessageInput,
  type ParticipantInput,
  type SessionConfig,
} from './server-operations.js'
export { balancedPlacement, shuffle, type Random } from './auto-assign.js'
export { viewOf, type SessionView, type RoomView, type MainRoomView, type ParticipantView,
  type PersonView, type SettingsView, type MessageView, type HelpRequestView } from './view.js'
export * from './protocol.js'
export { repair, needsRepair, type RepairReport } from './repair.js'
