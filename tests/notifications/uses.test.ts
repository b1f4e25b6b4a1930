import { chinaToday, clock, resetClock, setClock } from '@anju/domain/clock';
import { addDays } from '@anju/domain/dates';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type JobName, jobDefinitions } from '../../api/src/jobs/catalog.ts';
import { drainNotificationOutbox } from '../../api/src/notifications/delivery.ts';
import { RecordingSmsProvider } from '../../api/src/notifications/sms.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import { createHouseholdWithPerson, insertOpenJob } from '../support/matching-fixtures.ts';
import { createEmployer, drain, jobBody, linkEmployerAccount, seedTaxonomy } from '../support/opportunity-fixtures.ts';
import { createHousehold } from '../support/registry-fixtures.ts';
import { onChinaDay, startWorkflow } from '../support/workflow-fixtures.ts';

/**
 * Each use of messages the issue names, made to happen the real way (an API call, or the scheduled
 * job that produces it), then delivered: the inbox (GET /api/notifications) and the SMS double.
 */
let ctx: TestContext;
let tree: RegionTree;
let phoneSeq = 0;
const uniquePhone = () => `137${String(Date.now() % 100000).padStart(5, '0')}${String(++phoneSeq).padStart(3, '0')}`;

/** 10:00 and 23:30 China time on a fixed day (02:00 and 15:30 UTC). */
const MORNING = new Date('2026-12-07T02:00:00Z');
const LATE_EVENING = new Date('2026-12-07T15:30:00Z');

interface Inbox {
  items: { id: string; kind: string; title: string; body: string; link: string | null; en: { title: string } | null }[];
  total: number;
}
const inbox = async (cookie: string) =>
  (await (await call(ctx.app, 'GET', '/api/notifications', { cookie })).json()) as Inbox;
const runJob = async (name: JobName) => {
  const job = jobDefinitions(ctx.deps).find((j) => j.name === name);
  if (!job) throw new Error(`no job ${name}`);
  return job.run(ctx.deps);
};
const deliver = (sms: RecordingSmsProvider, now = clock()) => drainNotificationOutbox({ db: ctx.db, sms }, { now });
const textsTo = (sms: RecordingSmsProvider, phone: string) => sms.sent.filter((m) => m.to === phone).map((m) => m.text);

let employerCookie: string;
let employerId: string;

/** A resident with a phone, linked to a person of a household on site A1, signed in. */
async function applicant(name: string) {
  const { personId } = await createHouseholdWithPerson(ctx.db, tree.siteA1, tree.countyA.code, { name });
  const phone = uniquePhone();
  const user = await createUser(ctx.db, { role: 'resident', homeSiteId: tree.siteA1.id, phone });
  await ctx.db.updateTable('users').set({ personId }).where('id', '=', user.id).execute();
  return { ...user, phone, cookie: await signIn(ctx.app, user.login) };
}

/** The resident applies to a new job through the API; returns the application id. */
async function applyTo(cookie: string, title: string) {
  const job = await insertOpenJob(ctx.db, employerId, { title });
  const applied = await call(ctx.app, 'POST', '/api/applications', {
    cookie,
    body: { kind: 'job', opportunityId: job.id },
  });
  expect(applied.status).toBe(201);
  return ((await applied.json()) as { id: string }).id;
}
const moveTo = async (applicationId: string, state: string) => {
  const moved = await call(ctx.app, 'POST', `/api/applications/${applicationId}/transitions`, {
    cookie: employerCookie,
    body: { state },
  });
  expect(moved.status).toBe(200);
};

beforeAll(async () => {
  ctx = await createTestContext();
  await seedTaxonomy(ctx);
  tree = await createRegionTree(ctx.db);
  employerId = (await createEmployer(ctx, { verified: true })).id;
  const employerUser = await createUser(ctx.db, { role: 'employer', phone: uniquePhone() });
  await linkEmployerAccount(ctx, employerUser.id, employerId);
  employerCookie = await signIn(ctx.app, employerUser.login);
});
afterEach(() => resetClock());
afterAll(() => ctx.close());

describe('1. application status changes', () => {
  it('a new application reaches the employer; each status change reaches the resident, in the inbox and by SMS', async () => {
    setClock(MORNING);
    const sms = new RecordingSmsProvider();
    const me = await applicant('李春燕');
    const id = await applyTo(me.cookie, '包装工（用途1）');
    expect((await inbox(employerCookie)).items[0]).toMatchObject({
      kind: 'application-new',
      title: '新的申请：包装工（用途1）',
      body: '李春燕申请了您发布的岗位“包装工（用途1）”',
    });

    await moveTo(id, 'interview');
    const mine = await inbox(me.cookie);
    expect(mine.items[0]).toMatchObject({
      kind: 'application-moved',
      title: '申请进度：包装工（用途1）',
      body: '您申请的岗位“包装工（用途1）”：约面试',
    });
    await deliver(sms, MORNING);
    expect(textsTo(sms, me.phone)).toEqual([
      '【安居】申请进度：包装工（用途1）：您申请的岗位“包装工（用途1）”：约面试',
    ]);
  });
});

