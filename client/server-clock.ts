/**
 * The server's clock as seen from this browser. Countdowns must agree across
 * machines whose clocks disagree, so every time shown is the server's.
 *
 * Each answer from the server carries its clock. Half the round trip is the
 * best guess of how old that stamp is on arrival:
 *
 *     sent 1000 ---- server stamps 5040 ---- received 1080   (local ms)
 *     round trip 80, so at 1080 the server reads 5040 + 40 = 5080
 *     offset = 5080 - 1080 = 4000
 *
 * The answer with the shortest round trip carries the least uncertainty, so a
 * slower answer never replaces it until the next reset (a reconnect, when the
 * network path may have changed).
 */
export class ServerClock {
  private offsetMs = 0
  private bestRoundTripMs = Infinity

  now(): number {
    return Date.now() + this.offsetMs
  }

  /** Takes one answer into account; true when the estimate changed. */
  sample(serverTime: number, sentAt: number, receivedAt: number): boolean {
    const roundTripMs = receivedAt - sentAt
    if (!Number.isFinite(serverTime) || roundTripMs < 0) return false
    if (roundTripMs > this.bestRoundTripMs) return false
    this.bestRoundTripMs = roundTripMs
    this.offsetMs = serverTime + roundTripMs / 2 - receivedAt
    return true
  }

  reset(): void {
    this.bestRoundTripMs = Infinity
  }
}
