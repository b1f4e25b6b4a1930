import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hitFields } from '../../api/src/opportunities/search-query.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import { createEmployer, drain, jobBody, seedTaxonomy } from '../support/opportunity-fixtures.ts';

/**
 * A search answers the fields the portal's result card reads, and only those (issue 23: Meilisearch
 * is asked for `hitFields` alone). The portal's list is read from its own source, `SearchHit` in
 * web/src/features/opportunities/api/search.ts, so a field the portal declares that the API stops
 * sending fails here, whichever side changed.
 */
function portalHitFields(): { fields: string[]; formatted: string[] } {
  const source = readFileSync(
    path.resolve(import.meta.dirname, '../../web/src/features/opportunities/api/search.ts'),
    'utf8',
  );
  const body = source.match(/export interface SearchHit \{([\s\S]*?)\n\}/)?.[1] ?? '';
  const fields = [...body.matchAll(/^ {2}(\w+)\??:/gm)].map((match) => match[1]);
  const formattedType = body.match(/_formatted\?: \{([^}]*)\}/)?.[1] ?? '';
  const formatted = [...formattedType.matchAll(/(\w+)\??:/g)].map((match) => match[1]);
  return { fields, formatted };
}

/**
 * The facet each search page shows as type chips (`kindFacet` in the page's source): the one facet
 * a search counts unless it names others (issue 23: counting all six was half of Meilisearch's CPU).
 */
function portalChipFacets(): Record<string, string[]> {
  const source = readFileSync(
    path.resolve(import.meta.dirname, '../../web/src/features/opportunities/components/opportunity-search-page.tsx'),
    'utf8',
  );
  const body = source.match(/const kindFacet[^=]*= \{([\s\S]*?)\n\};/)?.[1] ?? '';
  const chips: Record<string, string[]> = { jobs: [], trainings: [], projects: [] };
  for (const match of body.matchAll(/^ {2}(\w+): \{ facet: '(\w+)'/gm)) chips[match[1]] = [match[2]];
  return chips;
}

let ctx: TestContext;
let tree: RegionTree;
let resident: string;
const at = { lat: 26.6, lng: 106.7 };

async function post(cookie: string, kind: string, body: Record<string, unknown>) {
  const response = await call(ctx.app, 'POST', `/api/${kind}`, { cookie, body });
  if (response.status !== 201) throw new Error(await response.text());
}

async function hitsOf(kind: string, q: string) {
  const response = await call(
    ctx.app,
    'GET',
    `/api/search/${kind}?q=${encodeURIComponent(q)}&lat=${at.lat}&lng=${at.lng}`,
    {
      cookie: resident,
    },
  );
  expect(response.status).toBe(200);
  return ((await response.json()) as { hits: Record<string, unknown>[] }).hits;
}

beforeAll(async () => {
  ctx = await createTestContext();
  await seedTaxonomy(ctx);
  tree = await createRegionTree(ctx.db);
  const employerId = (await createEmployer(ctx, { verified: true, name: '青山制衣厂' })).id;
  const admin = await signIn(ctx.app, (await createUser(ctx.db, { role: 'admin' })).login);
  resident = await signIn(ctx.app, (await createUser(ctx.db, { role: 'resident' })).login);
  const inAMonth = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10);
  await post(
    admin,
    'jobs',
    jobBody({
      employerId,
      title: '缝纫工',
      description: '服装厂招缝纫工，计件工资，包吃包住，班车接送到安置点',
      requirements: '会用平车',
      ...at,
      accommodation: true,
      shuttleSiteIds: [tree.siteA1.id],
      startDate: inAMonth,
    }),
  );
  await post(admin, 'trainings', {
    employerId,
    title: '电工上岗培训',
    description: '低压电工上岗培训，结业考证',
    skillsTaught: [{ code: 'electrical.low_voltage', level: 1 }],
    certificate: '特种作业操作证（低压电工）',
    schedule: '周末班',
    seats: 30,
    cost: 0,
    subsidyEligible: true,
    childcare: true,
    startDate: inAMonth,
    status: 'open',
  });
  await post(admin, 'projects', {
    employerId,
    title: '食用菌种植基地',
    description: '食用菌大棚种植，入股分红',
    kind: 'planting',
    requiredSkills: [{ code: 'farming.fungus', minLevel: 1 }],
    siteIds: [tree.siteA1.id],
    positions: 40,
    participationModes: ['wage', 'shareholding'],
    expectedIncomeMin: 20000,
    expectedIncomeMax: 36000,
    status: 'open',
  });
  await drain(ctx);
});
afterAll(() => ctx.close());

