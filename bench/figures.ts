import { DEMO_PASSWORD } from '../api/src/access/demo-seed.ts';
import type { AppDeps } from '../api/src/http/env.ts';
import type { RunningServices } from '../api/src/platform.ts';
import type { ApiProcess } from './api-process.ts';
import { type Figure, load, sample } from './measure.ts';
import type { BenchScale, Seeded } from './seed.ts';

export interface BenchContext {
  deps: AppDeps;
  api: ApiProcess;
  scale: BenchScale;
  durationSec: number;
  seeded: Seeded;
  services: RunningServices;
}

async function signIn(url: string, login: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`bench sign-in as ${login} failed: ${response.status}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0];
}

const get = (url: string, cookie?: string) =>
  fetch(url, { headers: cookie ? { cookie } : {} }).then(async (r) => {
    await r.arrayBuffer();
    if (!r.ok) throw new Error(`${url} answered ${r.status}`);
  });

/** Every figure of the suite; features add theirs beside a baseline measured in the same run. */
export async function benchFigures(ctx: BenchContext): Promise<Figure[]> {
  const { api, durationSec } = ctx;
  const figures: Figure[] = [];
  const samples = ctx.scale === 'tiny' ? 30 : 300;

  const trivial = await sample('trivial endpoint GET /api/health/live', samples, () =>
    get(`${api.url}/api/health/live`),
  );
  figures.push(trivial);
  for (const connections of [10, 50]) {
    figures.push(
      await load(`trivial endpoint under load, ${connections} connections`, {
        url: `${api.url}/api/health/live`,
        connections,
        durationSec,
      }),
    );
  }
  const cookie = await signIn(api.url, ctx.seeded.logins.worker);
  const me = await sample('signed-in GET /api/auth/me', samples, () => get(`${api.url}/api/auth/me`, cookie));
  figures.push({ ...me, baseline: trivial.name, ratioToBaseline: ratio(me.p95Ms, trivial.p95Ms) });

  figures.push({ name: 'API peak RSS', rssMb: await api.peakRssMb(), target: { metric: 'rssMb', max: 512 } });
  return figures;
}

export function ratio(value: number | undefined, baseline: number | undefined): number | undefined {
  if (!value || !baseline) return undefined;
  return Math.round((value / baseline) * 100) / 100;
}
