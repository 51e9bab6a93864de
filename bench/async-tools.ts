/**
 * Small waiting helpers for the benchmarks. Every wait here is bounded: a
 * benchmark that hangs tells nothing, one that times out says where.
 */

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/**
 * Runs `task(0)` to `task(count - 1)` with at most `concurrency` running at
 * once, and returns the results in index order.
 */
export async function mapConcurrent<T>(count: number, concurrency: number,
  task: (index: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count)
  let next = 0
  const worker = async () => {
    while (next < count) {
      const index = next++
      results[index] = await task(index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker))
  return results
}

/** Polls `check` every `everyMs` until it holds; false when `timeoutMs` passed first. */
export async function pollUntil(check: () => boolean | Promise<boolean>,
  { timeoutMs, everyMs = 50 }: { timeoutMs: number; everyMs?: number }): Promise<boolean> {
  const deadline = performance.now() + timeoutMs
  while (performance.now() < deadline) {
    if (await check()) return true
    await sleep(everyMs)
  }
  return false
}
