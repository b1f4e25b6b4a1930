import { chinaToday } from '@anju/domain/clock';
import { addDays } from '@anju/domain/dates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateAlerts } from '../../api/src/tracking/evaluate-alerts.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import {
  activeAlerts,
  addAssessment,
  addIncome,
  addLine,
  addVisit,
  createHousehold,
  type MemberSpec,
  monthlyIncome,
  setDibao,
  type TestHousehold,
} from '../support/tracking-fixtures.ts';

let ctx: TestContext;
let tree: RegionTree;
let workerId: string;
// As of 2026-07-15: the income window is 2025-07 … 2026-06, the line that of 2026 (10,000 in county A).
const AS_OF = '2026-07-15';
beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  await addLine(ctx.db, tree.countyA.code, 2026, 10000);
  workerId = (await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] })).id;
});
afterAll(() => ctx.close());

async function household(options: { members?: MemberSpec[]; category?: 'none' | 'unstable'; createdOn?: string } = {}) {
  return createHousehold(ctx.db, {
    siteId: tree.siteA1.id,
    members: options.members,
    responsibleWorkerId: workerId,
    monitoringCategory: options.category,
    createdOn: options.createdOn ?? '2026-07-01',
  });
}
async function rulesFiring(h: TestHousehold, asOf = AS_OF) {
  await evaluateAlerts(ctx.db, { householdIds: [h.id], asOf });
  return (await activeAlerts(ctx.db, h.id)).map((alert) => alert.ruleId);
}
/** One member, 12 months: 11 × `month` and a last month that makes the year `year`. */
const year = (total: number) => {
  const months = monthlyIncome('2025-07', 11, 900);
  return [...months, { period: '2026-06', amount: total - 900 * 11 }];
};

describe('per-capita income below the line or within 10% above it', () => {
  it('fires just under 110% of the line and says so with the numbers', async () => {
    const h = await household();
    await addIncome(ctx.db, h, year(10999));
    expect(await rulesFiring(h)).toContain('income_below_or_near_line');
    const [alert] = (await activeAlerts(ctx.db, h.id)).filter((a) => a.ruleId === 'income_below_or_near_line');
    expect(alert.explanationZh).toContain('10999');
    expect(alert.explanationZh).toContain('10000');
    expect(alert.explanationEn).toContain('less than 10% above the monitoring line of 10000 yuan');
    expect(alert.facts).toMatchObject({ perCapita: 10999, line: 10000, monthsWithData: 12 });
    expect(alert.responsibleWorkerId).toBe(workerId);
    expect(alert.deadline).toBe(addDays(AS_OF, 14));
  });

  it('does not fire at exactly 110% of the line', async () => {
    const h = await household();
    await addIncome(ctx.db, h, year(11000));
    expect(await rulesFiring(h)).not.toContain('income_below_or_near_line');
  });

  it('explains an income below the line as below', async () => {
    const h = await household();
    await addIncome(ctx.db, h, year(9000));
    await rulesFiring(h);
    const [alert] = (await activeAlerts(ctx.db, h.id)).filter((a) => a.ruleId === 'income_below_or_near_line');
    expect(alert.explanationEn).toContain('below the monitoring line of 10000 yuan');
  });

  it('does not fire without income data or without a line', async () => {
    const none = await household();
    expect(await rulesFiring(none)).not.toContain('income_below_or_near_line');
    const inB = await createHousehold(ctx.db, { siteId: tree.siteB1.id, createdOn: '2026-07-01' });
    await addIncome(ctx.db, inB, year(100));
    expect(await rulesFiring(inB)).not.toContain('income_below_or_near_line');
  });
});

describe('income fell by more than 30% against the same months a year ago', () => {
  const base = [...monthlyIncome('2025-04', 3, 1000), ...monthlyIncome('2025-07', 9, 5000)];
  it('fires when the last 3 months fell by just over 30%', async () => {
    const h = await household();
    await addIncome(ctx.db, h, [...base, ...monthlyIncome('2026-04', 3, 699)]);
    expect(await rulesFiring(h)).toContain('income_drop');
    const [alert] = (await activeAlerts(ctx.db, h.id)).filter((a) => a.ruleId === 'income_drop');
    expect(alert.facts).toMatchObject({ current: 2097, previous: 3000, months: 3 });
  });

  it('does not fire at exactly 30%', async () => {
    const h = await household();
    await addIncome(ctx.db, h, [...base, ...monthlyIncome('2026-04', 3, 700)]);
    expect(await rulesFiring(h)).not.toContain('income_drop');
  });

  it('compares only months present in both years', async () => {
    const h = await household();
    // Only June is present both years: 1,000 → 800 is a 20% fall; April/May of 2026 have no partner.
    await addIncome(ctx.db, h, [
      { period: '2025-06', amount: 1000 },
      ...monthlyIncome('2026-04', 2, 10),
      { period: '2026-06', amount: 800 },
    ]);
    expect(await rulesFiring(h)).not.toContain('income_drop');
  });
});

