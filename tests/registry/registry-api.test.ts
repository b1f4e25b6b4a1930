import { makeIdNumber } from '@anju/domain/id-number';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import { createHousehold, createSkill } from '../support/registry-fixtures.ts';

let ctx: TestContext;
let tree: RegionTree;
const cookies: Record<string, string> = {};
let householdA1: Awaited<ReturnType<typeof createHousehold>>;
let householdB1: Awaited<ReturnType<typeof createHousehold>>;
let residentPersonId: string;

const ID_PATTERN = /\d{17}[\dX]/;

beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  householdA1 = await createHousehold(ctx.db, tree.siteA1.id, [
    { name: '张三', relation: 'head', birthDate: '1980-05-01', idNumber: makeIdNumber('529901', '1980-05-01', 11) },
    { name: '李梅', relation: 'spouse', birthDate: '1982-07-09', idNumber: makeIdNumber('529901', '1982-07-09', 22) },
  ]);
  householdB1 = await createHousehold(ctx.db, tree.siteB1.id, [{ name: '王五', relation: 'head' }]);
  residentPersonId = householdA1.persons[0].id;
  const users = {
    admin: await createUser(ctx.db, { role: 'admin', regionId: tree.city.id }),
    worker: await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] }),
    workerB: await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteB1.id] }),
    officialA: await createUser(ctx.db, { role: 'official', regionId: tree.countyA.id }),
    helper: await createUser(ctx.db, { role: 'helper', assignedRegionIds: [tree.siteA1.id] }),
    resident: await createUser(ctx.db, { role: 'resident' }),
    employer: await createUser(ctx.db, { role: 'employer' }),
  };
  await ctx.db.updateTable('users').set({ personId: residentPersonId }).where('id', '=', users.resident.id).execute();
  await ctx.db
    .insertInto('helperAssignments')
    .values({ userId: users.helper.id, householdId: householdA1.id, countyCode: householdA1.countyCode })
    .execute();
  for (const [role, user] of Object.entries(users)) cookies[role] = await signIn(ctx.app, user.login);
});
afterAll(() => ctx.close());

