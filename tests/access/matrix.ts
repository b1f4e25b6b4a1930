/**
 * The authorisation matrix (权限矩阵): every role × every resource action × in-scope/out-of-scope.
 *
 * HOW TO ADD A ROW (one line in `matrix.test.ts`, or in your own `tests/<domain>/matrix.test.ts`
 * that calls `runMatrix`):
 *
 *   { resource: 'users', action: 'read one', method: 'GET', path: (t) => `/api/users/${t.resident.id}`, allow: { admin: 'all', worker: 'in' } },
 *
 * - `path(t)` builds the URL from the targets `t` of the scope being tested. The matrix runs each
 *   row twice: once with targets IN the actors' region (site A1 in county A), once with targets
 *   OUT of it (site B1 in county B). Actors: admin (city), official (county A), worker and
 *   helper (site A1), resident (living on site A1), employer (no region).
 * - `allow` says, per role, `'all'` (allowed in and out of scope), `'in'` (allowed only in
 *   scope) or nothing (denied everywhere). Anonymous requests are always expected to get 401.
 * - Allowed means a 2xx. Denied means 401/403/404 with application/problem+json; any 2xx for a
 *   denied cell is an unauthorised 2xx and fails the run.
 * - For list and search endpoints give `listed(t)`: the id of the target that must show up in
 *   `items[].id` when allowed, and must NOT when denied (a 2xx without it counts as denied).
 * - `body(t)` builds a JSON body (called once per request, so make unique values inside it).
 * - `fresh: true` builds new targets for every cell, for actions that change or end the target
 *   (disable, delete).
 *
 * NEW RESOURCE TYPES: add a field to `Targets` and create it in `makeTargets` (one place),
 * in the given site/county, so every row can reach it.
 */
import { randomBytes } from 'node:crypto';
import { type Role, roles } from '@anju/domain/enums';
import { describe, expect, it } from 'vitest';
import { createApplication } from '../../api/src/applications/queries.ts';
import { insertRegion } from '../../api/src/regions/queries.ts';
import type { TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn, type TestUser } from '../support/fixtures.ts';
import { createHouseholdWithPerson, insertOpenJob } from '../support/matching-fixtures.ts';
import { createEmployer } from '../support/opportunity-fixtures.ts';
import { makeProgrammeTargets, type ProgrammeTargets } from '../support/programme-fixtures.ts';
import { insertOpenWorkflow } from '../support/workflow-fixtures.ts';

export type Scope = 'in' | 'out';
type Region = RegionTree['siteA1'];

/** The resources a row can point at, made in one place (the site/county of one scope). */
export interface Targets {
  site: Region;
  county: Region;
  /** A resident account living on the site. */
  resident: TestUser;
  /** A community worker account assigned to the site. */
  worker: TestUser;
  /** An audit entry made by someone in the county. */
  auditEntry: { id: string };
  /** A person in a household on the site (not the resident account's own). */
  person: { id: string };
  /** An open job of a verified employer no matrix account manages. */
  job: { id: string };
  /** A second open job the person has not applied to. */
  otherJob: { id: string };
  /** The person's application to the first job. */
  application: { id: string };
  /** A small employer (扶贫车间) located on the site, not yet verified, no matrix account linked. */
  workshop: { id: string };
  /** An open job of that workshop. */
  workshopJob: { id: string };
  /** The household of `person`. */
  household: { id: string };
  /** A helper (帮扶干部) on the site, assigned to `household`. */
  helper: TestUser;
  /** A second community worker on the site (to hand households over to). */
  otherWorker: TestUser;
  /** An empty grid (网格) in the county, nothing below it. */
  grid: { id: string };
  /** A support measure (帮扶措施) and a risk (风险类型) of `household`. */
  supportMeasure: { id: string };
  householdRisk: { id: string };
  essentialSpending: { id: string };
  /** Employment programmes at the site: a labour-export batch and member, a 公益性岗位 and an assignment. */
  programmes: ProgrammeTargets;
  /** An open 风险消除 workflow (帮扶流程) of `household`, started by `worker`, waiting at 入户核实. */
  workflow: { id: string };
}

