/**
 * Seeded convergence fuzzing of the session model.
 *
 * Four replicas of one session: replica 0 is the server (roster, lifecycle,
 * configuration, repair), replicas 1-3 are moderators editing the plan; every
 * replica may edit the plan, and replica 1 sometimes repairs and changes the
 * roster too, as a second server process would. Each step either makes a
 * random operation (valid or not) on one replica, or delivers a few buffered
 * updates, in random order and sometimes twice. Along the way:
 *
 * - an operation that fails must not emit an update;
 * - the acting replica's view must keep every promise (see invariants.ts);
 * - a replica that just repaired must be within its room limit.
 *
 * At the end everything in flight is delivered, the server repairs, and all
 * replicas must hold the same bytes, show the same view and be within limits.
 *
 * A failure names its seed. Replay one with `FUZZ_SEED=1234 npx vitest run
 * test/node/model-convergence.test.ts`; `FUZZ_STEPS` changes the run length.
 * Room ids come from `crypto.getRandomValues`, so that is seeded too.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import {
  ASSIGNMENT_MODES,
  PERMISSIONS,
  addRoom,
  assign,
  autoAssign,
  configureSession,
  createRooms,
  deleteRoom,
  endBreakout,
  extendBreakout,
  liveRooms,
  maxRoomsOf,
  needsRepair,
  removeParticipant,
  renameRoom,
  repair,
  scheduleEnd,
  setAssignmentMode,
  setPermission,
  setTimeLimit,
  startBreakout,
  upsertParticipant,
  viewOf,
  type AssignmentMode,
  type Permission,
  type Result,
  type Role,
} from '../../shared/index.js'
import { Network, replicas, stateOf, updatesDuring } from './replicas.js'
import { viewProblems } from './invariants.js'
import { pick, pickOne, seededRandom, type Random } from './random.js'

const DEFAULT_SEEDS = [1, 2, 3, 4, 5, 20260105]
const SEEDS = process.env.FUZZ_SEED ? [wholeNumber('FUZZ_SEED')] : DEFAULT_SEEDS
const STEPS = process.env.FUZZ_STEPS ? wholeNumber('FUZZ_STEPS') : 4000
const REPLICAS = 4
const PEOPLE = [...Array.from({ length: 18 }, (_, i) => `p${i}`), 'm0', 'm1']
const NAMES = ['Ada', 'Ben', 'Cleo', 'Dev', 'Eve', 'Finn', 'Ada', 'Zoë', 'émile', 'Olu']
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0)

/** One step's outcome: its name for the log, and its result when it has one. */
interface Step {
  readonly name: string
  readonly result?: Result<unknown>
}

class Run {
  readonly random: Random
  readonly docs: Y.Doc[]
  readonly network: Network
  readonly log: string[] = []
  readonly succeeded = new Map<string, number>()
  /** Every room id any replica has created, deleted ones included. */
  readonly roomsEver = new Set<string>()
  now = T0

  constructor(readonly seed: number) {
    this.random = seededRandom(seed)
    this.docs = replicas(REPLICAS)
    this.network = new Network(this.docs)
  }

  fail(problem: string): never {
    const recent = this.log.slice(-25).join('\n  ')
    return expect.fail(`seed ${this.seed} (replay with FUZZ_SEED=${this.seed}): ${problem}` +
      `\n  last steps:\n  ${recent}`)
  }

  step(index: number): void {
    this.now += pick(this.random, 20_000)
    if (this.random() < 0.25) {
      // Enough to keep up on average, so queues stay short while order still varies.
      const count = 1 + pick(this.random, 16)
      for (let i = 0; i < count; i++) this.network.deliverOne(this.random, 0.1)
      return
    }
    const replica = this.random() < 0.3 ? 0 : pick(this.random, REPLICAS)
    const doc = this.docs[replica] as Y.Doc
    let step: Step = { name: 'nothing' }
    const updates = updatesDuring(doc, () => {
      if (replica === 0 && this.random() < 0.5) step = this.serverStep(doc)
      else if (replica === 1 && this.random() < 0.1) step = this.rosterStep(doc)
      else step = this.planStep(doc)
    })
    const outcome = step.result === undefined ? 'done' : step.result.ok ? 'ok' :
      step.result.error.code
    this.log.push(`#${index} replica ${replica}: ${step.name} -> ${outcome}`)
    if (step.result?.ok !== false) {
      const kind = step.name.split('(')[0] as string
      this.succeeded.set(kind, (this.succeeded.get(kind) ?? 0) + 1)
    }
    if (step.result?.ok === false && updates > 0) {
      this.fail(`${step.name} failed but sent ${updates} updates`)
    }
    if (step.name.startsWith('repair') && liveRooms(doc).length > maxRoomsOf(doc)) {
      this.fail(`replica ${replica} has more rooms than its maximum right after repair`)
    }
    if (/^(createRooms|addRoom)/.test(step.name) && step.result?.ok &&
      liveRooms(doc).length > maxRoomsOf(doc)) {
      this.fail(`${step.name} on replica ${replica} went past the maximum`)
    }
    const problems = viewProblems(viewOf(doc, this.now))
    if (problems.length > 0) this.fail(`replica ${replica}: ${problems.join('; ')}`)
  }