describe('scoping of households and persons by role', () => {
  it.each([
    ['admin', 200, 200],
    ['worker', 200, 404],
    ['workerB', 404, 200],
    ['officialA', 200, 404],
    ['helper', 200, 404],
    ['resident', 200, 404],
    ['employer', 403, 403],
  ])('%s reads household A1 → %i, B1 → %i', async (role, a1, b1) => {
    expect((await call(ctx.app, 'GET', `/api/households/${householdA1.id}`, { cookie: cookies[role] })).status).toBe(
      a1,
    );
    expect((await call(ctx.app, 'GET', `/api/households/${householdB1.id}`, { cookie: cookies[role] })).status).toBe(
      b1,
    );
    const person = await call(ctx.app, 'GET', `/api/persons/${householdB1.persons[0].id}`, { cookie: cookies[role] });
    expect(person.status).toBe(b1);
  });

  it('lists only what the role may see', async () => {
    const numbers = async (role: string) => {
      const response = await call(ctx.app, 'GET', '/api/households?pageSize=200', { cookie: cookies[role] });
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body).toMatchObject({ page: 1, pageSize: 200 });
      return body.items.map((h: { id: string }) => h.id).sort();
    };
    expect(await numbers('admin')).toEqual([householdA1.id, householdB1.id].sort());
    expect(await numbers('worker')).toEqual([householdA1.id]);
    expect(await numbers('workerB')).toEqual([householdB1.id]);
    expect(await numbers('resident')).toEqual([householdA1.id]);
    expect((await call(ctx.app, 'GET', '/api/persons', { cookie: cookies.employer })).status).toBe(403);
    expect((await call(ctx.app, 'GET', '/api/persons')).status).toBe(401);
  });

  it('audits an out-of-scope read as denied', async () => {
    await call(ctx.app, 'GET', `/api/households/${householdB1.id}`, { cookie: cookies.worker });
    const denied = await ctx.db
      .selectFrom('auditLog')
      .select(['outcome', 'resourceId'])
      .where('outcome', '=', 'denied')
      .where('resourceId', '=', `/api/households/${householdB1.id}`)
      .execute();
    expect(denied.length).toBeGreaterThan(0);
  });

  it('refuses writes by an official, a helper and a resident (403) and a worker of another site (404)', async () => {
    for (const role of ['officialA', 'helper', 'resident', 'employer']) {
      const response = await call(ctx.app, 'PATCH', `/api/households/${householdA1.id}`, {
        cookie: cookies[role],
        body: { version: 1, room: '999' },
      });
      expect(response.status).toBe(403);
    }
    const other = await call(ctx.app, 'PATCH', `/api/households/${householdA1.id}`, {
      cookie: cookies.workerB,
      body: { version: 1, room: '999' },
    });
    expect(other.status).toBe(404);
  });

  it('lists sites in scope with a code and counts', async () => {
    const response = await call(ctx.app, 'GET', '/api/sites', { cookie: cookies.worker });
    const body = await response.json();
    expect(body.items).toEqual([
      expect.objectContaining({ id: tree.siteA1.id, code: tree.siteA1.code, householdCount: 1, personCount: 2 }),
    ]);
    expect((await call(ctx.app, 'GET', `/api/sites/${tree.siteB1.id}`, { cookie: cookies.worker })).status).toBe(404);
    expect((await call(ctx.app, 'GET', '/api/sites', { cookie: cookies.resident })).status).toBe(403);
  });

  it('lets only an admin create and change sites', async () => {
    const township = await ctx.db
      .selectFrom('regions')
      .select('code')
      .where('id', '=', tree.siteA1.path.split('/')[3])
      .executeTakeFirstOrThrow();
    const body = {
      code: `${township.code}009`,
      name: '新建安置点',
      parentCode: township.code,
      kind: 'concentrated',
      setting: 'urban',
      lat: 26.5,
      lng: 106.7,
      capacityHouseholds: 300,
      facilities: ['school', 'clinic'],
    };
    expect((await call(ctx.app, 'POST', '/api/sites', { cookie: cookies.worker, body })).status).toBe(403);
    const created = await call(ctx.app, 'POST', '/api/sites', { cookie: cookies.admin, body });
    expect(created.status).toBe(201);
    const site = await created.json();
    expect(site).toMatchObject({
      code: body.code,
      kind: 'concentrated',
      facilities: ['school', 'clinic'],
      householdCount: 0,
    });
    const changed = await call(ctx.app, 'PATCH', `/api/sites/${site.id}`, {
      cookie: cookies.admin,
      body: { capacityHouseholds: 500 },
    });
    expect((await changed.json()).capacityHouseholds).toBe(500);
  });
});

