import { loadavg } from 'node:os';
import { chinaToday } from '@anju/domain/clock';
import { monthStart } from '@anju/domain/dates';
import { sql } from 'kysely';
import { loadActor } from '../api/src/access/actor.ts';
import { hashPassword } from '../api/src/access/passwords.ts';
import { createApp } from '../api/src/app.ts';
import { runCli } from '../api/src/cli/context.ts';
import { DEMO_PASSWORD } from '../api/src/seed/access-demo.ts';
import { worklistCountsSql } from '../api/src/worklist/worklist.ts';
import { sample } from './measure.ts';

/**
 * The worklist counts of issue 23 (an official's and an admin's home) on a database already
 * seeded with `pnpm seed --scale city` (same DATA_DIR / DATABASE_URL as the seed), in-process
 * and sequential:
 *   DATA_DIR=/tmp/anju-city ANJU_DEMO=0 npx tsx bench/worklist-counts-city.ts [--samples N] [--explain] [--dashboards] [--no-counts] [--no-pages] [--count-rows]
 * Prints p50/p95 of GET /api/worklist/counts and of the first worklist page for the city admin,
 * the city official, a county official (`perf-county-official`, made on the first run: the city
 * seed has none) and the largest site's worker; with --explain, EXPLAIN (ANALYZE, BUFFERS) of the
 * counts SQL for each of them; with --dashboards, the city's and the largest site's dashboards first.
 * --no-pages leaves out the worklist pages. With --count-rows the counts count the worklist's
 * rows as before migration 2026-12-12T0200 (the path they take while the stored visit due dates
 * are of another policy year): the stored year is set aside for the run and put back at the end,
 * so before and after run on one database.
 */
const samplesAt = process.argv.indexOf('--samples');
const samples = samplesAt >= 0 ? Number(process.argv[samplesAt + 1]) : 30;

await runCli(async (deps) => {
  const { db } = deps;
  const county = await db
    .selectFrom('regions')
    .select(['id', 'code'])
    .where('level', '=', 'county')
    .orderBy('code')
    .executeTakeFirstOrThrow();
  const existing = await db
    .selectFrom('users')
    .select('id')
    .where('login', '=', 'perf-county-official')
    .executeTakeFirst();
  if (!existing)
    await db
      .insertInto('users')
      .values({
        login: 'perf-county-official',
        phone: null,
        name: '县乡村振兴局（生成数据）',
        role: 'official',
        passwordHash: await hashPassword(DEMO_PASSWORD),
        regionId: county.id,
        department: null,
        setupCodeHash: null,
        setupCodeExpiresAt: null,
        createdBy: null,
      })
      .execute();
  const app = createApp(deps);
  const today = chinaToday();
  const signIn = async (login: string) => {
    const signedIn = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password: DEMO_PASSWORD }),
    });
    if (!signedIn.ok) throw new Error(`sign-in of ${login} failed: ${signedIn.status}`);
    return (signedIn.headers.get('set-cookie') ?? '').split(';')[0];
  };
  console.log(
    `load average at start: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
  if (process.argv.includes('--dashboards')) {
    // The city's and the largest site's dashboards (issue 7's figures) as the city official.
    const cookie = await signIn('city-official');
    const { rows: sites } = await sql<{ code: string }>`
      select site.code from households h join regions site on site.id = h.site_id
      group by site.code order by count(*) desc limit 1`.execute(db);
    const { rows: cities } = await sql<{ code: string }>`select code from regions where level = 'city' limit 1`.execute(
      db,
    );
    const to = monthStart(today, -1).slice(0, 7);
    const from = monthStart(today, -12).slice(0, 7);
    for (const [name, code] of [
      ['city dashboard', cities[0].code],
      ['largest site dashboard', sites[0].code],
    ]) {
      const url = `/api/reports/regions/${code}?from=${from}&to=${to}`;
      const figure = await sample(name, samples, async () => {
        const response = await app.request(url, { headers: { cookie } });
        if (!response.ok) throw new Error(`${url} answered ${response.status}`);
        await response.arrayBuffer();
      });
      console.log(`${figure.name}: p50 ${figure.medianMs} ms, p95 ${figure.p95Ms} ms`);
    }
  }
  const countRows = process.argv.includes('--count-rows');
  if (countRows) await sql`update visit_due_basis set year = year - 1000`.execute(db);
  try {
    await countAll();
  } finally {
    if (countRows) await sql`update visit_due_basis set year = year + 1000`.execute(db);
  }
  console.log(
    `load average at end: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
  return 0;

  async function countAll() {
    const logins = process.argv.includes('--no-counts')
      ? []
      : ['city-admin', 'city-official', 'perf-county-official', 'city-worker'];
    for (const login of logins) {
      const cookie = await signIn(login);
      let counts: unknown;
      const get = async (url: string) => {
        const response = await app.request(url, { headers: { cookie } });
        if (!response.ok) throw new Error(`${url} answered ${response.status}`);
        if (url.endsWith('/counts')) counts = await response.json();
        else await response.arrayBuffer();
      };
      const urls = [
        '/api/worklist/counts',
        ...(process.argv.includes('--no-pages') ? [] : ['/api/worklist?pageSize=20']),
      ];
      for (const url of urls) {
        const figure = await sample(`${login} GET ${url}`, samples, () => get(url));
        console.log(`${figure.name}: p50 ${figure.medianMs} ms, p95 ${figure.p95Ms} ms`);
      }
      console.log(`  counts: ${JSON.stringify(counts)}`);
      if (process.argv.includes('--explain')) {
        const user = await db.selectFrom('users').select('id').where('login', '=', login).executeTakeFirstOrThrow();
        const actor = await loadActor(db, user.id);
        if (!actor) throw new Error(`${login} is not active`);
        const { rows } = await sql<{
          'QUERY PLAN': string;
        }>`explain (analyze, buffers) ${await worklistCountsSql(db, actor, today)}`.execute(db);
        console.log(rows.map((row) => row['QUERY PLAN']).join('\n'));
      }
    }
  }
});