  planStep(doc: Y.Doc): Step {
    const { random } = this
    const choice = pick(random, 100)
    if (choice < 6) {
      const count = pick(random, 8)
      const replace = random() < 0.3
      const result = createRooms(doc, count, { replace })
      if (result.ok) for (const id of result.value) this.roomsEver.add(id)
      return { name: `createRooms(${count}, replace ${replace})`, result }
    }
    if (choice < 16) {
      const name = this.maybeRoomName()
      const result = addRoom(doc, name)
      if (result.ok) this.roomsEver.add(result.value)
      return { name: `addRoom(${JSON.stringify(name)})`, result }
    }
    if (choice < 24) {
      const room = this.someRoom(doc)
      const name = this.maybeRoomName() ?? 'Renamed'
      return { name: `renameRoom(${room}, ${JSON.stringify(name)})`,
        result: renameRoom(doc, room, name) }
    }
    if (choice < 30) {
      const room = this.someRoom(doc)
      return { name: `deleteRoom(${room})`, result: deleteRoom(doc, room) }
    }
    if (choice < 62) {
      const person = random() < 0.05 ? '' : pickOne(random, PEOPLE)
      const room = random() < 0.25 ? null : this.someRoom(doc)
      return { name: `assign(${person}, ${room})`, result: assign(doc, person, room) }
    }
    if (choice < 70) {
      const participants = random() < 0.5 ? undefined :
        PEOPLE.filter(() => random() < 0.4)
      const keepAssigned = random() < 0.5
      return {
        name: `autoAssign(${participants?.join(' ') ?? 'everyone'}, keep ${keepAssigned})`,
        result: autoAssign(doc, { participants, keepAssigned, random }),
      }
    }
    if (choice < 76) {
      const mode = pickOne(random, [...ASSIGNMENT_MODES, 'lottery']) as AssignmentMode
      return { name: `setAssignmentMode(${mode})`, result: setAssignmentMode(doc, mode) }
    }
    if (choice < 84) {
      const seconds = pickOne(random, [null, 60, 300, 600, 3600, 0, -5, 1.5])
      return { name: `setTimeLimit(${seconds})`, result: setTimeLimit(doc, seconds) }
    }
    if (choice < 94) {
      const key = pickOne(random, [...PERMISSIONS, 'teleport']) as Permission
      const allowed = random() < 0.5
      return { name: `setPermission(${key}, ${allowed})`,
        result: setPermission(doc, key, allowed) }
    }
    if (doc === this.docs[1] || doc === this.docs[0]) {
      const report = repair(doc)
      return { name: `repair(removed ${report.roomsRemoved.length})` }
    }
    return { name: 'nothing' }
  }

  serverStep(doc: Y.Doc): Step {
    const { random, now } = this
    const choice = pick(random, 100)
    if (choice < 42) return this.rosterStep(doc)
    if (choice < 50) {
      const maxRooms = pickOne(random, [1, 2, 3, 5, 8, 10, 15, 20, 0, 101])
      return { name: `configureSession(${maxRooms})`,
        result: configureSession(doc, { maxRooms }) }
    }
    if (choice < 62) return { name: `startBreakout(${now})`, result: startBreakout(doc, now) }
    if (choice < 72) return { name: `endBreakout(${now})`, result: endBreakout(doc, now) }
    if (choice < 80) {
      const seconds = pickOne(random, [60, 300, -120, 0, 100_000])
      return { name: `extendBreakout(${seconds})`, result: extendBreakout(doc, seconds) }
    }
    if (choice < 86) {
      const endsAt = now + pick(random, 120_000)
      return { name: `scheduleEnd(${endsAt})`, result: scheduleEnd(doc, endsAt) }
    }
    const report = repair(doc)
    return { name: `repair(removed ${report.roomsRemoved.length})` }
  }