describe('the fields of a search hit', { timeout: 120_000 }, () => {
  it('carries every field the portal reads, across the three kinds', async () => {
    const portal = portalHitFields();
    // The parse itself must have found the card's fields, or this test proves nothing.
    expect(portal.fields).toEqual(expect.arrayContaining(['id', 'title', 'employerName', 'payMin', 'distanceKm']));
    expect(portal.formatted.sort()).toEqual(['description', 'employerName', 'title']);

    const hits = [
      ...(await hitsOf('jobs', '缝纫')),
      ...(await hitsOf('trainings', '电工')),
      ...(await hitsOf('projects', '食用菌')),
    ];
    expect(hits).toHaveLength(3);
    const answered = new Set(hits.flatMap((hit) => Object.keys(hit)));
    const formatted = new Set(hits.flatMap((hit) => Object.keys((hit._formatted ?? {}) as object)));
    expect(portal.fields.filter((field) => !answered.has(field))).toEqual([]);
    expect(portal.formatted.filter((field) => !formatted.has(field))).toEqual([]);
    // Each card shows its highlighted title and the cropped, highlighted description.
    for (const hit of hits) {
      const shown = hit._formatted as Record<string, string>;
      expect(shown.title).toContain('<mark>');
      expect(shown.description).toContain('<mark>');
    }
    expect(hits[0].distanceKm).toBe(0);
  });

  it('carries nothing the portal does not read: no index fields, no full description', async () => {
    const hits = [
      ...(await hitsOf('jobs', '缝纫')),
      ...(await hitsOf('trainings', '电工')),
      ...(await hitsOf('projects', '食用菌')),
    ];
    const expected = new Set([...portalHitFields().fields, ...hitFields]);
    const answered = new Set(hits.flatMap((hit) => Object.keys(hit)));
    expect([...answered].filter((field) => !expected.has(field))).toEqual([]);
    for (const field of ['description', 'requirements', 'pinyin', 'geoCells', 'docHash', 'extraText', 'visible']) {
      expect(answered.has(field)).toBe(false);
    }
  });

  it('counts the facet the search page shows as chips, and others only when asked', async () => {
    const chips = portalChipFacets();
    // The parse itself must have found the chips, or this test proves nothing.
    expect(chips).toEqual({ jobs: ['employmentType'], trainings: [], projects: ['kind'] });
    for (const [kind, q] of [
      ['jobs', '缝纫'],
      ['trainings', '电工'],
      ['projects', '食用菌'],
    ]) {
      const response = await call(ctx.app, 'GET', `/api/search/${kind}?q=${encodeURIComponent(q)}`, {
        cookie: resident,
      });
      const { facets } = (await response.json()) as { facets: Record<string, Record<string, number>> };
      expect(Object.keys(facets)).toEqual(chips[kind]);
      for (const facet of chips[kind]) expect(Object.values(facets[facet])).toEqual([1]);
    }
    const asked = await call(
      ctx.app,
      'GET',
      `/api/search/jobs?q=${encodeURIComponent('缝纫')}&facets=skills,accommodation`,
      {
        cookie: resident,
      },
    );
    const { facets } = (await asked.json()) as { facets: Record<string, Record<string, number>> };
    expect(Object.keys(facets).sort()).toEqual(['accommodation', 'skills']);
    expect(facets.accommodation).toEqual({ true: 1 });
    const unknown = await call(ctx.app, 'GET', '/api/search/trainings?facets=kind', { cookie: resident });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect((await unknown.json()).errors[0].path).toBe('query.facets');
  });

  it('still answers a signed-out caller with 401', async () => {
    const response = await call(ctx.app, 'GET', '/api/search/jobs?q=缝纫');
    expect(response.status).toBe(401);
  });
});
