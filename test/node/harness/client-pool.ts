/**
 * Keeps every client a test opens, so that `afterEach` can close them all
 * even when the test failed half way.
 */
import type { Role } from '../../../shared/index.js'
import { connect, issueToken, synced, type Client } from './clients.js'
import type { RawClient } from './raw-client.js'
import type { ServerProcess } from './server-process.js'

export class ClientPool {
  private readonly clients = new Set<Client | RawClient>()

  add<T extends Client | RawClient>(client: T): T {
    this.clients.add(client)
    return client
  }

  /** Issues a token, connects a stock provider with it and waits for the first sync. */
  async join(server: ServerProcess, sessionId: string, role: Role, person: string,
    name = person): Promise<{ client: Client; token: string }> {
    const token = await issueToken(server, sessionId, role, person, name)
    const client = this.add(connect(server, sessionId, token))
    await synced(client)
    return { client, token }
  }

  closeAll(): void {
    for (const client of this.clients) {
      if ('provider' in client) client.destroy()
      else client.terminate()
    }
    this.clients.clear()
  }
}