describe('masking and audited reads of sensitive fields', () => {
  it('masks ID numbers in every response and phones for an official', async () => {
    const official = await (
      await call(ctx.app, 'GET', `/api/households/${householdA1.id}`, { cookie: cookies.officialA })
    ).json();
    expect(official.members[0].idNumber).toBe(`*****************${householdA1.persons[0].idNumber?.slice(-1)}`);
    expect(official.members[0].phone).toBe('139****5678');
    expect(JSON.stringify(official)).not.toMatch(ID_PATTERN);
    const worker = await (await call(ctx.app, 'GET', '/api/persons?pageSize=50', { cookie: cookies.worker })).json();
    expect(JSON.stringify(worker)).not.toMatch(ID_PATTERN);
    expect(worker.items[0].phone).toBe('13912345678');
    expect(worker.items[0]).not.toHaveProperty('healthNotes');
  });

  it('reveals the full ID number to the worker of the site on request, and audits it', async () => {
    const id = householdA1.persons[0].id;
    const response = await call(ctx.app, 'GET', `/api/persons/${id}?reveal=idNumber`, { cookie: cookies.worker });
    const person = await response.json();
    expect(person.idNumber).toBe(householdA1.persons[0].idNumber);
    expect(person.idNumberRevealed).toBe(true);
    const audit = await ctx.db
      .selectFrom('auditLog')
      .select(['fields', 'detail'])
      .where('resourceType', '=', 'person')
      .where('resourceId', '=', id)
      .where('action', '=', 'read')
      .execute();
    expect(audit.some((row) => row.fields?.includes('idNumber'))).toBe(true);
    expect(JSON.stringify(audit)).not.toMatch(ID_PATTERN);
    for (const role of ['officialA', 'helper', 'resident']) {
      expect((await call(ctx.app, 'GET', `/api/persons/${id}?reveal=idNumber`, { cookie: cookies[role] })).status).toBe(
        403,
      );
    }
  });

  it('keeps health notes encrypted and shows them to the worker only, audited', async () => {
    const id = householdA1.persons[1].id;
    const patch = await call(ctx.app, 'PATCH', `/api/persons/${id}`, {
      cookie: cookies.worker,
      body: { version: 1, healthNotes: '高血压，需定期复查' },
    });
    expect(patch.status).toBe(200);
    const stored = await ctx.db
      .selectFrom('persons')
      .select('healthNotesEncrypted')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.healthNotesEncrypted).not.toContain('高血压');
    const read = await (
      await call(ctx.app, 'GET', `/api/persons/${id}?include=healthNotes`, { cookie: cookies.worker })
    ).json();
    expect(read.healthNotes).toBe('高血压，需定期复查');
    expect(
      (await call(ctx.app, 'GET', `/api/persons/${id}?include=healthNotes`, { cookie: cookies.helper })).status,
    ).toBe(403);
    const helperView = await (await call(ctx.app, 'GET', `/api/persons/${id}`, { cookie: cookies.helper })).json();
    expect(helperView).not.toHaveProperty('healthNotes');
    const audit = await ctx.db
      .selectFrom('auditLog')
      .select('fields')
      .where('resourceId', '=', id)
      .where('action', '=', 'read')
      .execute();
    expect(audit.some((row) => row.fields?.includes('healthNotes'))).toBe(true);
  });

  it('never writes an ID number into the logs', () => {
    const revealed = householdA1.persons.map((p) => p.idNumber as string);
    const text = JSON.stringify(ctx.logs);
    for (const id of revealed) expect(text).not.toContain(id);
    expect(text).not.toMatch(/\b\d{17}[\dX]\b/);
  });
});