async function makeTargets(ctx: TestContext, place: { site: Region; county: Region }): Promise<Targets> {
  const resident = await createUser(ctx.db, { role: 'resident', homeSiteId: place.site.id, phone: uniquePhone() });
  const worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [place.site.id] });
  const auditEntry = await ctx.db
    .insertInto('auditLog')
    .values({
      userId: worker.id,
      role: 'worker',
      regionPath: place.site.path,
      action: 'matrix.probe',
      resourceType: 'matrix',
      resourceId: null,
      fields: null,
      outcome: 'ok',
      ip: null,
      requestId: null,
      detail: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { personId, householdId } = await createHouseholdWithPerson(ctx.db, place.site, place.county.code);
  const helper = await createUser(ctx.db, { role: 'helper', assignedRegionIds: [place.site.id] });
  await ctx.db
    .insertInto('helperAssignments')
    .values({ userId: helper.id, householdId, countyCode: place.county.code })
    .execute();
  const otherWorker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [place.site.id] });
  const grid = await insertRegion(ctx.db, {
    code: `G${unique()}`,
    name: '矩阵网格',
    level: 'grid',
    parentCode: place.county.code,
  });
  const employer = await createEmployer(ctx);
  const job = await insertOpenJob(ctx.db, employer.id);
  const otherJob = await insertOpenJob(ctx.db, employer.id);
  const application = await createApplication(ctx.db, {
    kind: 'job',
    opportunityId: job.id,
    personId,
    createdBy: worker.id,
    actorRole: 'worker',
    note: null,
  });
  const workshop = await createEmployer(ctx, { kind: 'workshop', regionId: place.site.id, verified: false });
  const workshopJob = await insertOpenJob(ctx.db, workshop.id);
  const householdFact = { countyCode: place.county.code, householdId, recordedBy: worker.id };
  const supportMeasure = await ctx.db
    .insertInto('supportMeasures')
    .values({
      ...householdFact,
      kind: 'employment',
      startedOn: '2026-01-01',
      responsibleUnit: '县人社局',
      personId: null,
      endedOn: null,
      amountYuan: null,
      note: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const householdRisk = await ctx.db
    .insertInto('householdRisks')
    .values({ ...householdFact, kind: 'illness', fromOn: '2026-01-01', toOn: null, note: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const essentialSpending = await ctx.db
    .insertInto('essentialSpending')
    .values({
      ...householdFact,
      kind: 'medical',
      amountYuan: 200,
      periodKind: 'month',
      spentOn: '2026-01-01',
      note: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    ...place,
    resident,
    worker,
    auditEntry,
    person: { id: personId },
    job,
    otherJob,
    application,
    workshop,
    workshopJob,
    household: { id: householdId },
    helper,
    otherWorker,
    grid,
    supportMeasure,
    householdRisk,
    essentialSpending,
    programmes: await makeProgrammeTargets(ctx.db, place, worker.id),
    workflow: await insertOpenWorkflow(ctx.db, { countyCode: place.county.code, householdId, startedBy: worker.id }),
  };
}

export type Allowed = 'all' | 'in';

export interface MatrixRow {
  resource: string;
  action: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: (t: Targets) => string;
  body?: (t: Targets) => unknown;
  allow: Partial<Record<Role, Allowed>>;
  listed?: (t: Targets) => string;
  fresh?: boolean;
}

/** A mainland mobile number no other test uses (199 + 8 random digits). */
export function uniquePhone(): string {
  return `199${String(randomBytes(4).readUInt32BE() % 100_000_000).padStart(8, '0')}`;
}

export const unique = () => randomBytes(4).toString('hex');

interface World {
  tree: RegionTree;
  cookies: Record<Role, string>;
  targets: Record<Scope, Targets>;
}

async function buildWorld(ctx: TestContext): Promise<World> {
  const tree = await createRegionTree(ctx.db);
  const placeOf = (role: Role) => {
    switch (role) {
      case 'admin':
        return { regionId: tree.city.id };
      case 'official':
        return { regionId: tree.countyA.id };
      case 'worker':
      case 'helper':
        return { assignedRegionIds: [tree.siteA1.id] };
      case 'resident':
        return { homeSiteId: tree.siteA1.id };
      default:
        return {};
    }
  };
  const cookies = {} as Record<Role, string>;
  for (const role of roles) {
    const user = await createUser(ctx.db, { role, ...placeOf(role) });
    cookies[role] = await signIn(ctx.app, user.login);
  }
  const targets = {
    in: await makeTargets(ctx, { site: tree.siteA1, county: tree.countyA }),
    out: await makeTargets(ctx, { site: tree.siteB1, county: tree.countyB }),
  };
  return { tree, cookies, targets };
}

const isAllowed = (row: MatrixRow, role: Role | 'anonymous', scope: Scope) =>
  role !== 'anonymous' && (row.allow[role] === 'all' || (row.allow[role] === 'in' && scope === 'in'));

export interface Cell {
  row: string;
  role: Role | 'anonymous';
  scope: Scope;
  status: number;
  expected: 'allow' | 'deny';
  /** A 2xx that reached something the role may not: the number that must stay 0. */
  unauthorised2xx: boolean;
}

async function runCell(
  ctx: TestContext,
  world: World,
  row: MatrixRow,
  role: Role | 'anonymous',
  scope: Scope,
  cells: Cell[],
): Promise<void> {
  const t = row.fresh
    ? await makeTargets(
        ctx,
        scope === 'in'
          ? { site: world.tree.siteA1, county: world.tree.countyA }
          : { site: world.tree.siteB1, county: world.tree.countyB },
      )
    : world.targets[scope];
  const response = await call(ctx.app, row.method, row.path(t), {
    cookie: role === 'anonymous' ? undefined : world.cookies[role],
    body: row.body?.(t),
  });
  const text = await response.text();
  const ok = response.status >= 200 && response.status < 300;
  const allowed = isAllowed(row, role, scope);
  const label = `${row.resource} ${row.action} as ${role} ${scope} of scope`;
  let listedIt = false;
  if (ok && row.listed) {
    const items = (JSON.parse(text) as { items?: { id: string }[] }).items ?? [];
    listedIt = items.some((item) => item.id === row.listed?.(t));
  }
  const cell: Cell = {
    row: `${row.resource} ${row.action}`,
    role,
    scope,
    status: response.status,
    expected: allowed ? 'allow' : 'deny',
    unauthorised2xx: !allowed && ok && (!row.listed || listedIt),
  };
  cells.push(cell); // recorded before asserting, so the summary counts every cell
  if (allowed) {
    expect(response.status, `${label}: ${text.slice(0, 300)}`).toBeGreaterThanOrEqual(200);
    expect(response.status, `${label}: ${text.slice(0, 300)}`).toBeLessThan(300);
    if (row.listed) expect(listedIt, `${label}: the target is listed`).toBe(true);
  } else if (ok && row.listed) {
    expect(listedIt, `${label}: the out-of-scope target must not be listed`).toBe(false);
  } else {
    expect([401, 403, 404], `${label}: ${response.status} ${text.slice(0, 300)}`).toContain(response.status);
    expect(response.headers.get('content-type'), label).toContain('application/problem+json');
    if (role === 'anonymous') expect(response.status, label).toBe(401);
  }
}

/**
 * Declares one vitest test per row × role (anonymous included) × scope, and a final test
 * asserting that no cell answered an unauthorised 2xx. Call inside a test file after
 * `beforeAll(createTestContext)`; `getCtx` returns that context.
 */
export function runMatrix(title: string, rows: MatrixRow[], getCtx: () => TestContext): void {
  const cells: Cell[] = [];
  let world: Promise<World> | undefined;
  const worldOnce = () => {
    world ??= buildWorld(getCtx());
    return world;
  };
  describe(title, () => {
    for (const row of rows) {
      for (const role of [...roles, 'anonymous'] as const) {
        it(`${row.resource} · ${row.action} · ${role}`, async () => {
          for (const scope of ['in', 'out'] as const) {
            await runCell(getCtx(), await worldOnce(), row, role, scope, cells);
          }
        });
      }
    }
    it('answers 0 unauthorised 2xx across the whole matrix', () => {
      const unauthorised = cells.filter((cell) => cell.unauthorised2xx).length;
      console.log(`matrix ${title}: ${cells.length} cells checked, ${unauthorised} unauthorised 2xx`);
      expect(cells.length).toBe(rows.length * (roles.length + 1) * 2);
      expect(cells.filter((cell) => cell.unauthorised2xx)).toEqual([]);
    });
  });
}
