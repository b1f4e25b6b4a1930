import type { Role } from '@anju/domain/enums';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, loadActor } from '../../api/src/access/actor.ts';
import { householdSearchFilter, householdVisible, personVisible } from '../../api/src/access/policy.ts';
import { insertRegion } from '../../api/src/regions/queries.ts';
import { enqueueResidents, RESIDENTS_INDEX } from '../../api/src/registry/resident-search.ts';
import { drainOutbox } from '../../api/src/search-sync/worker.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { createUser } from '../support/fixtures.ts';
import { createHousehold } from '../support/registry-fixtures.ts';

/**
 * The one access policy (`api/src/access/policy.ts`) is written once and derived twice: as SQL
 * and as a Meilisearch filter. For random region trees, households, people and actors, the people
 * the SQL rule returns are exactly those the filtered search of the real residents index returns.
 */

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/** A city → counties → townships → sites, with households (and their people) on the sites. */
const treeShape = fc.array(
  fc.array(fc.array(fc.array(fc.integer({ min: 1, max: 2 }), { maxLength: 3 }), { minLength: 1, maxLength: 2 }), {
    minLength: 1,
    maxLength: 2,
  }),
  { minLength: 1, maxLength: 3 },
);

/** Found by CI (seed 1199388332): regions and no people at all (one site, one household of nobody). */
const regionsWithoutPeople: number[][][][] = [[[[0]]]];

const actorShape = fc.record({
  role: fc.constantFrom<Role>('admin', 'official', 'worker', 'helper', 'resident', 'employer'),
  /** Indices into the run's regions, households and people, taken modulo their counts. */
  regions: fc.array(fc.nat(), { maxLength: 3 }),
  households: fc.array(fc.nat(), { maxLength: 3 }),
  person: fc.nat(),
});

let cityNumber = 7100;

interface Built {
  regions: { id: string; path: string; countyCode: string | null }[];
  sites: { id: string; countyCode: string }[];
  households: { id: string; countyCode: string }[];
  personIds: string[];
}

async function build(counties: number[][][][]): Promise<Built> {
  const db = ctx.db;
  const p = String(cityNumber++);
  const city = await insertRegion(db, { code: `${p}00`, name: `城${p}`, level: 'city' });
  const built: Built = { regions: [{ ...city, countyCode: null }], sites: [], households: [], personIds: [] };
  for (const [c, townships] of counties.entries()) {
    const countyCode = `${p}${String(c + 1).padStart(2, '0')}`;
    const county = await insertRegion(db, { code: countyCode, name: `县${c}`, level: 'county', parentCode: `${p}00` });
    built.regions.push({ ...county, countyCode });
    for (const [t, sites] of townships.entries()) {
      const townCode = `${countyCode}${String(t + 1).padStart(3, '0')}`;
      const town = await insertRegion(db, {
        code: townCode,
        name: `镇${t}`,
        level: 'township',
        parentCode: countyCode,
      });
      built.regions.push({ ...town, countyCode });
      for (const [s, households] of sites.entries()) {
        const siteCode = `${townCode}${String(s + 1).padStart(3, '0')}`;
        const site = await insertRegion(db, { code: siteCode, name: `点${s}`, level: 'site', parentCode: townCode });
        built.regions.push({ ...site, countyCode });
        built.sites.push({ id: site.id, countyCode });
        for (const members of households) {
          const household = await createHousehold(
            db,
            site.id,
            Array.from({ length: members }, (_, i) => ({ name: i ? '李四' : '张三', relation: i ? 'spouse' : 'head' })),
          );
          built.households.push({ id: household.id, countyCode });
          built.personIds.push(...household.persons.map((person) => person.id));
        }
      }
    }
  }
  await enqueueResidents(db, built.personIds);
  const drained = await drainOutbox(ctx.deps, { includeDelayed: true });
  expect(drained.failed).toBe(0);
  return built;
}