describe('零就业家庭: labour capacity and no one in work', () => {
  it('fires when someone can work and no one works', async () => {
    const h = await household({
      members: [
        { laborCapacity: 'weak', employmentStatus: 'unemployed_seeking' },
        { laborCapacity: 'none', employmentStatus: 'not_seeking' },
      ],
    });
    expect(await rulesFiring(h)).toContain('zero_employment');
  });
  it('does not fire when one member works', async () => {
    const h = await household({
      members: [
        { laborCapacity: 'full', employmentStatus: 'unemployed_seeking' },
        { laborCapacity: 'weak', employmentStatus: 'public_welfare' },
      ],
    });
    expect(await rulesFiring(h)).not.toContain('zero_employment');
  });
  it('does not fire when no one can work', async () => {
    const h = await household({ members: [{ laborCapacity: 'none', employmentStatus: 'not_seeking' }] });
    expect(await rulesFiring(h)).not.toContain('zero_employment');
  });
  it('does not fire when labour capacity is not recorded (未登记), and fires once it is', async () => {
    const h = await household({ members: [{ laborCapacity: 'unknown', employmentStatus: 'unemployed_seeking' }] });
    expect(await rulesFiring(h)).not.toContain('zero_employment');
    await ctx.db.updateTable('persons').set({ laborCapacity: 'full' }).where('id', '=', h.personIds[0]).execute();
    expect(await rulesFiring(h)).toContain('zero_employment');
  });
});

describe('below the line and not in 低保', () => {
  it('fires for a household below the line without 低保, or refused', async () => {
    const without = await household();
    await addIncome(ctx.db, without, year(9999));
    expect(await rulesFiring(without)).toContain('below_line_without_dibao');
    const refused = await household();
    await addIncome(ctx.db, refused, year(9999));
    await setDibao(ctx.db, refused, 'refused');
    expect(await rulesFiring(refused)).toContain('below_line_without_dibao');
  });
  it('does not fire when enrolled, when an application is pending, or exactly at the line', async () => {
    const enrolled = await household();
    await addIncome(ctx.db, enrolled, year(5000));
    await setDibao(ctx.db, enrolled, 'enrolled', { validUntil: '2027-06-30' });
    expect(await rulesFiring(enrolled)).not.toContain('below_line_without_dibao');
    const pending = await household();
    await addIncome(ctx.db, pending, year(5000));
    await setDibao(ctx.db, pending, 'under_review');
    expect(await rulesFiring(pending)).not.toContain('below_line_without_dibao');
    const atLine = await household();
    await addIncome(ctx.db, atLine, year(10000));
    expect(await rulesFiring(atLine)).not.toContain('below_line_without_dibao');
  });
});

describe('低保 review due within 30 days', () => {
  it('fires 30 days before valid-until and in review_due', async () => {
    const h = await household();
    await setDibao(ctx.db, h, 'enrolled', { validUntil: addDays(AS_OF, 30) });
    expect(await rulesFiring(h)).toContain('dibao_review_due');
    const due = await household();
    await setDibao(ctx.db, due, 'review_due', { validUntil: '2027-01-01' });
    expect(await rulesFiring(due)).toContain('dibao_review_due');
  });
  it('does not fire 31 days before', async () => {
    const h = await household();
    await setDibao(ctx.db, h, 'renewed', { validUntil: addDays(AS_OF, 31) });
    expect(await rulesFiring(h)).not.toContain('dibao_review_due');
  });
});

describe('visit overdue (derived from the schedule and the last visit)', () => {
  it('fires the day after the 90-day interval of an ordinary household ends', async () => {
    const late = await household({ createdOn: '2025-01-01' });
    await addVisit(ctx.db, late, workerId, addDays(AS_OF, -91));
    expect(await rulesFiring(late)).toContain('visit_overdue');
    const onTime = await household({ createdOn: '2025-01-01' });
    await addVisit(ctx.db, onTime, workerId, addDays(AS_OF, -90));
    expect(await rulesFiring(onTime)).not.toContain('visit_overdue');
  });
  it('uses the 30-day interval for a monitored household', async () => {
    const late = await household({ category: 'unstable', createdOn: '2025-01-01' });
    await addVisit(ctx.db, late, workerId, addDays(AS_OF, -31));
    expect(await rulesFiring(late)).toContain('visit_overdue');
    const onTime = await household({ category: 'unstable', createdOn: '2025-01-01' });
    await addVisit(ctx.db, onTime, workerId, addDays(AS_OF, -30));
    expect(await rulesFiring(onTime)).not.toContain('visit_overdue');
  });
  it('honours the next visit date the worker set, and counts from registration when never visited', async () => {
    const planned = await household({ createdOn: '2025-01-01' });
    await addVisit(ctx.db, planned, workerId, addDays(AS_OF, -200), { nextVisitDue: AS_OF });
    expect(await rulesFiring(planned)).not.toContain('visit_overdue');
    const never = await household({ createdOn: addDays(AS_OF, -91) });
    expect(await rulesFiring(never)).toContain('visit_overdue');
    const fresh = await household({ createdOn: addDays(AS_OF, -90) });
    expect(await rulesFiring(fresh)).not.toContain('visit_overdue');
  });
});

