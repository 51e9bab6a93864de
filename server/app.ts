/**
 * One process: the HTTP API, the WebSocket endpoint and the built page on
 * one port. `createApp` wires the parts; `main.ts` reads the environment.
 */
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ServerConfig } from './config.js'
import type { Logger } from './logger.js'
import { Metrics } from './metrics.js'
import { SessionRegistry } from './session-registry.js'
import type { SessionStore } from './storage/session-store.js'
import { createApiHandler } from './http-api.js'
import { SyncEndpoint } from './sync-endpoint.js'
import { breakoutError, closeCodeOf } from '../shared/index.js'

export interface AppOptions {
  config: ServerConfig
  store: SessionStore
  logger: Logger
  adminKey: string
  tokenSecret: string
  now?: () => number
}

export interface App {
  readonly registry: SessionRegistry
  readonly metrics: Metrics
  listen(): Promise<{ host: string; port: number }>
  close(): Promise<void>
}

export function createApp(options: AppOptions): App {
  const { config, store, logger, adminKey, tokenSecret } = options
  const now = options.now ?? Date.now
  const metrics = new Metrics()
  const registry = new SessionRegistry(
    {
      store, logger, metrics, now,
      limits: config.limits,
      compactAfterUpdates: config.compactAfterUpdates,
    },
    { idleUnloadMs: config.idleUnloadMs, defaultMaxRooms: config.defaultMaxRooms },
  )
  const sync = new SyncEndpoint({ registry, logger, metrics, limits: config.limits, tokenSecret,
    pingIntervalMs: config.pingIntervalMs, now })
  const server = http.createServer(createApiHandler({
    registry, logger, metrics, adminKey, tokenSecret, now,
    tokenTtlSeconds: config.tokenTtlSeconds,
    maxBodyBytes: config.limits.maxBodyBytes,
    staticDir: config.staticDir,
  }))
  server.on('upgrade', (request, socket, head) => {
    socket.on('error', () => socket.destroy())
    if (!sync.handleUpgrade(request, socket, head)) {
      const code = closeCodeOf('NOT_FOUND')
      logger.warn({ path: request.url?.split('?')[0], code }, 'upgrade to an unknown path')
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n')
    }
  })

  return {
    registry,
    metrics,
    listen: () => new Promise((resolve, reject) => {
      server.once('error', reject)
      server.listen(config.port, config.host, () => {
        const address = server.address() as AddressInfo
        logger.info({ host: address.address, port: address.port }, 'listening')
        resolve({ host: address.address, port: address.port })
      })
    }),
    close: () => new Promise((resolve) => {
      sync.closeAll()
      registry.closeAll()
      server.close(() => resolve())
      server.closeAllConnections()
      logger.info({ reason: breakoutError('INTERNAL', 'shutdown').message }, 'closed')
    }),
  }
}
