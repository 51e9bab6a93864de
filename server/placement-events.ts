/**
 * A host platform's live feed of where each participant belongs, as
 * server-sent events on `GET /api/sessions/:id/events`.
 *
 *   event: snapshot   { phase, round, endsAt, serverTime, placements: { id: roomId | null } }
 *   event: moved      { serverTime, moves: [{ participantId, roomId, previousRoomId }] }
 *   event: phase      { phase, round, endsAt, serverTime }
 *
 * `placements` is where people are now (everyone in the main room, null,
 * unless rooms are running), which is what a host needs to move their media.
 * Changes are gathered for a moment and sent as one event, so a round that
 * opens for 5,000 people is one `phase` and one `moved` event.
 */
import type { ServerResponse } from 'node:http'
import { viewOf, type Phase } from '../shared/index.js'
import type { HostedSession } from './hosted-session.js'

const GATHER_MS = 50
const HEARTBEAT_MS = 25_000

interface Summary {
  phase: Phase
  round: number
  endsAt: number | null
  placements: Map<string, string | null>
}

export function streamPlacements(session: HostedSession, response: ServerResponse,
  now: () => number, onEnd: () => void): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'connection': 'keep-alive',
  })
  let last = summarize(session, now)
  write(response, 'snapshot', { phase: last.phase, round: last.round, endsAt: last.endsAt,
    serverTime: now(), placements: Object.fromEntries(last.placements) })

  let timer: ReturnType<typeof setTimeout> | null = null
  const flush = () => {
    timer = null
    const next = summarize(session, now)
    const serverTime = now()
    if (next.phase !== last.phase || next.round !== last.round || next.endsAt !== last.endsAt) {
      write(response, 'phase', { phase: next.phase, round: next.round, endsAt: next.endsAt,
        serverTime })
    }
    const moves = []
    for (const [participantId, roomId] of next.placements) {
      const previousRoomId = last.placements.get(participantId) ?? null
      if (roomId !== previousRoomId) moves.push({ participantId, roomId, previousRoomId })
    }
    if (moves.length > 0) write(response, 'moved', { serverTime, moves })
    last = next
  }
  const onUpdate = () => {
    timer ??= setTimeout(flush, GATHER_MS)
  }
  const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), HEARTBEAT_MS)
  const stop = () => {
    if (timer) clearTimeout(timer)
    clearInterval(heartbeat)
    session.doc.off('update', onUpdate)
    session.doc.off('destroy', end)
    onEnd()
  }
  const end = () => response.end()
  session.doc.on('update', onUpdate)
  session.doc.on('destroy', end)
  response.on('close', stop)
}

function summarize(session: HostedSession, now: () => number): Summary {
  const view = viewOf(session.doc, now())
  const placements = new Map<string, string | null>()
  for (const participant of Object.values(view.participants)) {
    placements.set(participant.id, participant.roomId)
  }
  return { phase: view.phase, round: view.round, endsAt: view.endsAt, placements }
}

function write(response: ServerResponse, event: string, data: unknown): void {
  response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
}