  /**
   * A roster change. Mostly on the server replica; replica 1 makes some too, as
   * a second server process behind a load balancer would, so that replicas
   * learn roster entries in different orders.
   */
  rosterStep(doc: Y.Doc): Step {
    const { random } = this
    const id = pickOne(random, PEOPLE)
    if (random() < 0.15) {
      return { name: `removeParticipant(${id})`, result: removeParticipant(doc, id) }
    }
    const role: Role = id.startsWith('m') || random() < 0.05 ? 'moderator' : 'participant'
    const name = random() < 0.03 ? '' : pickOne(random, NAMES)
    const online = random() < 0.8
    return { name: `upsertParticipant(${id}, ${name}, ${role}, ${online})`,
      result: upsertParticipant(doc, { id, name, role, online }) }
  }

  /** Mostly a live room of this replica; sometimes a deleted or made-up one. */
  someRoom(doc: Y.Doc): string {
    const live = liveRooms(doc)
    if (live.length > 0 && this.random() < 0.8) return pickOne(this.random, live).id
    if (this.roomsEver.size > 0 && this.random() < 0.8) {
      return pickOne(this.random, [...this.roomsEver])
    }
    return 'no-such-room'
  }

  maybeRoomName(): string | undefined {
    const roll = this.random()
    if (roll < 0.5) return undefined
    if (roll < 0.9) return `${pickOne(this.random, NAMES)} ${pick(this.random, 10)}`
    return pickOne(this.random, ['', '   ', 'x'.repeat(65)])
  }

  /** Delivers everything, lets the server repair, and delivers that too. */
  settle(): void {
    this.network.drain(this.random, 0.1)
    const [server, second] = this.docs as [Y.Doc, Y.Doc]
    // Two server processes may repair the same merged state at once.
    repair(server)
    repair(second)
    this.network.drain(this.random, 0.1)
  }
}

/** Room ids come from `crypto.getRandomValues`; seed it so that a run replays exactly. */
function seedRoomIds(seed: number): void {
  const random = seededRandom(seed ^ 0x5eed)
  const fill = <T extends ArrayBufferView | null>(array: T): T => {
    if (array instanceof Uint8Array) {
      for (let i = 0; i < array.length; i++) array[i] = pick(random, 256)
    }
    return array
  }
  vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation(fill)
}

describe('model convergence', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it.each(SEEDS)('converges on every replica with every invariant kept, seed %i', (seed) => {
    seedRoomIds(seed)
    const run = new Run(seed)
    for (let index = 0; index < STEPS; index++) run.step(index)
    run.settle()

    const [first, ...rest] = run.docs as [Y.Doc, ...Y.Doc[]]
    const bytes = stateOf(first)
    const view = JSON.stringify(viewOf(first, run.now))
    rest.forEach((doc, i) => {
      if (!equalBytes(stateOf(doc), bytes)) run.fail(`replica ${i + 1} holds other bytes`)
      if (JSON.stringify(viewOf(doc, run.now)) !== view) {
        run.fail(`replica ${i + 1} shows another view`)
      }
    })
    for (const [i, doc] of run.docs.entries()) {
      const problems = viewProblems(viewOf(doc, run.now))
      if (problems.length > 0) run.fail(`replica ${i} after sync: ${problems.join('; ')}`)
      if (needsRepair(doc)) run.fail(`replica ${i} still needs repair after the final repair`)
      if (liveRooms(doc).length > maxRoomsOf(doc)) run.fail(`replica ${i} is past maxRooms`)
    }

    // The run must have exercised the model, or passing would prove nothing.
    if (STEPS >= 1000) {
      for (const kind of ['createRooms', 'addRoom', 'renameRoom', 'deleteRoom', 'assign',
        'autoAssign', 'setAssignmentMode', 'setTimeLimit', 'setPermission',
        'upsertParticipant', 'removeParticipant', 'configureSession', 'startBreakout',
        'endBreakout', 'extendBreakout', 'scheduleEnd', 'repair']) {
        expect(run.succeeded.get(kind) ?? 0, `seed ${seed}: ${kind} never succeeded`)
          .toBeGreaterThan(0)
      }
      expect(Object.keys(viewOf(first).participants).length, `seed ${seed}`).toBeGreaterThan(0)
    }
  })

  it('replays a run exactly from its seed', () => {
    const finalStates = [0, 1].map(() => {
      seedRoomIds(7)
      const run = new Run(7)
      for (let index = 0; index < 300; index++) run.step(index)
      run.settle()
      vi.restoreAllMocks()
      return { bytes: stateOf(run.docs[0] as Y.Doc), log: run.log.join('\n') }
    })
    expect(finalStates[1]?.log).toBe(finalStates[0]?.log)
    expect(finalStates[1]?.bytes).toEqual(finalStates[0]?.bytes)
  })
})

function wholeNumber(name: string): number {
  const value = Number(process.env[name])
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`${name} must be a whole number, got ${process.env[name]}`)
  }
  return value
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i])
}