describe('creating and validating', () => {
  it('creates a household with members and names the failing field paths', async () => {
    const bad = await call(ctx.app, 'POST', '/api/households', {
      cookie: cookies.worker,
      body: {
        householdNumber: 'NEW-1',
        siteId: tree.siteA1.id,
        members: [
          { name: '赵六', relation: 'head', idNumber: '110105194912310021' },
          { name: '', relation: 'cousin' },
        ],
      },
    });
    expect(bad.status).toBe(400);
    const problem = await bad.json();
    expect(problem.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'json.members.0.idNumber',
      'json.members.1.name',
      'json.members.1.relation',
    ]);
    const idNumber = makeIdNumber('529901', '1975-02-02', 101);
    const good = await call(ctx.app, 'POST', '/api/households', {
      cookie: cookies.worker,
      body: {
        householdNumber: 'NEW-1',
        siteId: tree.siteA1.id,
        monitoringCategory: 'none',
        members: [
          {
            name: '赵六',
            relation: 'head',
            idNumber,
            phone: '13700001111',
            laborCapacity: 'full',
            employmentStatus: 'flexible',
          },
        ],
      },
    });
    expect(good.status).toBe(201);
    const household = await good.json();
    expect(household).toMatchObject({
      householdNumber: 'NEW-1',
      monitoringCategory: 'none',
      memberCount: 1,
      version: 1,
    });
    expect(household.members[0]).toMatchObject({ birthDate: '1975-02-02', sex: 'male', idNumberRevealed: false });
    const again = await call(ctx.app, 'POST', '/api/persons', {
      cookie: cookies.worker,
      body: { householdId: household.id, name: '赵六', relation: 'sibling', idNumber },
    });
    expect(again.status).toBe(409);
    expect((await again.json()).errors[0].path).toBe('json.idNumber');
  });

  it('refuses a household on a site outside the worker’s scope', async () => {
    const response = await call(ctx.app, 'POST', '/api/households', {
      cookie: cookies.worker,
      body: { householdNumber: 'NEW-2', siteId: tree.siteB1.id },
    });
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].path).toBe('json.siteId');
  });

  it('filters, sorts and pages persons', async () => {
    const page = await (
      await call(ctx.app, 'GET', `/api/persons?siteId=${tree.siteA1.id}&sort=-name&pageSize=1&page=2`, {
        cookie: cookies.admin,
      })
    ).json();
    expect(page.total).toBe(3);
    expect(page.items).toHaveLength(1);
    expect(page.items[0].name).toBe('李梅');
    const flexible = await (
      await call(ctx.app, 'GET', '/api/persons?employmentStatus=flexible', { cookie: cookies.admin })
    ).json();
    expect(flexible.items.map((p: { name: string }) => p.name)).toEqual(['赵六']);
    expect((await call(ctx.app, 'GET', '/api/persons?laborCapacity=strong', { cookie: cookies.admin })).status).toBe(
      400,
    );
  });

  it('replaces a person’s skills, refusing unknown codes', async () => {
    await createSkill(ctx.db, 'T-WELD', '焊工');
    await createSkill(ctx.db, 'T-COOK', '中式烹调师');
    const id = householdA1.persons[0].id;
    const unknown = await call(ctx.app, 'PUT', `/api/persons/${id}/skills`, {
      cookie: cookies.worker,
      body: { skills: [{ skillCode: 'NOPE', level: 2 }] },
    });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).errors[0].path).toBe('json.skills.0.skillCode');
    const response = await call(ctx.app, 'PUT', `/api/persons/${id}/skills`, {
      cookie: cookies.worker,
      body: {
        skills: [
          { skillCode: 'T-WELD', level: 3, certificate: '焊工四级证书' },
          { skillCode: 'T-COOK', level: 1 },
        ],
      },
    });
    expect(response.status).toBe(200);
    expect((await response.json()).skills).toEqual([
      { skillCode: 'T-COOK', skillName: '中式烹调师', level: 1, certificate: null, certifiedOn: null },
      { skillCode: 'T-WELD', skillName: '焊工', level: 3, certificate: '焊工四级证书', certifiedOn: null },
    ]);
    const bad = await call(ctx.app, 'PUT', `/api/persons/${id}/skills`, {
      cookie: cookies.worker,
      body: { skills: [{ skillCode: 'T-WELD', level: 6 }] },
    });
    expect(bad.status).toBe(400);
  });
});

