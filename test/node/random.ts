/**
 * A small seeded source of randomness for tests (mulberry32): the same seed
 * gives the same sequence on every machine, so a failing run can be replayed.
 */
export type Random = () => number

export function seededRandom(seed: number): Random {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A whole number from 0 to `below - 1`. */
export function pick(random: Random, below: number): number {
  return Math.floor(random() * below)
}

export function pickOne<T>(random: Random, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pickOne needs at least one item')
  return items[pick(random, items.length)] as T
}
