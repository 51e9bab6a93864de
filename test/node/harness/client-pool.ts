/**
 * Keeps every client a test opens, so that `afterEach` can close them all
 * even when the test failed half way.
 */
import type { Client } from './clients.js'
import type { RawClient } from './raw-client.js'

export class ClientPool {
  private readonly clients = new Set<Client | RawClient>()

  add<T extends Client | RawClient>(client: T): T {
    this.clients.add(client)
    return client
  }

  closeAll(): void {
    for (const client of this.clients) {
      if ('provider' in client) client.destroy()
      else client.terminate()
    }
    this.clients.clear()
  }
}
