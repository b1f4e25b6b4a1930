import path from 'node:path';
import { buildSearch, searchQuery } from '../api/src/opportunities/search-query.ts';
import { startApiProcess } from './api-process.ts';
import {
  type Figure,
  httpRequest,
  markdownTable,
  percentile,
  processCpuMs,
  signIn,
  startBareProxy,
} from './measure.ts';
import { onTinyCityStack } from './seed.ts';

/**
 * What one more hop costs at one connection (issue 23: the API's p95 ÷ Meilisearch's alone):
 *
 *   node --import tsx bench/search-hop.ts [--jobs 20000] [--samples 400] [--prof DIR] [--node-flags "…"]
 *
 * The tiny city grown to --jobs jobs, then the API's search query (`缝纫`, 20 a page) sent one at a
 * time, in interleaved blocks, three ways through the same kept-alive client: straight to
 * Meilisearch; through a bare Node proxy (measure.ts startBareProxy), the floor of any Node
 * service in front of Meilisearch on this machine; and through the API.
 */
function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}
const jobsWanted = Number(option('jobs', '20000'));
const samples = Number(option('samples', '400'));
/** --prof DIR: the API runs under `node --cpu-prof` and leaves its profile in DIR. */
const profDir = option('prof', '');
/** --node-flags "…": more Node flags for the API process (V8 heap sizes, say). */
const nodeFlags = option('node-flags', '').split(' ').filter(Boolean);

await onTinyCityStack('search-hop', jobsWanted, async ({ dataDir, services, deps, city }) => {
  const api = await startApiProcess(services, deps.config, path.join(dataDir, 'api'), [
    ...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []),
    ...nodeFlags,
  ]);
  const meiliUrl = `${services.meiliUrl}/indexes/${deps.search.indexUid('jobs')}/search`;
  const body = JSON.stringify(await buildSearch(deps.db, 'jobs', searchQuery.parse({ q: '缝纫', pageSize: '20' })));
  const proxy = await startBareProxy(meiliUrl, services.meiliMasterKey);
  try {
    const cookie = await signIn(api.url, city.logins.worker);
    const meiliHeaders = { 'content-type': 'application/json', authorization: `Bearer ${services.meiliMasterKey}` };
    const ways: Record<string, () => Promise<number>> = {
      'straight to Meilisearch': () => httpRequest(meiliUrl, { method: 'POST', headers: meiliHeaders, body }),
      'through a bare Node proxy': () => httpRequest(proxy.url, { method: 'POST', body }),
      'through the API': () =>
        httpRequest(`${api.url}/api/search/jobs?q=${encodeURIComponent('缝纫')}&pageSize=20`, { headers: { cookie } }),
    };
    const meiliBytes = (await (await fetch(meiliUrl, { method: 'POST', headers: meiliHeaders, body })).arrayBuffer())
      .byteLength;
    const apiBytes = (
      await (
        await fetch(`${api.url}/api/search/jobs?q=${encodeURIComponent('缝纫')}&pageSize=20`, { headers: { cookie } })
      ).arrayBuffer()
    ).byteLength;
    console.log(`answers: Meilisearch ${meiliBytes} bytes, the API ${apiBytes} bytes`);
    const times = new Map<string, number[]>(Object.keys(ways).map((name) => [name, []]));
    for (const way of Object.values(ways)) for (let i = 0; i < 20; i++) await way(); // warm-up
    // The CPU each hop's process spends on its blocks (from /proc), per request.
    const pids: Record<string, number | undefined> = {
      'through a bare Node proxy': proxy.pid,
      'through the API': api.child.pid,
    };
    const cpuMs = new Map<string, number>();
    for (let block = 0; block < samples / 20; block++) {
      for (const [name, way] of Object.entries(ways)) {
        const pid = pids[name];
        const cpuBefore = pid ? await processCpuMs(pid) : 0;
        for (let i = 0; i < 20; i++) {
          const started = performance.now();
          const status = await way();
          if (status !== 200) throw new Error(`${name} answered ${status}`);
          times.get(name)?.push(performance.now() - started);
        }
        if (pid) cpuMs.set(name, (cpuMs.get(name) ?? 0) + (await processCpuMs(pid)) - cpuBefore);
      }
    }
    const round = (value: number) => Math.round(value * 100) / 100;
    const direct = times.get('straight to Meilisearch')?.sort((a, b) => a - b) ?? [];
    const figures: Figure[] = [...times.entries()].map(([name, all]) => {
      all.sort((a, b) => a - b);
      return {
        name: `${name}, one connection, ${jobsWanted} jobs`,
        medianMs: round(percentile(all, 50)),
        p95Ms: round(percentile(all, 95)),
        p99Ms: round(percentile(all, 99)),
        ratioToBaseline: round(percentile(all, 95) / percentile(direct, 95)),
        note: cpuMs.has(name)
          ? `its process's CPU ${round((cpuMs.get(name) ?? 0) / all.length)} ms a request`
          : undefined,
      };
    });
    console.log(markdownTable(figures));
  } finally {
    proxy.stop();
    await api.stop();
    await deps.db.destroy();
  }
});