describe('integration score dropped', () => {
  it('fires on a total drop of 2, not of 1, and not with one assessment', async () => {
    const dropped = await household();
    await addAssessment(ctx.db, dropped, '2026-01-10', [4, 4, 4, 4, 4]);
    await addAssessment(ctx.db, dropped, '2026-06-10', [3, 4, 4, 4, 3]);
    expect(await rulesFiring(dropped)).toContain('integration_drop');
    const slight = await household();
    await addAssessment(ctx.db, slight, '2026-01-10', [4, 4, 4, 4, 4]);
    await addAssessment(ctx.db, slight, '2026-06-10', [4, 4, 4, 4, 3]);
    expect(await rulesFiring(slight)).not.toContain('integration_drop');
    const single = await household();
    await addAssessment(ctx.db, single, '2026-06-10', [1, 1, 1, 1, 1]);
    expect(await rulesFiring(single)).not.toContain('integration_drop');
  });
});

describe('evaluation keeps alerts in line with the facts', () => {
  it('is idempotent, auto-resolves with a note, and opens a new episode later', async () => {
    const h = await household({ members: [{ laborCapacity: 'full', employmentStatus: 'unemployed_seeking' }] });
    await rulesFiring(h);
    await rulesFiring(h);
    const episodes = () =>
      ctx.db
        .selectFrom('alerts')
        .selectAll()
        .where('householdId', '=', h.id)
        .where('ruleId', '=', 'zero_employment')
        .execute();
    expect(await episodes()).toHaveLength(1);
    await ctx.db.updateTable('persons').set({ employmentStatus: 'flexible' }).where('householdId', '=', h.id).execute();
    expect(await rulesFiring(h)).not.toContain('zero_employment');
    const [resolved] = await episodes();
    expect(resolved.state).toBe('resolved');
    expect(resolved.closeNote).toContain('Condition no longer holds');
    await ctx.db
      .updateTable('persons')
      .set({ employmentStatus: 'unemployed_seeking' })
      .where('householdId', '=', h.id)
      .execute();
    await rulesFiring(h);
    expect((await episodes()).map((a) => a.state).sort()).toEqual(['open', 'resolved']);
  });

  it('escalates a late alert to the official of the region, once', async () => {
    const official = await createUser(ctx.db, { role: 'official', regionId: tree.countyA.id });
    await createUser(ctx.db, { role: 'official', regionId: tree.city.id });
    const h = await household({ members: [{ laborCapacity: 'full', employmentStatus: 'unemployed_seeking' }] });
    await rulesFiring(h);
    const [alert] = await activeAlerts(ctx.db, h.id);
    expect(alert.escalatedAt).toBeNull();
    const later = addDays(alert.deadline, 1);
    await evaluateAlerts(ctx.db, { householdIds: [h.id], asOf: later });
    const [escalated] = await activeAlerts(ctx.db, h.id);
    expect(escalated.escalatedTo).toBe(official.id); // the closest official: the county's, not the city's
    expect(escalated.escalatedAt).not.toBeNull();
    await evaluateAlerts(ctx.db, { householdIds: [h.id], asOf: addDays(later, 5) });
    expect((await activeAlerts(ctx.db, h.id))[0].escalatedAt).toEqual(escalated.escalatedAt);
  });

  it('evaluates every household in the nightly run', async () => {
    const h = await household({ members: [{ laborCapacity: 'full', employmentStatus: 'unemployed_seeking' }] });
    const result = await evaluateAlerts(ctx.db, { asOf: AS_OF });
    expect(result.households).toBe('all');
    expect((await activeAlerts(ctx.db, h.id)).map((a) => a.ruleId)).toContain('zero_employment');
  });
});

