/**
 * What deriving the view costs at the largest session the product promises:
 * 5,000 participants in 100 rooms. Every client derives it after each change,
 * so this bounds how often a dashboard can follow a busy session.
 *
 *   node --import tsx bench/view-derivation.ts [--rounds 200]
 *
 * Prints one JSON line per measurement: median and p95 milliseconds per call.
 */
import { parseArgs } from 'node:util'
import * as Y from 'yjs'
import {
  assign,
  autoAssign,
  createRooms,
  configureSession,
  startBreakout,
  upsertParticipant,
  viewOf,
} from '../shared/index.js'

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '200' } } })
const rounds = Math.max(10, Number(values.rounds) || 200)

const doc = new Y.Doc()
configureSession(doc, { maxRooms: 100 })
createRooms(doc, 100)
doc.transact(() => {
  for (let i = 0; i < 5000; i++) {
    upsertParticipant(doc, { id: `p${i}`, name: `Participant ${i}`, role: 'participant',
      online: i % 3 !== 0 })
  }
})
autoAssign(doc)
startBreakout(doc, Date.now())

function measure(name: string, run: () => void): void {
  for (let i = 0; i < 10; i++) run()
  const times: number[] = []
  for (let i = 0; i < rounds; i++) {
    const started = performance.now()
    run()
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  const at = (q: number) => Number((times[Math.floor(q * (times.length - 1))] as number).toFixed(3))
  process.stdout.write(`${JSON.stringify({ bench: name, participants: 5000, rooms: 100,
    rounds, medianMs: at(0.5), p95Ms: at(0.95) })}\n`)
}

measure('viewOf', () => viewOf(doc, Date.now()))
const rooms = viewOf(doc).rooms
let turn = 0
measure('assign then viewOf', () => {
  assign(doc, `p${turn % 5000}`, (rooms[turn % rooms.length] as { id: string }).id)
  turn++
  viewOf(doc, Date.now())
})
