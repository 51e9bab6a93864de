/**
 * CPU time and resident memory of another process, read from /proc, so a
 * server under test is measured from outside and needs no hook of its own.
 *
 * CPU time comes in clock ticks (10 ms on this machine): figures over a few
 * hundred milliseconds of work are good to a few percent, single events not.
 */
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'

const ticksPerSecond = readTicksPerSecond()

/** The resolution of `cpuMsOf`. */
export const cpuTickMs = 1000 / ticksPerSecond

/** User plus system CPU time of every thread of `pid` so far, in ms. */
export function cpuMsOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The command name in field 2 may hold spaces: count fields after its ')'.
  // The list then starts at field 3 (state); utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ticks = Number(fields[11]) + Number(fields[12])
  return (ticks * 1000) / ticksPerSecond
}

/** Resident set size of `pid`, in KB. */
export function rssKbOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status)
  if (!match) throw new Error(`/proc/${pid}/status has no VmRSS line`)
  return Number(match[1])
}

function readTicksPerSecond(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim())
    if (Number.isInteger(ticks) && ticks > 0) return ticks
  } catch {
    // getconf is part of libc-bin on Debian; without it, Linux's usual value.
  }
  return 100
}