describe('the worklist API', () => {
  it('lists by deadline, acknowledges, resolves with a measure, and refuses closing twice', async () => {
    const worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA2.id] });
    const cookie = await signIn(ctx.app, worker.login);
    const h = await createHousehold(ctx.db, {
      siteId: tree.siteA2.id,
      responsibleWorkerId: worker.id,
      members: [{ laborCapacity: 'full', employmentStatus: 'unemployed_seeking' }],
      createdOn: '2025-01-01',
    });
    await evaluateAlerts(ctx.db, { householdIds: [h.id] });
    const list = await (await call(ctx.app, 'GET', '/api/alerts?mine=true', { cookie })).json();
    expect(list.items.map((a: { ruleId: string }) => a.ruleId).sort()).toEqual(['visit_overdue', 'zero_employment']);
    const deadlines = list.items.map((a: { deadline: string }) => a.deadline);
    expect(deadlines).toEqual([...deadlines].sort());
    const zero = list.items.find((a: { ruleId: string }) => a.ruleId === 'zero_employment');
    const ack = await call(ctx.app, 'POST', `/api/alerts/${zero.id}/acknowledge`, { cookie });
    expect((await ack.json()).state).toBe('acknowledged');
    const early = await call(ctx.app, 'POST', `/api/alerts/${zero.id}/resolve`, {
      cookie,
      body: { measure: 'job_referral' },
    });
    expect(early.status).toBe(409);
    // The condition ends (someone took the job), then resolving closes it with the measure taken.
    await ctx.db
      .updateTable('persons')
      .set({ employmentStatus: 'employed_local' })
      .where('householdId', '=', h.id)
      .execute();
    const resolved = await call(ctx.app, 'POST', `/api/alerts/${zero.id}/resolve`, {
      cookie,
      body: { measure: 'job_referral', note: '推荐到扶贫车间' },
    });
    expect(await resolved.json()).toMatchObject({
      state: 'resolved',
      measure: 'job_referral',
      closeNote: '推荐到扶贫车间',
    });
    const again = await call(ctx.app, 'POST', `/api/alerts/${zero.id}/dismiss`, { cookie, body: { reason: 'x' } });
    expect(again.status).toBe(409);
    const bad = await call(ctx.app, 'POST', `/api/alerts/${zero.id}/resolve`, { cookie, body: { measure: 'magic' } });
    expect(bad.status).toBe(400);
  });

  it('re-evaluates after a visit is recorded: the overdue-visit alert resolves itself', async () => {
    const worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA2.id] });
    const cookie = await signIn(ctx.app, worker.login);
    const h = await createHousehold(ctx.db, {
      siteId: tree.siteA2.id,
      responsibleWorkerId: worker.id,
      createdOn: addDays(chinaToday(), -200),
    });
    await evaluateAlerts(ctx.db, { householdIds: [h.id] });
    expect((await activeAlerts(ctx.db, h.id)).map((a) => a.ruleId)).toContain('visit_overdue');
    const visit = await call(ctx.app, 'POST', '/api/visits', {
      cookie,
      body: { householdId: h.id, visitedOn: chinaToday(), kind: 'alert_follow_up', measures: ['job_referral'] },
    });
    expect(visit.status).toBe(201);
    expect((await activeAlerts(ctx.db, h.id)).map((a) => a.ruleId)).not.toContain('visit_overdue');
  });

  it('keeps a visit-overdue alert open until a visit is recorded: resolving or dismissing it earlier is refused', async () => {
    const worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA2.id] });
    const cookie = await signIn(ctx.app, worker.login);
    const h = await createHousehold(ctx.db, {
      siteId: tree.siteA2.id,
      responsibleWorkerId: worker.id,
      createdOn: addDays(chinaToday(), -200),
    });
    await evaluateAlerts(ctx.db, { householdIds: [h.id] });
    const overdue = (await activeAlerts(ctx.db, h.id)).find((a) => a.ruleId === 'visit_overdue');
    expect(overdue).toBeDefined();
    const id = overdue?.id as string;
    for (const [action, body] of [
      ['resolve', { measure: 'other', note: '电话联系过' }],
      ['dismiss', { reason: '下周去' }],
    ] as const) {
      const refused = await call(ctx.app, 'POST', `/api/alerts/${id}/${action}`, { cookie, body });
      expect(refused.status).toBe(409);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(await refused.json()).toMatchObject({ reason: 'condition-holds', ruleId: 'visit_overdue' });
    }
    expect((await activeAlerts(ctx.db, h.id)).map((a) => a.id)).toContain(id);
    // A visit ends the condition: the alert closes by itself, and a resolve afterwards is a conflict.
    await call(ctx.app, 'POST', '/api/visits', {
      cookie,
      body: { householdId: h.id, visitedOn: chinaToday(), kind: 'routine', measures: [] },
    });
    const closed = await ctx.db
      .selectFrom('alerts')
      .select(['state', 'closedBy'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(closed).toEqual({ state: 'resolved', closedBy: null });
    expect(
      (await call(ctx.app, 'POST', `/api/alerts/${id}/resolve`, { cookie, body: { measure: 'other' } })).status,
    ).toBe(409);
  });
});
