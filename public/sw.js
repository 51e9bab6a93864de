/**
 * The page's service worker: it keeps the app shell (index.html and the built
 * files it names) so that a moderator can reload the page with no network
 * and keep planning from the copy of the session that y-indexeddb holds.
 *
 * Network first: while online every request goes to the server and its
 * answer replaces the kept copy; the cache answers only when the network
 * fails, so a deploy is picked up on the next load, never one load late.
 *
 * What it leaves alone: the HTTP API and the sync socket (a cached session
 * would be a lie), and anything from another origin. Every page URL carries
 * the session and the token in its query; all of them are kept under the one
 * key of the page itself, so no token ever becomes a cache key.
 */
const CACHE = 'breakout-rooms-shell'
const page = new URL(self.registration.scope)
const assets = new URL('assets/', page)

self.addEventListener('install', (event) => {
  // Without this the first page load, which happened before the worker existed,
  // would leave nothing to reload from.
  const kept = fetch(page, { cache: 'no-cache' }).then(keepShell)
  event.waitUntil(kept.then(() => self.skipWaiting()))
})

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim())
})

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (request.mode === 'navigate' && url.origin === page.origin &&
    url.pathname === page.pathname) {
    event.respondWith(networkFirst(request, page.href, event))
  } else if (url.origin === page.origin && url.pathname.startsWith(assets.pathname)) {
    event.respondWith(networkFirst(request, url.href, event))
  }
})

async function networkFirst(request, key, event) {
  try {
    const response = await fetch(request)
    if (response.ok) {
      const copy = response.clone()
      event.waitUntil(key === page.href ? keepShell(copy) : keep(key, copy))
    }
    return response
  } catch (error) {
    const cached = await caches.match(key)
    if (cached) return cached
    throw error
  }
}

async function keep(key, response) {
  const cache = await caches.open(CACHE)
  await cache.put(key, response)
}

/**
 * Keeps index.html and the files it names (scripts, module preloads, styles),
 * fetching those not kept yet, and drops the files an earlier build named:
 * built file names carry a content hash, so they would only pile up.
 */
async function keepShell(response) {
  if (!response.ok) throw new Error(`the page answered ${response.status}, expected 200`)
  const html = await response.clone().text()
  const named = new Set()
  for (const [, link] of html.matchAll(/\b(?:src|href)="([^"]+)"/g)) {
    const url = new URL(link, page)
    if (url.origin === page.origin && url.pathname.startsWith(assets.pathname)) {
      named.add(url.href)
    }
  }
  const cache = await caches.open(CACHE)
  await cache.put(page.href, response)
  const kept = new Set((await cache.keys()).map((request) => request.url))
  await Promise.all([...named].filter((url) => !kept.has(url)).map((url) => cache.add(url)))
  await Promise.all([...kept].filter((url) => url !== page.href && !named.has(url))
    .map((url) => cache.delete(url)))
}
