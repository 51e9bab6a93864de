/** Serves the built page (the Vite output) read-only, without leaving its folder. */
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import type { ServerResponse } from 'node:http'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

/** Answers with the file for `urlPath`; false when there is none. */
export async function serveStatic(root: string, urlPath: string,
  response: ServerResponse): Promise<boolean> {
  let relative: string
  try {
    relative = urlPath === '/' ? 'index.html' : decodeURIComponent(urlPath).replace(/^\/+/, '')
  } catch {
    return false
  }
  const file = path.resolve(root, relative)
  if (file !== root && !file.startsWith(root + path.sep)) return false
  let body: Buffer
  try {
    body = await fs.readFile(file)
  } catch {
    return false
  }
  response.statusCode = 200
  response.setHeader('content-type', TYPES[path.extname(file)] ?? 'application/octet-stream')
  response.setHeader('cache-control', relative.startsWith('assets/') ?
    'public, max-age=31536000, immutable' : 'no-cache')
  response.end(body)
  return true
}
