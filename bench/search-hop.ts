import http from 'node:http';
import path from 'node:path';
import { buildSearch, searchQuery } from '../api/src/opportunities/search-query.ts';
import { startApiProcess } from './api-process.ts';
import { expectOk, type Figure, httpRequest, interleaved, markdownTable, signIn, startBareProxy } from './measure.ts';
import { onTinyCityStack } from './seed.ts';

/**
 * What one more hop costs at one connection (issue 23: the API's p95 ÷ Meilisearch's alone):
 *
 *   node --import tsx bench/search-hop.ts [--jobs 20000] [--samples 400] [--prof DIR] [--node-flags "…"]
 *
 * The tiny city grown to --jobs jobs, then the API's search query (`缝纫`, 20 a page) sent one at a
 * time, in interleaved blocks, four ways through the same kept-alive client: straight to
 * Meilisearch; through a bare Node proxy (measure.ts startBareProxy), the floor of any Node
 * service in front of Meilisearch on this machine; through a bare hono proxy (the same with the
 * API's framework and nothing else), the floor of any hono service; and through the API.
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
  const honoProxy = await startBareProxy(meiliUrl, services.meiliMasterKey, { hono: [body] });
  try {
    const cookie = await signIn(api.url, city.logins.worker);
    const meiliHeaders = { 'content-type': 'application/json', authorization: `Bearer ${services.meiliMasterKey}` };
    const apiSearch = `${api.url}/api/search/jobs?q=${encodeURIComponent('缝纫')}&pageSize=20`;
    const meiliBytes = (await (await fetch(meiliUrl, { method: 'POST', headers: meiliHeaders, body })).arrayBuffer())
      .byteLength;
    const apiBytes = (await (await fetch(apiSearch, { headers: { cookie } })).arrayBuffer()).byteLength;
    // What a browser is sent: the API's answer in brotli (api/src/http/compress.ts).
    const brotliBytes = await new Promise<number>((resolve, reject) => {
      http
        .get(apiSearch, { headers: { cookie, 'accept-encoding': 'br' } }, (res) => {
          let bytes = 0;
          res.on('data', (chunk: Buffer) => {
            bytes += chunk.length;
          });
          res.on('end', () => resolve(bytes));
        })
        .on('error', reject);
    });
    console.log(
      `answers: Meilisearch ${meiliBytes} bytes, the API ${apiBytes} bytes (${brotliBytes} in brotli, as a browser gets it)`,
    );
    const [direct, ...hops] = await interleaved(
      [
        {
          name: `straight to Meilisearch, one connection, ${jobsWanted} jobs`,
          operation: () =>
            expectOk('Meilisearch', httpRequest(meiliUrl, { method: 'POST', headers: meiliHeaders, body })),
        },
        {
          name: `through a bare Node proxy, one connection, ${jobsWanted} jobs`,
          operation: () => expectOk('the bare proxy', httpRequest(proxy.url, { method: 'POST', body })),
          pid: proxy.pid,
        },
        {
          name: `through a bare hono proxy, one connection, ${jobsWanted} jobs`,
          operation: () => expectOk('the bare hono proxy', httpRequest(honoProxy.url)),
          pid: honoProxy.pid,
        },
        {
          name: `through the API, one connection, ${jobsWanted} jobs`,
          operation: () => expectOk('the API', httpRequest(apiSearch, { headers: { cookie } })),
          pid: api.child.pid,
        },
      ],
      samples,
      20,
    );
    const figures: Figure[] = [direct, ...hops].map((figure) => ({
      ...figure,
      ratioToBaseline: Math.round(((figure.p95Ms ?? 0) / (direct.p95Ms ?? 1)) * 100) / 100,
    }));
    console.log(markdownTable(figures));
  } finally {
    proxy.stop();
    honoProxy.stop();
    await api.stop();
    await deps.db.destroy();
  }
});
