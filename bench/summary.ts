/**
 * Turns the samples of every repetition into medians and ratios
 * (ours / reference): one JSON record per compared metric, and a table for
 * people. A ratio under 1 means ours used less time, CPU or memory.
 */
import { median, rounded } from './stats.js'
import type { ServerKind } from './server-under-test.js'

export interface Sample {
  record: 'sample'
  rep: number
  server: ServerKind
  /** Which workload: `fanout-1000`, `connect-moderator`, `mass-disconnect`, ... */
  variant: string
  [field: string]: unknown
}

export interface SummaryRecord {
  record: 'summary'
  metric: string
  unit: string
  ours: number | string | null
  reference: number | string | null
  ratio: number | null
  oursSamples: unknown[]
  referenceSamples: unknown[]
}

interface Comparison {
  metric: string
  label: string
  unit: string
  ours: { variant: string; field: string }
  reference: { variant: string; field: string }
}

export function comparisons(small: number, large: number): Comparison[] {
  const same = (metric: string, label: string, unit: string, variant: string, field: string) =>
    ({ metric, label, unit, ours: { variant, field }, reference: { variant, field } })
  const connect = (role: string, field: string) => ({ variant: `connect-${role}`, field })
  return [
    same(`fanout_${small}_p50`, `fan-out p50, ${small} clients`, 'ms', `fanout-${small}`,
      'allP50Ms'),
    same(`fanout_${small}_p99`, `fan-out p99, ${small} clients`, 'ms', `fanout-${small}`,
      'allP99Ms'),
    same(`fanout_${large}_p50`, `fan-out p50, ${large} clients`, 'ms', `fanout-${large}`,
      'allP50Ms'),
    same(`fanout_${large}_p99`, `fan-out p99, ${large} clients`, 'ms', `fanout-${large}`,
      'allP99Ms'),
    same(`fanout_${large}_first_p50`, `first delivery p50, ${large} clients`, 'ms',
      `fanout-${large}`, 'firstP50Ms'),
    same(`fanout_${large}_delivery_p50`, `any delivery p50, ${large} clients`, 'ms',
      `fanout-${large}`, 'deliveryP50Ms'),
    same(`cpu_per_update_${large}`, `server CPU per update, ${large} clients`, 'ms',
      `fanout-${large}`, 'serverCpuMsPerUpdate'),
    same(`rss_per_connection_${large}`, `server memory per connection`, 'KB',
      `fanout-${large}`, 'rssKbPerConnection'),
    { metric: `connect_cpu_${large}_participants`,
      label: `connect ${large} w/ awareness, CPU (ours: participants)`, unit: 'ms',
      ours: connect('participant', 'serverCpuMs'), reference: connect('any', 'serverCpuMs') },
    { metric: `connect_cpu_${large}_moderators`,
      label: `connect ${large} w/ awareness, CPU (ours: moderators)`, unit: 'ms',
      ours: connect('moderator', 'serverCpuMs'), reference: connect('any', 'serverCpuMs') },
    { metric: `connect_busy_${large}_moderators`,
      label: `connect ${large} w/ awareness, server busy (moderators)`, unit: 'ms',
      ours: connect('moderator', 'busyMs'), reference: connect('any', 'busyMs') },
    same(`mass_disconnect_cpu_${large}`, `mass disconnect of ${large}, CPU (if survived)`, 'ms',
      'mass-disconnect', 'serverCpuMs'),
  ]
}

export function summarise(samples: readonly Sample[], small: number, large: number):
  SummaryRecord[] {
  const values = (server: ServerKind, { variant, field }: { variant: string; field: string }) =>
    samples.filter((sample) => sample.server === server && sample.variant === variant)
      .map((sample) => sample[field])
      .filter((value): value is number => typeof value === 'number' && Number.isFinite(value))
  const records: SummaryRecord[] = comparisons(small, large).map((comparison) => {
    const oursSamples = values('ours', comparison.ours)
    const referenceSamples = values('reference', comparison.reference)
    const ours = oursSamples.length > 0 ? median(oursSamples) : null
    const reference = referenceSamples.length > 0 ? median(referenceSamples) : null
    return {
      record: 'summary',
      metric: comparison.metric,
      unit: comparison.unit,
      ours: ours === null ? null : rounded(ours),
      reference: reference === null ? null : rounded(reference),
      ratio: ours !== null && reference ? rounded(ours / reference, 3) : null,
      oursSamples: oursSamples.map((value) => rounded(value)),
      referenceSamples: referenceSamples.map((value) => rounded(value)),
    }
  })
  const runs = (server: ServerKind) => samples.filter((sample) =>
    sample.server === server && sample.variant === 'mass-disconnect')
  const survived = (server: ServerKind) =>
    `${runs(server).filter((run) => run.survived === true).length}/${runs(server).length}`
  records.push({
    record: 'summary',
    metric: `mass_disconnect_${large}_survived`,
    unit: 'runs survived',
    ours: survived('ours'),
    reference: survived('reference'),
    ratio: null,
    oursSamples: runs('ours').map((run) => run.survived),
    referenceSamples: runs('reference').map((run) => run.survived),
  })
  return records
}

/** A fixed-width table of the summary, for a terminal. */
export function formatTable(records: readonly SummaryRecord[], small: number,
  large: number): string {
  const labels = new Map(comparisons(small, large).map((c) => [c.metric, c.label]))
  labels.set(`mass_disconnect_${large}_survived`, `mass disconnect of ${large}: survived`)
  const rows = records.map((record) => [
    labels.get(record.metric) ?? record.metric,
    record.unit === 'runs survived' ? '' : record.unit,
    String(record.ours ?? '-'),
    String(record.reference ?? '-'),
    record.ratio === null ? '' : record.ratio.toFixed(2),
  ])
  const header = ['metric (median over repetitions)', 'unit', 'ours', 'reference', 'ours/ref']
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] as string).length)))
  const line = (cells: string[]) => cells.map((cell, column) => column === 0
    ? cell.padEnd(widths[column] as number)
    : cell.padStart(widths[column] as number)).join('  ')
  return [line(header), ...rows.map(line)].join('\n')
}
