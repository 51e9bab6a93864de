/**
 * Replicas of one session document, exchanging updates the way providers do
 * but only when a test says so. Client ids are fixed so that a conflict
 * resolves the same way on every run.
 */
import * as Y from 'yjs'

/** `count` empty documents with client ids 1..count. */
export function replicas(count: number): Y.Doc[] {
  return Array.from({ length: count }, (_, index) => {
    const doc = new Y.Doc()
    doc.clientID = index + 1
    return doc
  })
}

/**
 * Sends every document what each other one lacks. One pass suffices: each
 * document hears from every other one directly.
 */
export function sync(...docs: Y.Doc[]): void {
  for (const from of docs) {
    for (const to of docs) {
      if (from === to) continue
      Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'sync')
    }
  }
}

/** How many updates `run` makes the document emit. */
export function updatesDuring(doc: Y.Doc, run: () => void): number {
  let updates = 0
  const count = (): void => {
    updates++
  }
  doc.on('update', count)
  try {
    run()
  } finally {
    doc.off('update', count)
  }
  return updates
}

/** The whole document as bytes, to compare before and after. */
export function stateOf(doc: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(doc)
}

interface Envelope {
  readonly update: Uint8Array
  /** Whether this copy is a second delivery of an update already sent. */
  readonly repeat: boolean
}

/**
 * A full mesh of links between replicas that buffers every update until the
 * test delivers it, in any order and sometimes twice, as a flaky network and
 * a reconnecting provider would. Updates a replica receives are not relayed:
 * each replica hears every other one directly.
 */
export class Network {
  private readonly queues: Envelope[][][]

  constructor(readonly docs: readonly Y.Doc[]) {
    this.queues = docs.map(() => docs.map(() => []))
    docs.forEach((doc, from) => {
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === this) return
        docs.forEach((_, to) => {
          if (to !== from) this.queues[from]?.[to]?.push({ update, repeat: false })
        })
      })
    })
  }

  /** Updates still in flight. */
  get pending(): number {
    let count = 0
    for (const row of this.queues) for (const queue of row) count += queue.length
    return count
  }

  /**
   * Delivers one update, chosen by `random` from any link and any place in
   * that link's queue. With probability `repeatChance` a copy stays queued to
   * arrive again later. Returns false when nothing is in flight.
   */
  deliverOne(random: () => number, repeatChance = 0): boolean {
    const links: [number, number][] = []
    this.queues.forEach((row, from) => row.forEach((queue, to) => {
      if (queue.length > 0) links.push([from, to])
    }))
    if (links.length === 0) return false
    const [from, to] = links[Math.floor(random() * links.length)] as [number, number]
    const queue = this.queues[from]?.[to] as Envelope[]
    const [envelope] = queue.splice(Math.floor(random() * queue.length), 1) as [Envelope]
    if (!envelope.repeat && random() < repeatChance) {
      queue.push({ update: envelope.update, repeat: true })
    }
    Y.applyUpdate(this.docs[to] as Y.Doc, envelope.update, this)
    return true
  }

  /** Delivers everything in flight, in random order. */
  drain(random: () => number, repeatChance = 0): void {
    let delivered = true
    while (delivered) delivered = this.deliverOne(random, repeatChance)
  }
}