describe('history and optimistic concurrency', () => {
  it('keeps employment history and answers the status on a past day', async () => {
    const household = await createHousehold(ctx.db, tree.siteA1.id, [
      { name: '孙七', relation: 'head', employmentStatus: 'unemployed_seeking' },
    ]);
    const id = household.persons[0].id;
    await ctx.db
      .insertInto('registryHistory')
      .values({
        countyCode: household.countyCode,
        householdId: household.id,
        personId: id,
        attribute: 'employment_status',
        value: 'unemployed_seeking',
        validFrom: '2026-01-01',
        detail: null,
        recordedBy: null,
      })
      .execute();
    const first = await call(ctx.app, 'PATCH', `/api/persons/${id}`, {
      cookie: cookies.worker,
      body: { version: 1, employmentStatus: 'employed_local', validFrom: '2026-03-15' },
    });
    expect(first.status).toBe(200);
    const second = await call(ctx.app, 'PATCH', `/api/persons/${id}`, {
      cookie: cookies.worker,
      body: { version: 2, employmentStatus: 'labour_export', validFrom: '2026-06-01' },
    });
    expect(second.status).toBe(200);
    const history = await (
      await call(ctx.app, 'GET', `/api/persons/${id}/history?asOf=2026-03-31`, { cookie: cookies.worker })
    ).json();
    expect(history.state.employment_status).toBe('employed_local');
    expect(
      history.items
        .filter((i: { attribute: string }) => i.attribute === 'employment_status')
        .map((i: { value: string; validFrom: string }) => [i.validFrom, i.value]),
    ).toEqual([
      ['2026-01-01', 'unemployed_seeking'],
      ['2026-03-15', 'employed_local'],
      ['2026-06-01', 'labour_export'],
    ]);
    const onDay = async (day: string, status: string) =>
      (
        await (
          await call(
            ctx.app,
            'GET',
            `/api/persons?asOf=${day}&employmentStatus=${status}&householdId=${household.id}`,
            { cookie: cookies.worker },
          )
        ).json()
      ).items.map((p: { id: string; employmentStatusAsOf: string }) => [p.id, p.employmentStatusAsOf]);
    expect(await onDay('2026-03-31', 'employed_local')).toEqual([[id, 'employed_local']]);
    expect(await onDay('2026-02-01', 'employed_local')).toEqual([]);
    expect(await onDay('2026-02-01', 'unemployed_seeking')).toEqual([[id, 'unemployed_seeking']]);
    expect(await onDay('2026-07-01', 'labour_export')).toEqual([[id, 'labour_export']]);
  });

  it('answers 409 naming what changed when the version is stale', async () => {
    const household = await createHousehold(ctx.db, tree.siteA1.id, [{ name: '周八', relation: 'head' }]);
    const id = household.persons[0].id;
    const mine = await call(ctx.app, 'PATCH', `/api/persons/${id}`, {
      cookie: cookies.worker,
      body: { version: 1, phone: '13600000000', education: 'junior' },
    });
    expect(mine.status).toBe(200);
    const stale = await call(ctx.app, 'PATCH', `/api/persons/${id}`, {
      cookie: cookies.admin,
      body: { version: 1, name: '周捌' },
    });
    expect(stale.status).toBe(409);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    const problem = await stale.json();
    expect(problem).toMatchObject({ currentVersion: 2, yourVersion: 1, changedFields: ['education', 'phone'] });
    expect(JSON.stringify(problem)).not.toContain('13600000000');
    const person = await ctx.db
      .selectFrom('persons')
      .select(['name', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(person).toEqual({ name: '周八', version: 2 });
    const household409 = await call(ctx.app, 'PATCH', `/api/households/${household.id}`, {
      cookie: cookies.worker,
      body: { version: 7, room: '1' },
    });
    expect(household409.status).toBe(409);
  });

  it('records a site change of a household as history, and refuses a monitoring change (only a workflow makes it)', async () => {
    const household = await createHousehold(ctx.db, tree.siteA1.id, [{ name: '吴九', relation: 'head' }]);
    const refused = await call(ctx.app, 'PATCH', `/api/households/${household.id}`, {
      cookie: cookies.admin,
      body: { version: 1, siteId: tree.siteA2.id, monitoringCategory: 'sudden_hardship', validFrom: '2026-05-01' },
    });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({
      code: 'workflow-required',
      errors: [{ path: 'json.monitoringCategory' }],
    });
    const response = await call(ctx.app, 'PATCH', `/api/households/${household.id}`, {
      cookie: cookies.admin,
      body: { version: 1, siteId: tree.siteA2.id, monitoringCategory: 'none', validFrom: '2026-05-01' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ siteId: tree.siteA2.id, monitoringCategory: 'none', version: 2 });
    const rows = await ctx.db
      .selectFrom('registryHistory')
      .select(['attribute', 'value', 'validFrom'])
      .where('householdId', '=', household.id)
      .orderBy('attribute')
      .execute();
    expect(rows).toEqual([{ attribute: 'site', value: tree.siteA2.id, validFrom: '2026-05-01' }]);
  });
});

describe('duplicates and data quality', () => {
  it('lists the same name and birth date in two households, and merges them (audited)', async () => {
    const one = await createHousehold(ctx.db, tree.siteA1.id, [
      { name: '郑十', relation: 'head', birthDate: '1970-01-01', idNumber: null },
    ]);
    const two = await createHousehold(ctx.db, tree.siteA2.id, [
      { name: '郑十', relation: 'head', birthDate: '1970-01-01' },
    ]);
    const admin = cookies.admin;
    const list = await (await call(ctx.app, 'GET', '/api/duplicates', { cookie: admin })).json();
    const pair = list.items.find((p: { personA: { id: string } }) => p.personA.id === one.persons[0].id);
    expect(pair).toMatchObject({
      reason: 'same_name_and_birth_date',
      personA: { relation: 'head', siteName: '甲一安置点' },
      personB: { id: two.persons[0].id, relation: 'head', siteName: '甲二安置点' },
    });
    expect((await call(ctx.app, 'GET', '/api/duplicates', { cookie: cookies.officialA })).status).toBe(403);
    const merge = await call(ctx.app, 'POST', '/api/duplicates/merge', {
      cookie: admin,
      body: { keepPersonId: one.persons[0].id, removePersonId: two.persons[0].id },
    });
    expect(merge.status).toBe(204);
    const kept = await ctx.db
      .selectFrom('persons')
      .select(['idNumberMasked'])
      .where('id', '=', one.persons[0].id)
      .executeTakeFirstOrThrow();
    expect(kept.idNumberMasked).toBe(`*****************${two.persons[0].idNumber?.slice(-1)}`);
    expect(
      await ctx.db.selectFrom('persons').select('id').where('id', '=', two.persons[0].id).executeTakeFirst(),
    ).toBeUndefined();
    const audit = await ctx.db
      .selectFrom('auditLog')
      .select('detail')
      .where('action', '=', 'merge-duplicate')
      .executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ removedPersonId: two.persons[0].id });
  });

  it('moves applications to the person kept, refuses a merge of two open ones to one job, and never drops them on delete', async () => {
    const one = await createHousehold(ctx.db, tree.siteA1.id, [
      { name: '冯二', relation: 'head', birthDate: '1975-05-05', idNumber: null },
    ]);
    const two = await createHousehold(ctx.db, tree.siteA2.id, [
      { name: '冯二', relation: 'head', birthDate: '1975-05-05' },
    ]);
    const apply = (person: typeof one, opportunityId: string, state: 'applied' | 'withdrawn') =>
      ctx.db
        .insertInto('applications')
        .values({
          kind: 'job',
          opportunityId,
          personId: person.persons[0].id,
          householdId: person.id,
          countyCode: person.countyCode,
          state,
          createdBy: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    await apply(one, '901', 'applied');
    const clashing = await apply(two, '901', 'applied');
    const other = await apply(two, '902', 'applied');
    const merge = () =>
      call(ctx.app, 'POST', '/api/duplicates/merge', {
        cookie: cookies.admin,
        body: { keepPersonId: one.persons[0].id, removePersonId: two.persons[0].id },
      });
    const refused = await merge();
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ applicationId: clashing.id });
    // Deleting the record would drop its applications: refused too, nothing removed.
    const deleted = await call(ctx.app, 'DELETE', `/api/persons/${two.persons[0].id}`, { cookie: cookies.admin });
    expect(deleted.status).toBe(409);

    await ctx.db.updateTable('applications').set({ state: 'withdrawn' }).where('id', '=', clashing.id).execute();
    expect((await merge()).status).toBe(204);
    const moved = await ctx.db
      .selectFrom('applications')
      .select(['opportunityId', 'personId', 'householdId', 'state'])
      .where('id', 'in', [clashing.id, other.id])
      .orderBy('opportunityId')
      .execute();
    expect(moved).toEqual([
      { opportunityId: '901', personId: one.persons[0].id, householdId: one.id, state: 'withdrawn' },
      { opportunityId: '902', personId: one.persons[0].id, householdId: one.id, state: 'applied' },
    ]);
  });

  it('dismisses a pair so it leaves the list', async () => {
    const one = await createHousehold(ctx.db, tree.siteA1.id, [
      { name: '陈一', relation: 'head', birthDate: '1990-09-09' },
    ]);
    const two = await createHousehold(ctx.db, tree.siteA1.id, [
      { name: '陈一', relation: 'head', birthDate: '1990-09-09' },
    ]);
    const has = async () =>
      (await (await call(ctx.app, 'GET', '/api/duplicates', { cookie: cookies.worker })).json()).items.some(
        (p: { personA: { id: string } }) => p.personA.id === one.persons[0].id,
      );
    expect(await has()).toBe(true);
    const dismissed = await call(ctx.app, 'POST', '/api/duplicates/dismiss', {
      cookie: cookies.worker,
      body: { personAId: two.persons[0].id, personBId: one.persons[0].id },
    });
    expect(dismissed.status).toBe(204);
    expect(await has()).toBe(false);
  });

  it('reports data quality of a site', async () => {
    const household = await createHousehold(ctx.db, tree.siteA2.id, [
      {
        name: '无证',
        relation: 'head',
        idNumber: null,
        birthDate: '1960-01-01',
        laborCapacity: 'full',
        employmentStatus: 'not_seeking',
      },
    ]);
    const response = await call(ctx.app, 'GET', `/api/sites/${tree.siteA2.id}/data-quality`, { cookie: cookies.admin });
    const report = await response.json();
    const check = (code: string) => report.checks.find((c: { code: string }) => c.code === code);
    expect(check('missing_id_number').personIds).toContain(household.persons[0].id);
    expect(check('labor_capacity_without_employment').personIds).toContain(household.persons[0].id);
    expect(check('over_16_without_education').personIds).toContain(household.persons[0].id);
    expect(check('household_without_responsible_worker').householdIds).toContain(household.id);
    expect(check('invalid_id_number').count).toBe(0);
  });

  it('records 劳动能力未登记 when no value is given, lists it to complete, and refuses an unknown word', async () => {
    const household = await createHousehold(ctx.db, tree.siteA2.id, [{ name: '钱有数', relation: 'head' }]);
    const refused = await call(ctx.app, 'POST', '/api/persons', {
      cookie: cookies.admin,
      body: { householdId: household.id, name: '钱不详', relation: 'spouse', laborCapacity: 'maybe' },
    });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect((await refused.json()).errors.map((e: { path: string }) => e.path)).toEqual(['json.laborCapacity']);

    // Added without a labour capacity: 未登记, not 无劳动能力.
    const created = await call(ctx.app, 'POST', '/api/persons', {
      cookie: cookies.admin,
      body: { householdId: household.id, name: '钱不详', relation: 'spouse' },
    });
    expect(created.status).toBe(201);
    const person = await created.json();
    expect(person.laborCapacity).toBe('unknown');
    const listed = await (
      await call(ctx.app, 'GET', `/api/persons?siteId=${tree.siteA2.id}&laborCapacity=unknown`, {
        cookie: cookies.admin,
      })
    ).json();
    expect(listed.items.map((p: { name: string }) => p.name)).toEqual(['钱不详']);
    const households = await (
      await call(ctx.app, 'GET', `/api/households?siteId=${tree.siteA2.id}&laborCapacity=unknown`, {
        cookie: cookies.admin,
      })
    ).json();
    expect(households.items.map((h: { id: string }) => h.id)).toEqual([household.id]);

    const quality = await (
      await call(ctx.app, 'GET', `/api/sites/${tree.siteA2.id}/data-quality`, { cookie: cookies.admin })
    ).json();
    const check = (code: string) => quality.checks.find((c: { code: string }) => c.code === code);
    expect(check('labor_capacity_unknown')).toMatchObject({ count: 1, personIds: [person.id] });
    expect(check('labor_capacity_without_employment').personIds).not.toContain(person.id);

    // Completed by the worker: off the list.
    const completed = await call(ctx.app, 'PATCH', `/api/persons/${person.id}`, {
      cookie: cookies.admin,
      body: { version: person.version, laborCapacity: 'weak' },
    });
    expect(completed.status).toBe(200);
    const after = await (
      await call(ctx.app, 'GET', `/api/sites/${tree.siteA2.id}/data-quality`, { cookie: cookies.admin })
    ).json();
    expect(after.checks.find((c: { code: string }) => c.code === 'labor_capacity_unknown').count).toBe(0);
  });
});

describe('OpenAPI', () => {
  it('documents the registry’s fixed routes', async () => {
    const document = await (await call(ctx.app, 'GET', '/api/openapi.json')).json();
    for (const path of [
      '/api/sites',
      '/api/sites/{id}',
      '/api/households',
      '/api/households/{id}',
      '/api/persons',
      '/api/persons/{id}',
      '/api/persons/{id}/history',
      '/api/persons/{id}/skills',
      '/api/imports',
      '/api/imports/roster',
      '/api/imports/roster/template',
      '/api/duplicates',
      '/api/search/residents',
    ]) {
      expect(document.paths[path], path).toBeDefined();
    }
  });
});