describe('2. new matches from a saved search', { timeout: 120_000 }, () => {
  it('a matching job posted later reaches the resident who saved the search; the morning digest goes by SMS', async () => {
    const phone = uniquePhone();
    const user = await createUser(ctx.db, { role: 'resident', regionId: tree.siteA1.id, phone });
    const cookie = await signIn(ctx.app, user.login);
    const saved = await call(ctx.app, 'POST', '/api/saved-searches', {
      cookie,
      body: { index: 'jobs', name: '绣花的活', params: { q: '绣花' } },
    });
    expect(saved.status).toBe(201);
    const admin = await signIn(ctx.app, (await createUser(ctx.db, { role: 'admin' })).login);
    const posted = await call(ctx.app, 'POST', '/api/jobs', {
      cookie: admin,
      body: jobBody({ employerId, title: '绣花工', description: '民族绣花，计件', requiredSkills: [] }),
    });
    expect(posted.status).toBe(201);
    const job = (await posted.json()) as { id: string };
    // The search-sync worker indexes the posting and raises the saved-search alerts.
    expect((await drain(ctx)).alerts).toBeGreaterThanOrEqual(1);
    const mine = await inbox(cookie);
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({
      kind: 'saved-search-match',
      title: '新岗位：绣花工',
      body: '符合您订阅的“绣花的活”',
      link: `/jobs/${job.id}`,
    });

    // The next 10:00 China time after the match (within its 24 hours): the digest job, then delivery.
    const nextMorning = new Date();
    nextMorning.setUTCHours(2, 0, 0, 0);
    if (nextMorning.getTime() <= Date.now()) nextMorning.setUTCDate(nextMorning.getUTCDate() + 1);
    setClock(nextMorning);
    await runJob('saved-search-digest');
    const sms = new RecordingSmsProvider();
    await deliver(sms);
    expect(textsTo(sms, phone)).toEqual(['【安居】订阅提醒：昨天以来有 1 条新信息：符合您订阅的有 1 个岗位']);
    expect((await inbox(cookie)).items[0]).toMatchObject({ kind: 'saved-search-digest' });
  });
});

