/*
 * 安居 service worker (issue 22): the portal's shell works without signal.
 * - /assets/* are named by content hash: cache first, kept (immutable).
 * - A page (navigation): the cached index.html at once when the phone reports no connection;
 *   otherwise network first, so a new release shows at once (a cached page of an old release would
 *   name lazy chunks the server no longer has), with the cached index.html when the network fails
 *   or gives no answer within NAVIGATION_TIMEOUT_MS ("connected but no internet": requests hang).
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

const NAVIGATION_TIMEOUT_MS = 3000;

const ENTRY_SCRIPT = /\s*<script type="module"[^>]*\bsrc="([^"]+)"[^>]*><\/script>/;
const MODULE_PRELOAD = /\s*<link rel="modulepreload"[^>]*>/g;

/**
 * The kept index.html as answered from the cache, boot screen first (issue 22). Served as built,
 * the head's entry script and its 20 modulepreloads come from Cache Storage at once, and the parser
 * finished the 3 KB page, and the boot screen painted, only after the last of them had loaded
 * (bench/results/portal-phone.md, session 13: DOM interactive 4.2 s on the throttled phone). Here
 * the entry is loaded after the boot screen's first frame (or 300 ms, for a page that draws no
 * frame), and its imports are found by the module loader itself, from the same cache.
 */
async function bootScreenFirst(cached) {
  const html = await cached.text();
  const entry = html.match(ENTRY_SCRIPT);
  const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' };
  if (!entry) return new Response(html, { headers });
  const loader = `<script>(() => {
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    const script = document.createElement('script');
    script.type = 'module';
    script.crossOrigin = '';
    script.src = ${JSON.stringify(entry[1])};
    document.body.append(script);
  };
  requestAnimationFrame(() => setTimeout(start));
  setTimeout(start, 300);
})();</script>`;
  const body = html.replace(ENTRY_SCRIPT, '').replace(MODULE_PRELOAD, '').replace('</body>', `${loader}\n</body>`);
  return new Response(body, { headers });
}

async function pageNetworkFirst(event) {
  const cache = await caches.open(SHELL_CACHE);
  const kept = await cache.match('/index.html');
  const cached = kept ? await bootScreenFirst(kept) : undefined;
  // No connection at all: the kept shell without a request that can only fail (issue 22: ≤ 1 s).
  if (cached && self.navigator.onLine === false) return cached;
  const network = fetch(event.request).then(async (response) => {
    if (response.ok && (response.headers.get('content-type') ?? '').includes('text/html'))
      await cache.put('/index.html', response.clone());
    return response;
  });
  if (!cached) return network;
  // A late answer still refreshes the kept shell for next time.
  event.waitUntil(network.catch(() => undefined));
  let timer;
  const noAnswer = new Promise((resolve) => {
    timer = setTimeout(() => resolve(cached), NAVIGATION_TIMEOUT_MS);
  });
  return Promise.race([network.catch(() => cached), noAnswer]).finally(() => clearTimeout(timer));
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(assetFirst(request));
  } else if (request.mode === 'navigate') {
    event.respondWith(pageNetworkFirst(event));
  }
});
