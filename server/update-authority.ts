/**
 * Decides whether a moderator's update may be applied, before it is applied.
 *
 * Moderators write the plan roots; the server alone writes the roster and the
 * lifecycle. Yjs updates do not name the root and key of every item they
 * carry: an item that overwrites an existing map key names only its left
 * neighbour (the value it replaces), and its parent and key are that
 * neighbour's. The session document is flat (every root is a map of plain
 * values, see shared/schema.ts), so each neighbour is either in this update or
 * already in the document, where it knows its root and key. Resolution walks
 * each chain of neighbours once (results are memoised).
 *
 * An update is refused when it:
 * - writes or deletes anything under a server-owned root;
 * - writes a nested shared type, or a value the plan cannot hold (a room name
 *   over 64 characters, an unknown permission, ...);
 * - builds on items the server does not have. Only a stale copy of a session
 *   (deleted and recreated, or from another server) does that, and the client
 *   must drop it.
 *
 * A sync step 2 carries its sender's whole delete set, so it names every
 * roster and lifecycle value the server itself overwrote. Deleting what the
 * server has already deleted changes nothing and is not a write.
 *
 * What a refusal cannot do is undo the update in its sender's copy. That is
 * why the close code of every refusal tells the client to resync.
 */
import * as Y from 'yjs'
import {
  MAX_ID_LENGTH,
  breakoutError,
  checkAssignmentMode,
  checkId,
  checkRoomName,
  checkTimeLimit,
  fail,
  isPermission,
  isPlanRoot,
  ok,
  type BreakoutError,
  type Result,
} from '../shared/index.js'

type Struct = Y.Item | Y.GC | Y.Skip

interface DeleteRanges {
  clients: Map<number, { clock: number; len: number }[]>
}

export function checkModeratorUpdate(doc: Y.Doc, update: Uint8Array): Result<void> {
  let decoded: { structs: Struct[]; ds: DeleteRanges }
  try {
    decoded = Y.decodeUpdate(update) as unknown as { structs: Struct[]; ds: DeleteRanges }
  } catch {
    return fail(breakoutError('MALFORMED_MESSAGE', 'the update could not be decoded'))
  }
  const incoming = new Map<number, Y.Item[]>()
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue
    let list = incoming.get(struct.id.client)
    if (!list) incoming.set(struct.id.client, (list = []))
    list.push(struct)
  }
  const resolver = new RootResolver(doc, incoming)

  const seen = new Set<number>()
  for (const struct of decoded.structs) {
    const client = struct.id.client
    // A skip, or a first struct past what the server has of its client, leaves a gap
    // that Yjs would park as pending: the sender holds state this session never had.
    const gap = struct instanceof Y.Skip ||
      (!seen.has(client) && struct.id.clock > Y.getState(doc.store, client))
    seen.add(client)
    if (gap) return fail(missing(struct.id))
    if (!(struct instanceof Y.Item)) continue
    const problem = checkItem(struct, resolver)
    if (problem) return fail(problem)
  }
  for (const [client, ranges] of decoded.ds.clients) {
    for (const { clock, len } of ranges) {
      const problem = checkDeletion(resolver, client, clock, len)
      if (problem) return fail(problem)
    }
  }
  return ok(undefined)
}

function checkItem(item: Y.Item, resolver: RootResolver): BreakoutError | null {
  const place = resolver.placeOf(item)
  if (place === undefined) return missing(item.id)
  if (place === null) return nested()
  const { root, key } = place
  if (!isPlanRoot(root)) return serverOwned(root)
  if (item.content instanceof Y.ContentDeleted) return null
  if (!(item.content instanceof Y.ContentAny)) return nested()
  if (key === null) return invalid(root, 'an entry of a map')
  return checkValue(root, key, item.content.getContent().at(-1))
}

/** What each plan root may hold, so a moderator cannot plant a value no view shows. */
function checkValue(root: string, key: string, value: unknown): BreakoutError | null {
  if (key.length > MAX_ID_LENGTH) {
    return invalid(root, `keys of at most ${MAX_ID_LENGTH} characters`)
  }
  switch (root) {
    case 'rooms': {
      const record = value as { name?: unknown; position?: unknown } | null
      if (typeof record !== 'object' || record === null) return invalid(root, '{ name, position }')
      const nameProblem = checkRoomName(record.name, `rooms[${key}].name`)
      if (nameProblem) return unplannable(nameProblem)
      return typeof record.position === 'number' && Number.isFinite(record.position) ? null :
        invalid(root, 'a finite position')
    }
    case 'deletedRooms':
      return value === true ? null : invalid(root, 'true')
    case 'assignments':
      return unplannable(checkId(value, `assignments[${key}]`))
    case 'settings':
      if (key === 'mode') return unplannable(checkAssignmentMode(value))
      if (key === 'timeLimitSeconds') return unplannable(checkTimeLimit(value))
      return invalid(root, 'the keys mode and timeLimitSeconds')
    case 'permissions':
      if (!isPermission(key)) return invalid(root, 'one of the seven permissions')
      return typeof value === 'boolean' ? null : invalid(root, 'true or false')
    default:
      return serverOwned(root)
  }
}

