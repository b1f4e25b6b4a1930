/*
 * 安居 service worker (issue 22): the portal's shell works without signal.
 * - /assets/* are named by content hash: cache first, kept (immutable).
 * - A page (navigation): network first, so a new release shows at once; the cached index.html
 *   when the network fails.
 * - /api/* is never cached here: offline data lives in the encrypted store (features/offline).
 * This file itself is served `no-cache` (api/src/web/static.ts), so a new one is picked up.
 */
const SHELL_CACHE = 'anju-shell-v1';
const ASSET_CACHE = 'anju-assets-v1';
const KEEP = [SHELL_CACHE, ASSET_CACHE];

async function cacheShell() {
  const cache = await caches.open(SHELL_CACHE);
  const response = await fetch('/index.html', { cache: 'no-cache' });
  if (!response.ok) return;
  await cache.put('/index.html', response.clone());
  // The entry script and styles the shell names, so the first offline load needs nothing else.
  const html = await response.text();
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  const assetCache = await caches.open(ASSET_CACHE);
  await Promise.all(assets.map((url) => assetCache.add(url).catch(() => undefined)));
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => !KEEP.includes(name)).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

async function assetFirst(request) {
  const cache = await caches.open(ASSET_CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function pageNetworkFirst(request) {
  const cache = await caches.open(SHELL_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && (response.headers.get('content-type') ?? '').includes('text/html'))
      await cache.put('/index.html', response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match('/index.html');
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(assetFirst(request));
  } else if (request.mode === 'navigate') {
    event.respondWith(pageNetworkFirst(request));
  }
});
