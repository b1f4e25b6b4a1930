import { existsSync } from 'node:fs';
import { type Browser, type CDPSession, chromium } from 'playwright-core';
import type { Figure } from './measure.ts';

/**
 * The portal on a cheap phone (issue 19): Debian's Chromium through playwright-core, throttled over
 * CDP to 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip and a CPU four times slower, a cold cache
 * per role. Figures: first contentful paint, and interactive = the page's own controls rendered
 * (the login form; the role's home tiles), both from navigation start, in the page's own clock.
 */
export const PHONE = { downKbit: 1600, upKbit: 750, rttMs: 150, cpuSlowdown: 4 } as const;
export const TARGETS = { fcpMs: 2500, interactiveMs: 4000 } as const;

export const chromiumPath = () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = () => existsSync(chromiumPath());

// The flags README names for driving Debian's Chromium headless.
const launch = () =>
  chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

/**
 * Runs in the page before any of its scripts: notes when `selector` first appears. Given as source
 * text, not a function: tsx (esbuild keepNames) wraps a bench function's inner functions in
 * `__name(...)`, which does not exist in the page, so the script threw before watching anything and
 * every page "never got ready" (the 120 s timeouts of bench:portal).
 */
const watchFor = (selector: string) => `(() => {
  window.__anjuReady = null;
  const selector = ${JSON.stringify(selector)};
  new MutationObserver(() => {
    if (window.__anjuReady === null && document.querySelector(selector)) window.__anjuReady = performance.now();
  }).observe(document, { subtree: true, childList: true });
})();`;

/** `pnpm bench:portal --waterfall`: each cold visit's requests on stderr, ms from the first request. */
const waterfall = process.argv.includes('--waterfall');

function printWaterfall(
  path: string,
  cold: Visit,
  requests: { url: string; start: number; end?: number; kb?: number }[],
) {
  const origin = Math.min(...requests.map((request) => request.start));
  const lines = requests
    .sort((a, b) => a.start - b.start)
    .map((request) => {
      const from = Math.round((request.start - origin) * 1000);
      const to = request.end === undefined ? '…' : Math.round((request.end - origin) * 1000);
      const kb = request.kb === undefined ? '' : ` ${request.kb.toFixed(1)} KB`;
      return `  ${String(from).padStart(6)} → ${String(to).padStart(6)} ms${kb}  ${new URL(request.url).pathname}`;
    });
  console.error(`waterfall ${path}: FCP ${cold.fcpMs} ms, interactive ${cold.interactiveMs} ms\n${lines.join('\n')}`);
}

/** `pnpm bench:portal --profile`: where each cold visit's main thread went (CPU profile, self time). */
const profile = process.argv.includes('--profile');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

