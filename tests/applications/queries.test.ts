import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applicationEvents,
  createApplication,
  listApplications,
  transitionApplication,
} from '../../api/src/applications/queries.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { createRegionTree, createUser, type RegionTree } from '../support/fixtures.ts';
import { createHouseholdWithPerson } from '../support/matching-fixtures.ts';

let ctx: TestContext;
let tree: RegionTree;
let employerId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  employerId = (await createUser(ctx.db, { role: 'employer' })).id;
  await ctx.db
    .insertInto('skills')
    .values({ code: `forklift_${tree.city.code}`, nameZh: '叉车驾驶', nameEn: 'forklift', category: 'logistics' })
    .execute();
});
afterAll(() => ctx.close());

const newPerson = () => createHouseholdWithPerson(ctx.db, tree.siteA1, tree.countyA.code);

describe('applications in the database', () => {
  it('files an application with its first event and refuses a second open one', async () => {
    const { personId, householdId } = await newPerson();
    const application = await createApplication(ctx.db, {
      kind: 'job',
      opportunityId: '101',
      personId,
      createdBy: null,
      actorRole: 'resident',
    });
    expect(application).toMatchObject({
      kind: 'job',
      state: 'applied',
      personId,
      householdId,
      countyCode: tree.countyA.code,
    });
    expect(await applicationEvents(ctx.db, application.id)).toMatchObject([{ fromState: null, toState: 'applied' }]);
    await expect(
      createApplication(ctx.db, {
        kind: 'job',
        opportunityId: '101',
        personId,
        createdBy: null,
        actorRole: 'resident',
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('a hire moves the person into work with dated history, each step timestamped', async () => {
    const { personId } = await newPerson();
    const application = await createApplication(ctx.db, {
      kind: 'job',
      opportunityId: '102',
      personId,
      createdBy: null,
      actorRole: 'resident',
    });
    for (const to of ['viewed', 'interview', 'hired'] as const) {
      await transitionApplication(ctx.db, {
        applicationId: application.id,
        to,
        side: 'provider',
        actorUserId: employerId,
        actorRole: 'employer',
        effectiveOn: '2026-12-01',
      });
    }
    const events = await applicationEvents(ctx.db, application.id);
    expect(events.map((e) => e.toState)).toEqual(['applied', 'viewed', 'interview', 'hired']);
    expect(events.every((e) => e.occurredAt instanceof Date)).toBe(true);
    const person = await ctx.db
      .selectFrom('persons')
      .select('employmentStatus')
      .where('id', '=', personId)
      .executeTakeFirstOrThrow();
    expect(person.employmentStatus).toBe('employed_local');
    const history = await ctx.db.selectFrom('registryHistory').selectAll().where('personId', '=', personId).execute();
    expect(history).toMatchObject([
      { attribute: 'employment_status', value: 'employed_local', validFrom: '2026-12-01' },
    ]);
  });

  it('an illegal move changes nothing', async () => {
    const { personId } = await newPerson();
    const application = await createApplication(ctx.db, {
      kind: 'job',
      opportunityId: '103',
      personId,
      createdBy: null,
      actorRole: 'resident',
    });
    await expect(
      transitionApplication(ctx.db, {
        applicationId: application.id,
        to: 'hired',
        side: 'provider',
        actorUserId: employerId,
        actorRole: 'employer',
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(await applicationEvents(ctx.db, application.id)).toHaveLength(1);
    const person = await ctx.db
      .selectFrom('persons')
      .select('employmentStatus')
      .where('id', '=', personId)
      .executeTakeFirstOrThrow();
    expect(person.employmentStatus).toBe('unemployed_seeking');
  });

  it('a completed course with a certificate adds the skill, and raises it on a later course', async () => {
    const { personId } = await newPerson();
    const skill = `forklift_${tree.city.code}`;
    const complete = async (opportunityId: string, level: number, certificate: string | null) => {
      const enrolment = await createApplication(ctx.db, {
        kind: 'training',
        opportunityId,
        personId,
        createdBy: null,
        actorRole: 'resident',
      });
      expect(enrolment.state).toBe('enrolled');
      await transitionApplication(ctx.db, {
        applicationId: enrolment.id,
        to: 'attending',
        side: 'provider',
        actorUserId: null,
        actorRole: 'employer',
      });
      await transitionApplication(ctx.db, {
        applicationId: enrolment.id,
        to: 'completed',
        side: 'provider',
        actorUserId: null,
        actorRole: 'employer',
        skillsTaught: [{ code: skill, level }],
        certificate,
        effectiveOn: '2026-12-20',
      });
      return applicationEvents(ctx.db, enrolment.id);
    };
    const events = await complete('201', 1, 'CERT-001');
    expect(events.at(-1)).toMatchObject({ toState: 'completed', certificate: 'CERT-001' });
    await complete('202', 3, null);
    const held = await ctx.db.selectFrom('personSkills').selectAll().where('personId', '=', personId).execute();
    expect(held).toMatchObject([{ skillCode: skill, level: 3, certificate: 'CERT-001', certifiedOn: '2026-12-20' }]);
  });

  it('lists by person, by opportunity and by a worker’s sites', async () => {
    const a1 = await newPerson();
    const b1 = await createHouseholdWithPerson(ctx.db, tree.siteB1, tree.countyB.code);
    await createApplication(ctx.db, {
      kind: 'job',
      opportunityId: '301',
      personId: a1.personId,
      createdBy: null,
      actorRole: 'resident',
    });
    await createApplication(ctx.db, {
      kind: 'job',
      opportunityId: '301',
      personId: b1.personId,
      createdBy: null,
      actorRole: 'resident',
    });
    const byJob = await listApplications(ctx.db, {
      opportunities: { kind: 'job', ids: ['301'] },
      page: 1,
      pageSize: 20,
    });
    expect(byJob.total).toBe(2);
    const siteB = await listApplications(ctx.db, { regionPaths: [tree.siteB1.path], page: 1, pageSize: 20 });
    expect(siteB.items.map((i) => i.personId)).toEqual([b1.personId]);
    const mine = await listApplications(ctx.db, { personIds: [a1.personId], page: 1, pageSize: 20 });
    expect(mine.items.map((i) => i.opportunityId)).toEqual(['301']);
    expect((await listApplications(ctx.db, { personIds: [], page: 1, pageSize: 20 })).total).toBe(0);
  });
});
