/**
 * Balanced random placement.
 *
 * People to place are shuffled, then each goes to the room with the fewest
 * members at that moment. Rooms are shuffled once up front so that ties break
 * at random rather than always favouring the first room:
 *
 *     rooms  A:2  B:0  C:1     (A keeps two people who were already placed)
 *     place  p1 -> B (0)  p2 -> B or C (1)  p3 -> the other (1)
 *     result A:2  B:2  C:2     a fourth person would go to any of the three
 *
 * With nobody kept in place the result always differs by at most one. People
 * kept in place can make that impossible (five kept in one room, one new
 * person); the rest then still go where the gap is largest.
 *
 * A bucket queue keeps each step O(1) amortised, so 5,000 people over 100
 * rooms costs about as much as the shuffle.
 */

export type Random = () => number

export function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const swap = items[i] as T
    items[i] = items[j] as T
    items[j] = swap
  }
  return items
}

/**
 * Places `people` into rooms whose current sizes are `sizes` (room id -> size).
 * Returns person id -> room id.
 */
export function balancedPlacement(
  people: readonly string[],
  sizes: ReadonlyMap<string, number>,
  random: Random,
): Map<string, string> {
  const placement = new Map<string, string>()
  if (sizes.size === 0) return placement
  // buckets[n] holds the rooms that now have n members, in shuffled order.
  const buckets: string[][] = []
  for (const roomId of shuffle([...sizes.keys()], random)) {
    const size = sizes.get(roomId) ?? 0
    ;(buckets[size] ??= []).push(roomId)
  }
  let smallest = buckets.findIndex((bucket) => bucket !== undefined && bucket.length > 0)
  for (const person of shuffle([...people], random)) {
    while (!buckets[smallest]?.length) smallest++
    const roomId = (buckets[smallest] as string[]).shift() as string
    placement.set(person, roomId)
    ;(buckets[smallest + 1] ??= []).push(roomId)
  }
  return placement
}
