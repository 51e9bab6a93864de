/**
 * Mass disconnect: every client drops its socket in the same instant, as when
 * a meeting ends or a network link fails, and the server must live through it.
 *
 * The clients come from the connect scenario and hold awareness state, so
 * each departure makes the server remove a state and tell the others. The
 * reference answers a send to a closing socket by closing it again, which
 * removes that client's state and sends again, recursively, one level per
 * socket that is closing but not yet closed. How deep that goes depends on
 * how many departures the server reads in one turn of its event loop:
 *
 * - `paused: true`: the server is stopped (SIGSTOP) while the clients drop
 *   their sockets and resumed 200 ms later, so it reads every departure in
 *   one turn, as it would after any pause of its event loop (a long
 *   broadcast, a garbage collection) that a class leaving happens to meet;
 * - `paused: false`: the clients drop their sockets while the server runs,
 *   and it may read the departures in a few batches instead.
 *
 * Whether the reference's stack overflows also depends on how large its
 * frames are at that moment (which functions V8 has optimised), so at about
 * a thousand clients it dies in some runs and not others; when it lives, the
 * removals cost it seconds of CPU, one sent to everyone per departure.
 */
import { sleep } from './async-tools.js'
import type { LoadClient } from './load-client.js'
import type { ServerUnderTest } from './server-under-test.js'

export interface MassDisconnectResult {
  clients: number
  /** Of those, still connected when they dropped their sockets. */
  open: number
  /** Whether the server was paused while the clients left. */
  paused: boolean
  survived: boolean
  /** Server CPU from the drop until quiet; null when it died. */
  serverCpuMs: number | null
  /** Until the server's work ended or it died (within a poll of 100 ms). */
  busyMs: number | null
  /** The line of the server's output that tells how it died. */
  crash: string | null
}

/** Long enough for every socket's end to reach the paused server's kernel buffers. */
const PAUSE_MS = 200
/** How long to wait after the server went quiet before checking that it still serves. */
const AFTERMATH_MS = 500

export async function runMassDisconnect(server: ServerUnderTest,
  clients: readonly LoadClient[], { paused }: { paused: boolean }):
  Promise<MassDisconnectResult> {
  const open = clients.filter((client) => !client.closed).length
  const cpuBefore = server.cpuMs()
  const started = performance.now()
  if (paused) server.pause()
  for (const client of clients) client.socket.terminate()
  if (paused) {
    await sleep(PAUSE_MS)
    server.resume()
  }
  const quietSince = await server.settle()
  const busyMs = quietSince === null ? null : quietSince - started
  const serverCpuMs = cpuSince(server, cpuBefore)
  await sleep(AFTERMATH_MS)

  const survived = await server.probe()
  return {
    clients: clients.length,
    open,
    paused,
    survived,
    serverCpuMs: survived ? serverCpuMs : null,
    busyMs,
    crash: survived ? null : crashLine(server.output()),
  }
}

function cpuSince(server: ServerUnderTest, before: number): number | null {
  try {
    return server.exited() ? null : server.cpuMs() - before
  } catch {
    return null // it exited between the check and the read
  }
}

function crashLine(output: string): string {
  const lines = output.split('\n').map((line) => line.trim()).filter(Boolean)
  const error = lines.find((line) => /Error|exception/i.test(line))
  return error ?? lines.at(-1) ?? 'no output'
}
