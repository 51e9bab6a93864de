import { aTimeout, expect, waitUntil } from '@open-wc/testing'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import {
  addRoom,
  liveRooms,
  rosterOf,
  upsertParticipant,
  type TokenClaims,
} from '../shared/index.js'
import { SessionClient, type ConnectionState, type DocChange } from './session-client.js'
import { decodeToken } from './token.js'
import { remoteEdit } from './test-helpers.js'

/**
 * A WebSocket double driven by the test: it opens when told to, answers a
 * client's sync step 1 from a server-side document, and closes with any code.
 * It applies nothing the client sends, like a server refusing an update.
 */
class FakeSocket {
  static instances: FakeSocket[] = []
  static serverDoc = new Y.Doc()
  readonly OPEN = 1
  readyState = 0
  binaryType = 'arraybuffer'
  onopen: (() => void) | null = null
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null
  onclose: ((event: { code: number; reason: string }) => void) | null = null
  onerror: ((event: unknown) => void) | null = null

  constructor(readonly url: string) {
    FakeSocket.instances.push(this)
  }

  static get last(): FakeSocket {
    return FakeSocket.instances[FakeSocket.instances.length - 1] as FakeSocket
  }

  send(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data)
    if (decoding.readVarUint(decoder) !== 0) return
    if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep1) return
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, 0)
    syncProtocol.readSyncStep1(decoder, encoder, FakeSocket.serverDoc)
    this.receive(encoding.toUint8Array(encoder))
  }

  close(): void {
    this.readyState = 3
  }

  open(): void {
    this.readyState = 1
    this.onopen?.()
  }

  receive(data: Uint8Array): void {
    const copy = data.slice()
    setTimeout(() => this.onmessage?.({ data: copy.buffer }), 0)
  }

  serverClose(code: number): void {
    this.readyState = 3
    this.onclose?.({ code, reason: '' })
  }
}