function printProfile(
  path: string,
  { nodes, samples = [], timeDeltas = [] }: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] },
) {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const byFile = new Map<string, number>();
  const byFunction = new Map<string, number>();
  samples.forEach((id, index) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    const ms = (timeDeltas[index] ?? 0) / 1000;
    const file = frame.url ? new URL(frame.url).pathname.replace(/-[\w-]{8}\.js$/, '.js') : frame.functionName;
    byFile.set(file, (byFile.get(file) ?? 0) + ms);
    const fn = `${frame.functionName || '(anonymous)'} ${file}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  });
  const top = (map: Map<string, number>) =>
    [...map]
      .filter(([name]) => name !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([name, ms]) => `  ${String(Math.round(ms)).padStart(6)} ms  ${name}`)
      .join('\n');
  console.error(`profile ${path}, self time by file:\n${top(byFile)}\nby function:\n${top(byFunction)}`);
}

interface Visit {
  fcpMs: number;
  interactiveMs: number;
  kb: number;
  /** CPU time of the page's main thread until interactive (Chromium's ThreadTime, unthrottled): less
   * sensitive to a loaded machine than the wall-clock figures, as the renderer's waits do not count. */
  mainThreadMs: number;
  scriptMs: number;
  styleMs: number;
}

async function mainThread(cdp: CDPSession) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const of = (name: string) => (metrics.find((metric) => metric.name === name)?.value ?? 0) * 1000;
  return { thread: of('ThreadTime'), script: of('ScriptDuration'), style: of('RecalcStyleDuration') };
}

async function visit(
  browser: Browser,
  url: string,
  path: string,
  ready: string,
  account?: { login: string; password: string },
): Promise<{ cold: Visit; warm: Visit }> {
  const context = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'zh-CN' });
  try {
    if (account) {
      const response = await context.request.post(`${url}/api/auth/login`, {
        data: { login: account.login, password: account.password },
      });
      if (!response.ok()) throw new Error(`portal bench sign-in as ${account.login}: ${response.status()}`);
    }
    await context.addInitScript(watchFor(ready));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: PHONE.rttMs,
      downloadThroughput: (PHONE.downKbit * 1000) / 8,
      uploadThroughput: (PHONE.upKbit * 1000) / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpuSlowdown });
    let bytes = 0;
    // The cold visit's requests, for the waterfall (`--waterfall`): start and end in CDP's monotonic clock.
    const requests = new Map<string, { url: string; start: number; end?: number; kb?: number }>();
    cdp.on('Network.requestWillBeSent', (event) => {
      requests.set(event.requestId, { url: event.request.url, start: event.timestamp });
    });
    cdp.on('Network.loadingFinished', (event) => {
      bytes += event.encodedDataLength;
      const request = requests.get(event.requestId);
      if (request) Object.assign(request, { end: event.timestamp, kb: event.encodedDataLength / 1024 });
    });
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const once = async (): Promise<Visit> => {
      bytes = 0;
      const before = await mainThread(cdp);
      await page.goto(`${url}${path}`, { waitUntil: 'commit' });
      await page.waitForFunction(
        () => (window as unknown as { __anjuReady: number | null }).__anjuReady !== null,
        null,
        {
          timeout: 120_000,
          polling: 100,
        },
      );
      const timing = await page.evaluate(() => ({
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
        ready: (window as unknown as { __anjuReady: number }).__anjuReady,
      }));
      const after = await mainThread(cdp);
      await page.waitForLoadState('networkidle');
      return {
        fcpMs: Math.round(timing.fcp),
        interactiveMs: Math.round(Math.max(timing.ready, timing.fcp)),
        kb: Math.round(bytes / 1024),
        // A new document may start the counters afresh.
        mainThreadMs: Math.round(after.thread >= before.thread ? after.thread - before.thread : after.thread),
        scriptMs: Math.round(after.script >= before.script ? after.script - before.script : after.script),
        styleMs: Math.round(after.style >= before.style ? after.style - before.style : after.style),
      };
    };
    requests.clear();
    if (profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const cold = await once();
    if (waterfall) printWaterfall(path, cold, [...requests.values()]);
    if (profile) printProfile(path, (await cdp.send('Profiler.stop')).profile);
    const warm = await once(); // the same phone again: hashed assets come from its cache
    return { cold, warm };
  } finally {
    await context.close();
  }
}

/**
 * The offline shell (issue 22): the worker opened 今日走访 once online, set the offline PIN and kept
 * their households (the service worker keeps the shell and the page's assets); the browser was
 * closed; it opens /today again with no network at all, on the throttled CPU. From navigation
 * start: first contentful paint (the shell drawn from the cache) and the offline PIN form shown.
 */
async function offlineShell(browser: Browser, url: string, account: { login: string; password: string }) {
  const context = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'zh-CN' });
  try {
    const response = await context.request.post(`${url}/api/auth/login`, {
      data: { login: account.login, password: account.password },
    });
    if (!response.ok()) throw new Error(`offline bench sign-in as ${account.login}: ${response.status()}`);
    const online = await context.newPage();
    await online.goto(`${url}/today`);
    await online.getByLabel('离线密码（4 到 6 位数字）', { exact: true }).fill('2468');
    await online.getByLabel('再输一次离线密码', { exact: true }).fill('2468');
    await online.getByRole('button', { name: '设好密码' }).click();
    await online.getByTestId('pack-household').first().waitFor({ timeout: 120_000 });
    // Until the service worker controls the page, nothing is kept for offline.
    await online.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller)
        await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
    });
    await online.waitForLoadState('networkidle');
    await online.close();

    await context.setOffline(true);
    await context.addInitScript(watchFor('form input[inputmode="numeric"]'));
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: true,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpuSlowdown });
    // The navigation as DevTools sees it: when the service worker was started, ready, given the
    // fetch event, and when its respondWith settled (ms after the request was issued).
    let worker: Record<string, number> | undefined;
    cdp.on('Network.responseReceived', (event) => {
      if (event.type === 'Document' && !worker && event.response.timing) {
        const t = event.response.timing;
        worker = {
          start: t.workerStart,
          ready: t.workerReady,
          fetch: t.workerFetchStart,
          settled: t.workerRespondWithSettled,
        };
      }
    });
    // OFFLINE_TRACE=<file>: a Chromium trace of the cold open, for DevTools' Performance panel.
    const traceFile = process.env.OFFLINE_TRACE;
    if (traceFile) await browser.startTracing(page, { path: traceFile, screenshots: false });
    await page.goto(`${url}/today`, { waitUntil: 'commit' });
    await page.waitForFunction(() => (window as unknown as { __anjuReady: number | null }).__anjuReady !== null, null, {
      timeout: 120_000,
      polling: 100,
    });
    if (traceFile) await browser.stopTracing();
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const scripts = performance
        .getEntriesByType('resource')
        .filter((entry): entry is PerformanceResourceTiming => 'responseEnd' in entry)
        .filter((entry) => /\/assets\/.+\.(?:js|css)$/.test(entry.name))
        .map((entry) => ({
          name: entry.name.replace(/^.*\/assets\//, '').replace(/-[\w-]{8}\.(js|css)$/, '.$1'),
          start: Math.round(entry.startTime),
          end: Math.round(entry.responseEnd),
        }));
      return {
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
        ready: (window as unknown as { __anjuReady: number }).__anjuReady,
        workerStart: nav.workerStart,
        responseStart: nav.responseStart,
        responseEnd: nav.responseEnd,
        domInteractive: nav.domInteractive,
        domContentLoaded: nav.domContentLoadedEventEnd,
        scripts,
      };
    });
    const ms = (value: number | undefined) => (value === undefined || value < 0 ? '–' : String(Math.round(value)));
    const steps = [
      `DevTools: service worker start ${ms(worker?.start)}, ready ${ms(worker?.ready)}, fetch event ${ms(worker?.fetch)}, respondWith settled ${ms(worker?.settled)}`,
      `page: workerStart ${ms(timing.workerStart)}, response ${ms(timing.responseStart)}–${ms(timing.responseEnd)}, DOM interactive ${ms(timing.domInteractive)}, DOMContentLoaded ${ms(timing.domContentLoaded)}`,
      `FCP ${ms(timing.fcp)}, PIN form ${ms(timing.ready)}`,
      `assets (start–end): ${timing.scripts
        .slice(0, 12)
        .map((s) => `${s.name} ${s.start}–${s.end}`)
        .join(', ')}`,
    ];
    return {
      fcpMs: Math.round(timing.fcp),
      pinFormMs: Math.round(Math.max(timing.ready, timing.fcp)),
      trace: steps.join('; '),
    };
  } finally {
    await context.close();
  }
}

export const OFFLINE_SHELL_TARGET_MS = 1000;

export interface PortalAccount {
  role: string;
  login: string;
  password: string;
}

/** The login page, then each account's home, cold and warm; `offlineOnly`: the offline shell alone. */
export async function portalFigures(
  url: string,
  accounts: PortalAccount[],
  { offlineOnly = false }: { offlineOnly?: boolean } = {},
): Promise<Figure[]> {
  const browser = await launch();
  const figures: Figure[] = [];
  const phone = `${PHONE.downKbit / 1000} Mbit/s, ${PHONE.rttMs} ms RTT, CPU ×${PHONE.cpuSlowdown}`;
  const add = (what: string, { cold, warm }: { cold: Visit; warm: Visit }) => {
    const note = `cold ${cold.kb} KB transferred, main thread ${cold.mainThreadMs} ms CPU (script ${cold.scriptMs}, style ${cold.styleMs}); warm (cached) FCP ${warm.fcpMs} ms, interactive ${warm.interactiveMs} ms, ${warm.kb} KB`;
    figures.push(
      {
        name: `portal ${what}: first contentful paint (${phone})`,
        totalMs: cold.fcpMs,
        target: { metric: 'totalMs', max: TARGETS.fcpMs },
        note,
      },
      {
        name: `portal ${what}: interactive (${phone})`,
        totalMs: cold.interactiveMs,
        target: { metric: 'totalMs', max: TARGETS.interactiveMs },
      },
    );
  };
  // One page that never gets ready (on a loaded machine) is a figure that says so, not the end of the run.
  const failed = (what: string, error: unknown) => {
    console.error(`portal bench: ${what}: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
    figures.push({ name: `portal ${what}: not measured`, note: String(error).split('\n')[0] });
  };
  const measure = async (what: string, path: string, ready: string, account?: PortalAccount) => {
    console.error(`portal bench: ${what}…`);
    await visit(browser, url, path, ready, account).then(
      (result) => add(what, result),
      (error: unknown) => failed(what, error),
    );
  };
  try {
    if (!offlineOnly) await measure('login page', '/login', 'form input[type="password"]');
    for (const account of offlineOnly ? [] : accounts)
      await measure(`${account.role} home (${account.login})`, '/', '[data-testid="home-tiles"] a', account);
    const worker = accounts.find((account) => account.role === 'worker');
    const offline = worker
      ? await offlineShell(browser, url, worker).catch((error: unknown) => failed('offline shell', error))
      : undefined;
    if (offline) {
      figures.push(
        {
          name: `offline shell from cache, no network (CPU ×${PHONE.cpuSlowdown}): first contentful paint`,
          totalMs: offline.fcpMs,
          target: { metric: 'totalMs', max: OFFLINE_SHELL_TARGET_MS },
          note: 'cold open of /today (new page, PIN set, households kept); the service worker serves index.html and the hashed assets',
        },
        {
          name: `offline shell from cache, no network (CPU ×${PHONE.cpuSlowdown}): offline PIN form shown`,
          totalMs: offline.pinFormMs,
          note: offline.trace,
        },
      );
    }
  } finally {
    await browser.close();
  }
  return figures;
}
