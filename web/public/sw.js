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
  // The entry script and styles the shell names, and the chunks the API's Link header announces
  // with it (signed in: antd, the shell and the home page, which the offline 今日走访 needs too;
  // api/src/web/static.ts), so the first offline load needs nothing else.
  const html = await response.text();
  const announced = [...(response.headers.get('Link') ?? '').matchAll(/<(\/assets\/[^>]+)>/g)].map((m) => m[1]);
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]).concat(announced);
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

/**
 * A page asked for without a connection when no shell was ever kept (the phone's storage was
 * cleared, or the first visit's install never finished): a plain page in the portal's words,
 * not the browser's own error page. The words are here because this file cannot import the
 * portal's messages; the language is the one the portal keeps (web/src/i18n/i18n.ts 'anju.lang').
 */
const NEVER_KEPT = {
  zh: {
    title: '没有网络，无法打开',
    text: '离线时无法打开：这部手机上还没有保存安居。请联网后再试，联网打开一次以后，没有信号时也能用今日走访。',
    retry: '再试一次',
  },
  en: {
    title: 'No connection: cannot open',
    text: 'Anju cannot open offline: it has not been kept on this phone yet. Please connect and try again; after one visit online, Today’s visits also works without signal.',
    retry: 'Try again',
  },
};

function neverKeptPage() {
  const zh = NEVER_KEPT.zh;
  const html = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="UTF-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="theme-color" content="#b4441e" />
<title>安居 Anju</title>
<style>
body { margin: 0; font: 1.1rem system-ui, "PingFang SC", "Noto Sans CJK SC", sans-serif; color: #1f2328; }
.bar { background: #b4441e; color: #fff; padding: 0.5rem 1rem; min-height: 60px; display: flex; align-items: center; font-weight: 700; font-size: 1.4rem; }
main { margin: 1.5rem 1rem; }
h1 { font-size: 1.3rem; margin: 0 0 1rem; }
p { line-height: 1.6; overflow-wrap: anywhere; }
button { min-height: 48px; min-width: 44px; padding: 0 1.5rem; font: inherit; color: #fff; background: #b4441e; border: 0; border-radius: 8px; }
</style>
</head>
<body>
<header class="bar">安居</header>
<main data-testid="never-kept">
<h1 data-text="title">${zh.title}</h1>
<p data-text="text">${zh.text}</p>
<button type="button" data-text="retry" onclick="location.reload()">${zh.retry}</button>
</main>
<script>
(() => {
  const words = ${JSON.stringify(NEVER_KEPT)};
  let lang = 'zh';
  try { if (localStorage.getItem('anju.lang') === 'en') lang = 'en'; } catch {}
  if (lang === 'zh') return;
  document.documentElement.lang = 'en';
  for (const node of document.querySelectorAll('[data-text]')) node.textContent = words.en[node.dataset.text];
})();
</script>
</body>
</html>`;
  return new Response(html, {
    status: 503,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  });
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
  if (!cached) return network.catch(() => neverKeptPage());
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
