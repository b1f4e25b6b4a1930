/**
 * The service worker (web/public/sw.js) caches the entry script at install and other assets as
 * they load while it controls the page; the first page load happens before it does. When the
 * worker keeps households, every asset this page loaded goes into the same cache, so a cold open
 * without signal finds the 今日走访 page's own script and styles too.
 */
const ASSET_CACHE = 'anju-assets-v1';

export async function keepLoadedAssets(): Promise<void> {
  if (!('caches' in window)) return;
  const urls = performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name))
    .filter((url) => url.origin === location.origin && url.pathname.startsWith('/assets/'))
    .map((url) => url.pathname);
  const cache = await caches.open(ASSET_CACHE);
  const missing = [];
  for (const url of new Set(urls)) if (!(await cache.match(url))) missing.push(url);
  await Promise.all(missing.map((url) => cache.add(url).catch(() => undefined)));
}
