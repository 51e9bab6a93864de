/**
 * The demo a newcomer gets when the server made its own admin key: one
 * session with a roster of a few dozen participants (tokens issued, nobody
 * connected) and links to open it as a moderator or as a participant.
 */
import { signToken } from './tokens.js'
import type { App } from './app.js'
import type { SessionStore } from './storage/session-store.js'
import type { TokenClaims } from '../shared/index.js'

const NAMES = [
  'Ada Lovelace', 'Alan Turing', 'Barbara Liskov', 'Claude Shannon', 'Donald Knuth',
  'Edsger Dijkstra', 'Frances Allen', 'Grace Hopper', 'Hedy Lamarr', 'Ivan Sutherland',
  'John McCarthy', 'Katherine Johnson', 'Ken Thompson', 'Leslie Lamport', 'Margaret Hamilton',
  'Niklaus Wirth', 'Radia Perlman', 'Tim Berners-Lee', 'Vint Cerf', 'Whitfield Diffie',
  'Adele Goldberg', 'Bjarne Stroustrup', 'Butler Lampson', 'Dennis Ritchie', 'Fran Bilas',
  'Guido van Rossum', 'Jean Sammet', 'Joan Clarke', 'Kathleen Booth', 'Lynn Conway',
  'Mary Allen Wilkes', 'Robin Milner', 'Shafi Goldwasser', 'Sophie Wilson', 'Tony Hoare',
  'Yukihiro Matsumoto',
]

export interface DemoLinks {
  sessionId: string
  moderator: string
  participants: string[]
}

const DEMO_KEY = 'demo_session'

export function prepareDemo(options: {
  app: App
  store: SessionStore
  tokenSecret: string
  baseUrl: string
  ttlSeconds: number
}): DemoLinks {
  const { app, store, tokenSecret, baseUrl, ttlSeconds } = options
  let sessionId = store.getMeta(DEMO_KEY)
  if (sessionId === null || !app.registry.open(sessionId).ok) {
    const created = app.registry.create()
    if (!created.ok) throw new Error(`the demo session could not be made: ${created.error.message}`)
    sessionId = created.value
    store.setMeta(DEMO_KEY, sessionId)
  }
  const session = app.registry.open(sessionId)
  if (!session.ok) throw new Error(session.error.message)

  const issuedAt = Math.floor(Date.now() / 1000)
  const tokenFor = (sub: string, name: string, role: TokenClaims['role']) => {
    const claims: TokenClaims = { sid: sessionId as string, sub, name, role, iat: issuedAt,
      exp: issuedAt + ttlSeconds }
    if (role === 'participant') session.value.enroll(claims)
    return signToken(claims, tokenSecret)
  }
  const link = (token: string) =>
    `${baseUrl}/?session=${encodeURIComponent(sessionId as string)}&token=${token}`
  const participants = NAMES.map((name, index) =>
    tokenFor(`p${String(index + 1).padStart(2, '0')}`, name, 'participant'))
  return {
    sessionId,
    moderator: link(tokenFor('moderator-1', 'Demo Moderator', 'moderator')),
    participants: participants.slice(0, 2).map(link),
  }
}