function token(claims: Partial<TokenClaims> = {}): string {
  const full: TokenClaims = { sid: 'sess-1', sub: 'mod-1', name: 'Mo Derator', role: 'moderator',
    iat: 1, exp: 4_000_000_000, ...claims }
  const payload = btoa(JSON.stringify(full)).replace(/\+/g, '-').replace(/\//g, '_')
    .replace(/=+$/, '')
  return `${payload}.signature`
}

function connect(options: { role?: 'moderator' | 'participant'; persist?: boolean;
  fetch?: typeof fetch; sub?: string } = {}): SessionClient {
  return new SessionClient({
    server: 'http://rooms.test',
    token: token({ role: options.role ?? 'moderator', sub: options.sub ?? 'mod-1' }),
    persist: options.persist ?? false,
    WebSocketPolyfill: FakeSocket as unknown as typeof WebSocket,
    fetch: options.fetch,
  })
}

function statuses(client: SessionClient): ConnectionState[] {
  const seen: ConnectionState[] = [client.status]
  client.addEventListener('status', () => seen.push(client.status))
  return seen
}

describe('SessionClient', () => {
  let clients: SessionClient[] = []
  const track = (client: SessionClient) => {
    clients.push(client)
    return client
  }

  beforeEach(() => {
    FakeSocket.instances = []
    FakeSocket.serverDoc = new Y.Doc()
    upsertParticipant(FakeSocket.serverDoc, { id: 'p1', name: 'Ada', role: 'participant',
      online: true })
  })

  afterEach(() => {
    for (const client of clients) client.destroy()
    clients = []
  })

  it('reads who it is from the token', () => {
    const client = track(connect({ role: 'participant', sub: 'p1' }))
    expect(client.user).to.deep.equal({ id: 'p1', name: 'Mo Derator', role: 'participant' })
    expect(client.session).to.equal('sess-1')
    expect(decodeToken('not a token')).to.equal(null)
  })

  it('connects to the sync endpoint with the token and syncs the server state', async () => {
    const client = track(connect())
    const seen = statuses(client)
    await waitUntil(() => FakeSocket.instances.length === 1)

    expect(FakeSocket.last.url).to.equal(`ws://rooms.test/sync/sess-1?token=${token()}`)
    FakeSocket.last.open()
    await waitUntil(() => client.status === 'connected')

    expect(seen).to.deep.equal(['connecting', 'syncing', 'connected'])
    expect(rosterOf(client.doc).get('p1')?.name).to.equal('Ada')
    expect(client.hasSynced).to.equal(true)
  })

  it('reports offline after a dropped connection and reconnects', async () => {
    const client = track(connect())
    await waitUntil(() => FakeSocket.instances.length === 1)
    FakeSocket.last.open()
    await waitUntil(() => client.status === 'connected')

    FakeSocket.last.serverClose(1006)
    expect(client.status).to.equal('offline')
    await waitUntil(() => FakeSocket.instances.length === 2, 'no reconnect', { timeout: 3000 })
    FakeSocket.last.open()
    await waitUntil(() => client.status === 'connected')
  })

  it('stops for good on a final close code and says why', async () => {
    const client = track(connect())
    await waitUntil(() => FakeSocket.instances.length === 1)
    FakeSocket.last.open()
    FakeSocket.last.serverClose(4403)

    expect(client.status).to.equal('refused')
    expect(client.refusal?.code).to.equal('TOKEN_EXPIRED')
    expect(client.refusal?.message).to.contain('expired')
    await aTimeout(600)
    expect(FakeSocket.instances).to.have.length(1)
  })

  it('drops its copy, clears the offline store and resyncs on 4420', async () => {
    const client = track(connect({ persist: true, sub: `mod-${Math.random()}` }))
    await waitUntil(() => FakeSocket.instances.length === 1)
    FakeSocket.last.open()
    await waitUntil(() => client.status === 'connected')
    const refused = client.doc
    client.edit((doc) => addRoom(doc, 'Refused room'))
    let reset = false
    client.addEventListener('change', (event) => {
      if ((event as CustomEvent<DocChange>).detail.reset) reset = true
    })

    FakeSocket.last.serverClose(4420)
    await waitUntil(() => FakeSocket.instances.length === 2, 'no fresh connection')
    expect(reset).to.equal(true)
    expect(client.doc).to.not.equal(refused)
    expect(client.notice?.kind).to.equal('resynced')
    FakeSocket.last.open()
    await waitUntil(() => client.status === 'connected')

    expect(liveRooms(client.doc)).to.have.length(0)
    expect(rosterOf(client.doc).get('p1')?.name).to.equal('Ada')
    expect(FakeSocket.instances).to.have.length(2)
  })

  it('keeps a moderator\'s offline edits across a reload', async () => {
    const sub = `mod-${Math.random()}`
    const first = connect({ persist: true, sub })
    await waitUntil(() => FakeSocket.instances.length === 1)
    first.edit((doc) => addRoom(doc, 'Planned offline'))
    await aTimeout(100)
    first.destroy()

    const second = track(connect({ persist: true, sub }))
    await waitUntil(() => FakeSocket.instances.length === 2, 'the reload never connected')
    expect(liveRooms(second.doc).map((room) => room.name)).to.deep.equal(['Planned offline'])
  })

  it('keeps no offline copy for participants and tells nobody about them', async () => {
    const client = track(connect({ role: 'participant', persist: true, sub: 'p1' }))
    await waitUntil(() => FakeSocket.instances.length === 1)
    expect(client.awareness.getLocalState()).to.equal(null)
  })

  it('sends commands with the bearer token and learns the server clock', async () => {
    const requests: { url: string; init: RequestInit }[] = []
    const fakeFetch = (async (url: string, init: RequestInit) => {
      requests.push({ url, init })
      return new Response(JSON.stringify({ view: {}, serverTime: Date.now() + 90_000 }),
        { status: 200, headers: { 'Content-Type': 'application/json' } })
    }) as unknown as typeof fetch
    const client = track(connect({ fetch: fakeFetch }))
    await waitUntil(() => FakeSocket.instances.length === 1)
    FakeSocket.last.open()
    await waitUntil(() => client.status === 'connected')

    const result = await client.send({ type: 'extend', seconds: 60 })
    expect(result.ok).to.equal(true)
    const command = requests.find((request) => request.init.method === 'POST')
    expect(command?.url).to.equal('http://rooms.test/api/sessions/sess-1/commands')
    expect((command?.init.headers as Record<string, string>).Authorization)
      .to.equal(`Bearer ${token()}`)
    expect(JSON.parse(command?.init.body as string)).to.deep.equal({ type: 'extend', seconds: 60 })
    expect(client.now() - Date.now()).to.be.within(89_000, 91_000)
  })

  it('reports a refused command with the server\'s message', async () => {
    const fakeFetch = (async () => new Response(JSON.stringify({ error: {
      code: 'WRONG_PHASE', message: 'phase must be running, got "setup"' } }),
    { status: 409 })) as unknown as typeof fetch
    const client = track(connect({ fetch: fakeFetch }))
    await waitUntil(() => FakeSocket.instances.length === 1)
    FakeSocket.last.open()
    await waitUntil(() => client.status === 'connected')

    const result = await client.send({ type: 'end' })
    expect(result).to.deep.include({ ok: false, reason: 'rejected',
      message: 'phase must be running, got "setup"' })
  })

  it('refuses commands while offline without asking the server', async () => {
    let asked = false
    const client = track(connect({ fetch: (async () => {
      asked = true
      return new Response('{}')
    }) as unknown as typeof fetch }))

    const result = await client.send({ type: 'start' })
    expect(result).to.deep.include({ ok: false, reason: 'offline' })
    expect(asked).to.equal(false)
  })

  it('tells remote changes from its own', () => {
    const doc = new Y.Doc()
    const client = track(new SessionClient({ doc,
      user: { id: 'host', name: 'Host', role: 'moderator' } }))
    const changes: DocChange[] = []
    client.addEventListener('change', (event) => {
      changes.push((event as CustomEvent<DocChange>).detail)
    })

    const added = client.edit((d) => addRoom(d))
    remoteEdit(doc, (replica) => addRoom(replica, 'Theirs'))

    expect(changes.map((change) => change.remote)).to.deep.equal([false, true])
    expect([...(changes[0]?.rooms ?? [])]).to.deep.equal([added.ok ? added.value : ''])
    expect(changes[1]?.rooms.size).to.equal(1)
  })
})