const pick = <T>(items: T[], index: number): T | undefined => (items.length ? items[index % items.length] : undefined);

async function actorFor(built: Built, shape: ActorShape): Promise<Actor> {
  const regionIds = [...new Set(shape.regions.map((i) => pick(built.regions, i)?.id))].filter(
    (id): id is string => id !== undefined,
  );
  const user = await createUser(ctx.db, {
    role: shape.role,
    // An official or admin has one region (none: an admin over everything); workers and helpers are assigned several.
    regionId: shape.role === 'official' || shape.role === 'admin' ? regionIds[0] : undefined,
    assignedRegionIds: shape.role === 'worker' || shape.role === 'helper' ? regionIds : [],
  });
  if (shape.role === 'helper') {
    const households = [...new Set(shape.households.map((i) => pick(built.households, i)))].filter((h) => h);
    for (const household of households as Built['households']) {
      await ctx.db
        .insertInto('helperAssignments')
        .values({ userId: user.id, householdId: household.id, countyCode: household.countyCode })
        .execute();
    }
  }
  const personId = pick(built.personIds, shape.person);
  if (shape.role === 'resident' && personId) {
    // A person has one account (users.person_id is unique; seed 2096752780 drew two residents
    // for one person): the second is that same account.
    const linked = await ctx.db.selectFrom('users').select('id').where('personId', '=', personId).executeTakeFirst();
    if (linked) return (await loadActor(ctx.db, linked.id)) as Actor;
    await ctx.db.updateTable('users').set({ personId }).where('id', '=', user.id).execute();
  }
  return (await loadActor(ctx.db, user.id)) as Actor;
}
type ActorShape = { role: Role; regions: number[]; households: number[]; person: number };

async function seenBySql(actor: Actor, personIds: string[], rule: 'household' | 'person') {
  // A tree without people: `in ()` is not SQL, and nobody is seen.
  if (personIds.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('persons')
    .innerJoin('households', 'households.id', 'persons.householdId')
    .select('persons.id')
    .where('persons.id', 'in', personIds)
    .where(rule === 'household' ? householdVisible(actor) : personVisible(actor))
    .execute();
  return rows.map((row) => row.id).sort();
}

async function seenBySearch(actor: Actor, personIds: string[]) {
  const filter = await householdSearchFilter(ctx.db, actor);
  if (filter === false) return [];
  const result = await ctx.search.client
    .index(ctx.search.indexUid(RESIDENTS_INDEX))
    .search('', { filter: filter ?? undefined, limit: 1000 });
  const ours = new Set(personIds);
  return result.hits
    .map((hit) => String(hit.id))
    .filter((id) => ours.has(id))
    .sort();
}

describe('the access policy', () => {
  it('gives the same households to SQL and to the search filter, for random trees and actors', async () => {
    await fc.assert(
      fc.asyncProperty(treeShape, fc.array(actorShape, { minLength: 1, maxLength: 6 }), async (shape, actors) => {
        const built = await build(shape);
        for (const actorShape of actors) {
          const actor = await actorFor(built, actorShape);
          const bySql = await seenBySql(actor, built.personIds, 'household');
          expect(await seenBySearch(actor, built.personIds)).toEqual(bySql);
          // A person's own records: a resident reaches only themselves, inside the same households.
          const ownRecords = await seenBySql(actor, built.personIds, 'person');
          expect(bySql).toEqual(expect.arrayContaining(ownRecords));
          if (actor.role === 'resident' && actor.personId) expect(ownRecords).toEqual([actor.personId]);
          if (actor.role === 'employer') expect(bySql).toEqual([]);
          if (actor.role === 'admin') expect(bySql).toEqual([...built.personIds].sort());
        }
      }),
      {
        numRuns: 8,
        // Found by CI (seed 1199388332): a tree with regions and no people at all.
        examples: [[regionsWithoutPeople, [{ role: 'admin', regions: [], households: [], person: 0 }]]],
      },
    );
  });
});
