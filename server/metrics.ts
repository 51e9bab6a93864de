/**
 * Counters and gauges in the Prometheus text format. Small on purpose: the
 * server exposes a handful of series, and a client library would be most of
 * its dependency weight.
 */

type Labels = Record<string, string>

interface Series {
  help: string
  type: 'counter' | 'gauge'
  values: Map<string, number>
}

export class Metrics {
  private readonly series = new Map<string, Series>()

  constructor() {
    this.define('breakout_connections_open', 'gauge', 'WebSocket connections open now')
    this.define('breakout_connections_total', 'counter', 'WebSocket connections accepted')
    this.define('breakout_connections_refused_total', 'counter', 'Connections refused or closed')
    this.define('breakout_sessions_loaded', 'gauge', 'Sessions held in memory')
    this.define('breakout_updates_applied_total', 'counter', 'Document updates applied')
    this.define('breakout_updates_dropped_total', 'counter', 'Participant updates dropped')
    this.define('breakout_update_bytes_total', 'counter', 'Bytes of updates applied')
    this.define('breakout_messages_sent_total', 'counter', 'WebSocket messages sent')
    this.define('breakout_repairs_total', 'counter', 'Compensating edits made by repair')
    this.define('breakout_compactions_total', 'counter', 'Update logs compacted')
    this.define('breakout_http_requests_total', 'counter', 'HTTP requests answered')
    this.define('breakout_rooms_closed_by_clock_total', 'counter', 'Rounds closed by the clock')
  }

  increment(name: string, labels: Labels = {}, by = 1): void {
    const series = this.get(name)
    const key = labelKey(labels)
    series.values.set(key, (series.values.get(key) ?? 0) + by)
  }

  set(name: string, value: number, labels: Labels = {}): void {
    this.get(name).values.set(labelKey(labels), value)
  }

  value(name: string, labels: Labels = {}): number {
    return this.get(name).values.get(labelKey(labels)) ?? 0
  }

  render(): string {
    const lines: string[] = []
    for (const [name, series] of this.series) {
      lines.push(`# HELP ${name} ${series.help}`, `# TYPE ${name} ${series.type}`)
      if (series.values.size === 0) lines.push(`${name} 0`)
      for (const [key, value] of series.values) lines.push(`${name}${key} ${value}`)
    }
    return `${lines.join('\n')}\n`
  }

  private define(name: string, type: Series['type'], help: string): void {
    this.series.set(name, { help, type, values: new Map() })
  }

  private get(name: string): Series {
    const series = this.series.get(name)
    if (!series) throw new Error(`metric ${name} is not defined`)
    return series
  }
}

function labelKey(labels: Labels): string {
  const entries = Object.entries(labels)
  if (entries.length === 0) return ''
  const body = entries
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, value]) => `${key}="${value.replace(/["\\\n]/g, '_')}"`)
    .join(',')
  return `{${body}}`
}
