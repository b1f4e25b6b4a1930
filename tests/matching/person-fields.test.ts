import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMatchSubject } from '../../api/src/matching/load.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, placeSite, type RegionTree, signIn } from '../support/fixtures.ts';
import { createHouseholdWithPerson } from '../support/matching-fixtures.ts';
import { TODAY } from './builders.ts';

/** Issue 18: availability, trade and structured health on the person, stored, masked and read by matching. */
let ctx: TestContext;
let tree: RegionTree;
let worker: string;
beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  await placeSite(ctx.db, tree.siteA1.id, 26.6, 106.7);
  worker = await signIn(
    ctx.app,
    (await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] })).login,
  );
});
afterAll(() => ctx.close());

describe('person fields for matching', () => {
  it('stores availability (0.5 km accepted), the trade and health; health is encrypted and shown on request only', async () => {
    const { personId } = await createHouseholdWithPerson(ctx.db, tree.siteA1, tree.countyA.code);
    const patch = await call(ctx.app, 'PATCH', `/api/persons/${personId}`, {
      cookie: worker,
      body: {
        version: 1,
        maxCommuteKm: 0.5,
        availability: { where: 'site', hours: ['full_time', 'school_hours'], availableFrom: '2027-01-04' },
        primarySkill: 'welding',
        health: { disabilityKind: 'physical', disabilityGrade: 2, chronicIllness: false, limits: ['no_night_work'] },
      },
    });
    expect(patch.status).toBe(200);
    const stored = await ctx.db
      .selectFrom('persons')
      .select(['healthEncrypted', 'workLimits', 'maxCommuteKm'])
      .where('id', '=', personId)
      .executeTakeFirstOrThrow();
    expect(stored.healthEncrypted).not.toContain('physical');
    expect(stored.maxCommuteKm).toBe(0.5);
    expect(stored.workLimits).toEqual([
      'no_heavy_lifting',
      'no_heights',
      'no_night_work',
      'no_standing_all_day',
      'stay_close',
    ]);

    const plain = await (await call(ctx.app, 'GET', `/api/persons/${personId}`, { cookie: worker })).json();
    expect(plain).toMatchObject({
      maxCommuteKm: 0.5,
      availability: { where: 'site', hours: ['full_time', 'school_hours'], availableFrom: '2027-01-04' },
      primarySkill: 'welding',
    });
    expect(plain).not.toHaveProperty('health');
    const full = await (
      await call(ctx.app, 'GET', `/api/persons/${personId}?include=healthNotes`, { cookie: worker })
    ).json();
    expect(full.health).toEqual({
      disabilityKind: 'physical',
      disabilityGrade: 2,
      chronicIllness: false,
      limits: ['no_night_work'],
    });
    const audit = await ctx.db
      .selectFrom('auditLog')
      .select('fields')
      .where('resourceId', '=', personId)
      .where('action', '=', 'read')
      .execute();
    expect(audit.some((row) => row.fields?.includes('health'))).toBe(true);

    const subject = await loadMatchSubject(ctx.db, personId, TODAY);
    expect(subject?.person).toMatchObject({
      maxCommuteKm: 0.5,
      availability: { where: 'site', hours: ['full_time', 'school_hours'], availableFrom: '2027-01-04' },
      primarySkill: 'welding',
      health: {
        chronicIllness: true,
        limits: ['no_heavy_lifting', 'no_heights', 'no_night_work', 'no_standing_all_day'],
      },
    });
  });

  it('reads structured health out of the notes when none is given (肢体残疾二级)', async () => {
    const { personId } = await createHouseholdWithPerson(ctx.db, tree.siteA1, tree.countyA.code);
    const patch = await call(ctx.app, 'PATCH', `/api/persons/${personId}`, {
      cookie: worker,
      body: { version: 1, healthNotes: '肢体残疾二级，行动不便' },
    });
    expect(patch.status).toBe(200);
    const full = await (
      await call(ctx.app, 'GET', `/api/persons/${personId}?include=healthNotes`, { cookie: worker })
    ).json();
    expect(full.health).toMatchObject({ disabilityKind: 'physical', disabilityGrade: 2 });
  });

  it('refuses an unknown place, hour or limit with the field named', async () => {
    const { personId } = await createHouseholdWithPerson(ctx.db, tree.siteA1, tree.countyA.code);
    const response = await call(ctx.app, 'PATCH', `/api/persons/${personId}`, {
      cookie: worker,
      body: { version: 1, availability: { where: 'moon', hours: ['siesta'] }, health: { limits: ['no_fun'] } },
    });
    expect(response.status).toBe(400);
    const paths = ((await response.json()) as { errors: { path: string }[] }).errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['json.availability.where', 'json.availability.hours.0', 'json.health.limits.0']),
    );
  });
});
