import os from 'node:os';
import type { SearchParams } from 'meilisearch';
import { buildSearch, facetsOf, hitFields, searchQuery } from '../api/src/opportunities/search-query.ts';
import { listenerPid, load, processCpuMs } from './measure.ts';
import { onTinyCityStack } from './seed.ts';

/**
 * What each part of the API's Meilisearch query costs Meilisearch (issue 23):
 *
 *   node --import tsx bench/search-variants.ts [--jobs 20000] [--duration 5] [--rounds 2] [--connections 10,50]
 *
 * A fresh embedded stack with the tiny city grown to --jobs jobs, then the API's query for
 * `GET /api/search/jobs?q=缝纫&pageSize=20` (buildSearch) and variants of it with one part taken
 * out or changed, each posted straight to Meilisearch with autocannon, round-robin for --rounds
 * rounds. The figure is Meilisearch's process CPU (user + system, from /proc) per answered search:
 * steadier than latency on a shared machine. Also its answer's size.
 */
function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}
const jobsWanted = Number(option('jobs', '20000'));
const durationSec = Number(option('duration', '5'));
const rounds = Number(option('rounds', '2'));
const connectionCounts = option('connections', '10,50').split(',').map(Number);
const words = option('q', '缝纫');

await onTinyCityStack('search-variants', jobsWanted, async ({ services, deps }) => {
  const meiliPid = listenerPid(services.meiliUrl);
  if (!meiliPid) throw new Error('no Meilisearch pid');
  const now = await buildSearch(deps.db, 'jobs', searchQuery.parse({ q: words, pageSize: '20' }));
  // Session 16's query (main before issue 23's load50 cut): all six facets, skill names highlighted,
  // skill and place names retrieved.
  const api: SearchParams & { q: string } = {
    ...now,
    facets: facetsOf.jobs,
    attributesToRetrieve: [...hitFields.slice(0, -1), 'skillNames', 'placeNames', '_geo'],
    attributesToHighlight: ['title', 'description', 'employerName', 'skillNames'],
  };
  const { page: _page, hitsPerPage: _hitsPerPage, ...unpaged } = api;
  const variants: Record<string, SearchParams & { q: string }> = {
    "session 16's query (page, 6 facets, 4 highlighted, crop 40)": api,
    'the API query now (buildSearch)': now,
    'no facets': { ...api, facets: undefined },
    'facets: employmentType only': { ...api, facets: ['employmentType'] },
    'facets: all but skills, skillCategories': {
      ...api,
      facets: ['employmentType', 'accommodation', 'payUnit', 'employerKind'],
    },
    'no highlight, no crop': { ...api, attributesToHighlight: undefined, attributesToCrop: undefined },
    'highlight title, employerName, description (no skillNames)': {
      ...api,
      attributesToHighlight: ['title', 'description', 'employerName'],
    },
    'no crop (highlight kept)': { ...api, attributesToCrop: undefined },
    'limit/offset (estimated total) instead of page': { ...unpaged, limit: 20, offset: 0 },
    'the API query, matchingStrategy all': { ...api, matchingStrategy: 'all' },
    'only the filter and the 20 ids (floor)': {
      q: api.q,
      filter: api.filter,
      limit: 20,
      attributesToRetrieve: ['id'],
    },
    'no skillNames, placeNames retrieved': { ...api, attributesToRetrieve: now.attributesToRetrieve },
  };
  const index = deps.search.client.index(deps.search.indexUid('jobs'));
  const sizes = new Map<string, string>();
  for (const [name, params] of Object.entries(variants)) {
    const answer = await index.search(params.q, params);
    const a = answer as { totalHits?: number; estimatedTotalHits?: number; processingTimeMs: number };
    sizes.set(
      name,
      `${JSON.stringify(answer).length} B, total ${a.totalHits ?? `~${a.estimatedTotalHits}`}, ${answer.hits.length} hits`,
    );
  }
  const spent = new Map<string, { cpuMs: number; answered: number; p95: number[]; rps: number[] }>();
  for (let round = 1; round <= rounds; round++) {
    for (const connections of connectionCounts) {
      for (const [name, params] of Object.entries(variants)) {
        const key = `${connections}|${name}`;
        const before = await processCpuMs(meiliPid);
        const figure = await load(name, {
          url: `${services.meiliUrl}/indexes/${deps.search.indexUid('jobs')}/search`,
          method: 'POST',
          body: JSON.stringify(params),
          headers: { 'content-type': 'application/json', authorization: `Bearer ${services.meiliMasterKey}` },
          connections,
          durationSec,
        });
        const used = (await processCpuMs(meiliPid)) - before;
        const total = spent.get(key) ?? { cpuMs: 0, answered: 0, p95: [], rps: [] };
        total.cpuMs += used;
        total.answered += (figure.throughputPerSec ?? 0) * durationSec;
        total.p95.push(figure.p95Ms ?? 0);
        total.rps.push(figure.throughputPerSec ?? 0);
        spent.set(key, total);
        process.stderr.write(
          `round ${round} ${connections} ${name}: ${(used / ((figure.throughputPerSec ?? 0) * durationSec)).toFixed(2)} ms CPU, p95 ${figure.p95Ms}, ${figure.throughputPerSec}/s, load ${os.loadavg()[0]?.toFixed(1)}\n`,
        );
      }
    }
  }
  console.log(
    '\n| connections | variant | Meilisearch CPU ms per search | req/s (each round) | p95 ms (each round) | answer |\n| --- | --- | --- | --- | --- | --- |',
  );
  for (const [key, { cpuMs: ms, answered, p95, rps }] of spent) {
    const [connections, name] = key.split('|') as [string, string];
    console.log(
      `| ${connections} | ${name} | ${(ms / answered).toFixed(2)} | ${rps.join(' / ')} | ${p95.join(' / ')} | ${sizes.get(name)} |`,
    );
  }
  console.log(
    `\nload average after: ${os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(', ')}`,
  );
});