function checkDeletion(resolver: RootResolver, client: number, clock: number,
  len: number): BreakoutError | null {
  let at = clock
  while (at < clock + len) {
    const struct = resolver.structAt(client, at)
    if (struct === undefined) return missing({ client, clock: at })
    if (struct instanceof Y.Item && !resolver.isAlreadyDeleted(struct)) {
      const place = resolver.placeOf(struct)
      if (place === undefined) return missing(struct.id)
      if (place !== null && !isPlanRoot(place.root)) return serverOwned(place.root)
    }
    at = struct.id.clock + struct.length
  }
  return null
}

/** Where a map entry lives: its root and its key (null for a list item). */
interface Place {
  root: string
  key: string | null
}

/**
 * Finds the root and key of items in the update or in the document.
 * `undefined` means the item or a neighbour is unknown; `null` means it is
 * not directly under a root.
 */
class RootResolver {
  private readonly memo = new Map<Y.Item, Place | null | undefined>()

  constructor(private readonly doc: Y.Doc, private readonly incoming: Map<number, Y.Item[]>) {}

  placeOf(item: Y.Item): Place | null | undefined {
    if (this.memo.has(item)) return this.memo.get(item)
    this.memo.set(item, undefined)
    const place = this.resolve(item)
    this.memo.set(item, place)
    return place
  }

  /** True for an item of the document that is deleted there already. */
  isAlreadyDeleted(item: Y.Item): boolean {
    return item.deleted && findIn(this.incoming.get(item.id.client), item.id.clock) !== item
  }

  structAt(client: number, clock: number): Struct | undefined {
    const found = findIn(this.incoming.get(client), clock)
    if (found) return found
    if (clock >= Y.getState(this.doc.store, client)) return undefined
    const structs = this.doc.store.clients.get(client) as Struct[] | undefined
    if (!structs) return undefined
    return structs[Y.findIndexSS(structs, clock)]
  }

  private resolve(item: Y.Item): Place | null | undefined {
    const parent: unknown = item.parent
    if (typeof parent === 'string') return { root: parent, key: item.parentSub }
    if (parent instanceof Y.AbstractType) {
      return parent._item === null ? { root: Y.findRootTypeKey(parent), key: item.parentSub } : null
    }
    if (parent instanceof Y.ID) return null
    // Written without parent or key: both are the neighbour's.
    const neighbour = item.origin ?? item.rightOrigin
    if (neighbour === null) return undefined
    const struct = this.structAt(neighbour.client, neighbour.clock)
    if (struct === undefined) return undefined
    if (!(struct instanceof Y.Item)) return null
    return this.placeOf(struct)
  }
}

/** Binary search of a client's items, which an update lists in clock order. */
function findIn(items: readonly Y.Item[] | undefined, clock: number): Y.Item | undefined {
  if (!items) return undefined
  let low = 0
  let high = items.length - 1
  while (low <= high) {
    const middle = (low + high) >>> 1
    const item = items[middle] as Y.Item
    if (clock < item.id.clock) high = middle - 1
    else if (clock >= item.id.clock + item.length) low = middle + 1
    else return item
  }
  return undefined
}

function missing(id: { client: number; clock: number }): BreakoutError {
  return breakoutError('UNKNOWN_DEPENDENCY',
    `the update builds on item ${id.client}:${id.clock}, which this session does not have`)
}

function nested(): BreakoutError {
  return breakoutError('INVALID_UPDATE',
    'the update writes a nested shared type; every root holds plain values')
}

function serverOwned(root: string): BreakoutError {
  return breakoutError('SERVER_OWNED_STATE',
    `the update writes the root "${root}", which only the server writes`, { field: root })
}

/**
 * A value check's error as a refusal of the update, so that the close code
 * tells the client to resync, as for every other refusal.
 */
function unplannable(problem: BreakoutError | null): BreakoutError | null {
  if (problem === null) return null
  return breakoutError('INVALID_UPDATE', problem.message,
    { field: problem.field, value: problem.value, allowed: problem.allowed })
}

function invalid(root: string, allowed: string): BreakoutError {
  return breakoutError('INVALID_UPDATE', `entries of "${root}" must be ${allowed}`,
    { field: root, allowed })
}