describe('3–4. deadlines for workers, escalations to officials', () => {
  it('overdue visits and workflow steps reach the worker; overdue steps and alerts are escalated to the county official', async () => {
    const workerPhone = uniquePhone();
    const officialPhone = uniquePhone();
    const worker = await createUser(ctx.db, {
      role: 'worker',
      assignedRegionIds: [tree.siteA1.id],
      phone: workerPhone,
    });
    const official = await createUser(ctx.db, { role: 'official', regionId: tree.countyA.id, phone: officialPhone });
    const otherCounty = await createUser(ctx.db, { role: 'official', regionId: tree.countyB.id, phone: uniquePhone() });
    const workerCookie = await signIn(ctx.app, worker.login);
    const officialCookie = await signIn(ctx.app, official.login);
    const householdNumber = `USE-${Date.now() % 100000}`;
    const household = await createHousehold(ctx.db, tree.siteA1.id, undefined, {
      householdNumber,
      responsibleWorkerId: worker.id,
    });
    // Never visited since it moved in 200 days ago: its visit is overdue (走访逾期).
    await sql`update households set created_at = now() - interval '200 days' where id = ${household.id}`.execute(
      ctx.ownerDb,
    );
    const start = chinaToday();
    onChinaDay(start);
    const started = await startWorkflow(ctx.app, workerCookie, household.id, {
      kind: 'monitoring_identification',
      category: 'marginal',
      reason: '因学',
    });
    expect(started.status).toBe(201);
    // The nightly alert pass opens the 走访逾期 alert (deadline in 7 days).
    await runJob('alerts-evaluate');

    // 10 days on: 入户核实 (due in 7 days) is 3 days overdue; the morning digest tells the worker.
    onChinaDay(addDays(start, 10));
    await runJob('work-digest');
    const workerInbox = await inbox(workerCookie);
    expect(workerInbox.items[0]).toMatchObject({ kind: 'work-digest', link: '/tracking/worklist' });
    expect(workerInbox.items[0].body).toMatch(/^逾期走访 [1-9]\d* 户/);
    expect(workerInbox.items[0].body).toMatch(/待办流程逾期 [1-9]\d* 步/);
    let sms = new RecordingSmsProvider();
    await deliver(sms);
    const workerTexts = textsTo(sms, workerPhone);
    expect(workerTexts).toHaveLength(1);
    expect(workerTexts[0]).toMatch(/^【安居】今日工作：\d+ 户待走访，\d+ 条预警：逾期走访 [1-9]/);

    // 11 days on: past the 3 days' grace, the nightly pass escalates the step to the county (督办).
    onChinaDay(addDays(start, 11));
    await runJob('workflows-escalate');
    // The alert is past its deadline too: the nightly alert pass escalates it to the county official.
    await runJob('alerts-evaluate');
    const mine = (await inbox(officialCookie)).items.filter((item) => item.body.includes(householdNumber));
    expect(mine.map((item) => item.title).sort()).toEqual(['督办提醒：流程步骤逾期', '督办提醒：预警逾期未处理']);
    expect(mine.find((item) => item.title === '督办提醒：流程步骤逾期')?.body).toBe(
      `户号 ${householdNumber} 的“入户核实”已逾期 4 天，请督办`,
    );
    expect(mine.map((item) => item.en?.title).sort()).toEqual([
      'Escalated: Alert past its deadline',
      'Escalated: Workflow step overdue',
    ]);
    expect(mine.find((item) => item.title === '督办提醒：预警逾期未处理')?.link).toBe(
      `/tracking/households/${household.id}`,
    );
    sms = new RecordingSmsProvider();
    await deliver(sms);
    const officialTexts = textsTo(sms, officialPhone);
    expect(officialTexts).toContain(
      `【安居】督办提醒：流程步骤逾期：户号 ${householdNumber} 的“入户核实”已逾期 4 天，请督办`,
    );
    expect(
      officialTexts.some((text) => text.startsWith(`【安居】督办提醒：预警逾期未处理：户号 ${householdNumber}：`)),
    ).toBe(true);
    // Another county's official hears nothing of it; a second nightly run tells no one again.
    expect((await inbox(await signIn(ctx.app, otherCounty.login))).total).toBe(0);
    await runJob('workflows-escalate');
    await runJob('alerts-evaluate');
    expect((await inbox(officialCookie)).items.filter((item) => item.body.includes(householdNumber))).toHaveLength(2);
  });
});

describe('5. opt-out and quiet hours', () => {
  it('a resident who muted application messages gets none; one who switched SMS off gets the inbox only', async () => {
    setClock(MORNING);
    const sms = new RecordingSmsProvider();
    const muted = await applicant('赵德明');
    const put = await call(ctx.app, 'PUT', '/api/notifications/preferences', {
      cookie: muted.cookie,
      body: { mutedCategories: ['applications'], smsEnabled: true, quietStart: '22:00', quietEnd: '08:00' },
    });
    expect(put.status).toBe(200);
    await moveTo(await applyTo(muted.cookie, '搬运工（用途5）'), 'interview');
    expect((await inbox(muted.cookie)).total).toBe(0);

    const noSms = await applicant('孙丽');
    await call(ctx.app, 'PUT', '/api/notifications/preferences', {
      cookie: noSms.cookie,
      body: { mutedCategories: [], smsEnabled: false, quietStart: '22:00', quietEnd: '08:00' },
    });
    await moveTo(await applyTo(noSms.cookie, '保洁员（用途5）'), 'interview');
    expect((await inbox(noSms.cookie)).items[0]).toMatchObject({ body: '您申请的岗位“保洁员（用途5）”：约面试' });

    await deliver(sms, MORNING);
    expect(textsTo(sms, muted.phone)).toEqual([]);
    expect(textsTo(sms, noSms.phone)).toEqual([]);
  });

  it('a status change at 23:30 is in the inbox at once and texted at 08:00 when quiet hours end', async () => {
    setClock(LATE_EVENING);
    const sms = new RecordingSmsProvider();
    const me = await applicant('周建国');
    await moveTo(await applyTo(me.cookie, '厨师（用途5）'), 'interview');
    expect((await inbox(me.cookie)).items[0]).toMatchObject({ body: '您申请的岗位“厨师（用途5）”：约面试' });
    await deliver(sms, LATE_EVENING);
    await deliver(sms, new Date('2026-12-07T23:59:00Z')); // 07:59 China time: still quiet
    expect(textsTo(sms, me.phone)).toEqual([]);
    await deliver(sms, new Date('2026-12-08T00:00:30Z'));
    expect(textsTo(sms, me.phone)).toEqual(['【安居】申请进度：厨师（用途5）：您申请的岗位“厨师（用途5）”：约面试']);
  });
});
