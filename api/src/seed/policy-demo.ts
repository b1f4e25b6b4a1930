import { chinaToday } from '@anju/domain/clock';
import { addDays, monthStart } from '@anju/domain/dates';
import type { WorkflowKind } from '@anju/domain/workflows';
import { sql } from 'kysely';
import { type Actor, loadActor } from '../access/actor.ts';
import type { Db } from '../db/database.ts';
import type { AppDeps } from '../http/env.ts';
import { evaluateAlerts } from '../tracking/evaluate-alerts.ts';
import { findScopedHousehold } from '../tracking/scope.ts';
import { type CompleteInput, completeStep, openWorkflow, type StartInput } from '../workflows/engine.ts';
import { findScopedWorkflow } from '../workflows/queries.ts';
import { firstWorkerSite } from './demo-place.ts';

/**
 * Demo data for issue 20 at the demo worker's first site, so a fresh `pnpm start` shows the
 * policy features alive: support measures, risk facts, 刚性支出, 三保障 checks (one failing, so its
 * alert shows), and workflows of each kind at various steps — some finished, some open, two of
 * them overdue. The workflows go through the engine itself (the same guards and changes as the
 * portal), by the demo worker and the township and county officials of the site; the days are
 * then moved back so steps fall due. Runs once: only while no workflow and no support measure
 * exist and the site has five households outside monitoring and 低保.
 */
export async function seedDemoPolicy({ db, logger }: AppDeps): Promise<void> {
  if (await db.selectFrom('workflows').select('id').limit(1).executeTakeFirst()) return;
  if (await db.selectFrom('supportMeasures').select('id').limit(1).executeTakeFirst()) return;
  const place = await firstWorkerSite(db);
  if (!place) return;
  const official = (level: 'township' | 'county') =>
    db
      .selectFrom('users')
      .innerJoin('regions', 'regions.id', 'users.regionId')
      .select('users.id')
      .where('users.role', '=', 'official')
      .where('users.status', '=', 'active')
      .where('regions.level', '=', level)
      .where(sql<boolean>`${place.sitePath} like regions.path || '%'`)
      .orderBy('users.id')
      .executeTakeFirst();
  const [worker, township, county] = await Promise.all([
    loadActor(db, place.workerId),
    official('township').then((row) => (row ? loadActor(db, row.id) : undefined)),
    official('county').then((row) => (row ? loadActor(db, row.id) : undefined)),
  ]);
  if (!worker || !township || !county) return;
  const candidates = await db
    .selectFrom('households')
    .leftJoin('dibaoEnrolments', 'dibaoEnrolments.householdId', 'households.id')
    .select('households.id')
    .where('households.siteId', '=', place.siteId)
    .where('households.monitoringCategory', '=', 'none')
    .where((eb) => eb.or([eb('dibaoEnrolments.id', 'is', null), eb('dibaoEnrolments.state', '=', 'not_applied')]))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('persons')
          .select('persons.id')
          .whereRef('persons.householdId', '=', 'households.id')
          .where('persons.laborCapacity', 'in', ['full', 'weak']),
      ),
    )
    .orderBy('households.id')
    .limit(5)
    .execute();
  if (candidates.length < 5) return;
  const enrolled = await db
    .selectFrom('dibaoEnrolments')
    .innerJoin('households', 'households.id', 'dibaoEnrolments.householdId')
    .select('households.id')
    .where('households.siteId', '=', place.siteId)
    .where('dibaoEnrolments.state', 'in', ['enrolled', 'renewed'])
    .orderBy('households.id')
    .executeTakeFirst();
  const ids = candidates.map((row) => row.id);
  await db.transaction().execute(async (trx) => {
    await seedSupportFacts(trx, worker, ids);
    await seedWorkflows(trx, { worker, township, county }, ids, enrolled?.id);
  });
  await evaluateAlerts(db, { householdIds: enrolled ? [...ids, enrolled.id] : ids });
  logger.warn('demo policy data created: workflows, support measures, risks, 三保障 (DEMO ONLY)');
}

/** 帮扶措施, 风险类型, 刚性支出 and 三保障 checks on the first three households; the first's housing fails. */
async function seedSupportFacts(db: Db, worker: Actor, ids: string[]) {
  const today = chinaToday();
  const [h1, h2, h3, h4] = ids as [string, string, string, string];
  const counties = await db.selectFrom('households').select(['id', 'countyCode']).where('id', 'in', ids).execute();
  const fact = (householdId: string) => ({
    householdId,
    countyCode: counties.find((row) => row.id === householdId)?.countyCode ?? '',
    recordedBy: worker.userId,
  });
  await db
    .insertInto('supportMeasures')
    .values([
      {
        ...fact(h1),
        kind: 'housing',
        startedOn: addDays(today, -15),
        endedOn: null,
        amountYuan: 8000,
        responsibleUnit: '县住建局',
        personId: null,
        note: '危房改造补助（演示数据）',
      },
      {
        ...fact(h2),
        kind: 'medical',
        startedOn: addDays(today, -60),
        endedOn: null,
        amountYuan: 3000,
        responsibleUnit: '县医保局',
        personId: null,
        note: '大病医疗救助（演示数据）',
      },
      {
        ...fact(h2),
        kind: 'employment',
        startedOn: addDays(today, -40),
        endedOn: null,
        amountYuan: null,
        responsibleUnit: '县人社局',
        personId: null,
        note: '推荐到帮扶车间就业（演示数据）',
      },
      {
        ...fact(h3),
        kind: 'training',
        startedOn: addDays(today, -90),
        endedOn: addDays(today, -76),
        amountYuan: 1200,
        responsibleUnit: '县人社局',
        personId: null,
        note: '电工培训（演示数据）',
      },
      {
        ...fact(h4),
        kind: 'dibao',
        startedOn: today,
        endedOn: null,
        amountYuan: null,
        responsibleUnit: '县民政局',
        personId: null,
        note: '纳入低保（演示数据）',
      },
    ])
    .execute();
  await db
    .insertInto('householdRisks')
    .values([
      { ...fact(h1), kind: 'disaster', fromOn: addDays(today, -20), toOn: null, note: '暴雨致房屋受损（演示数据）' },
      { ...fact(h2), kind: 'illness', fromOn: addDays(today, -90), toOn: null, note: '户主住院治疗（演示数据）' },
      { ...fact(h3), kind: 'unemployment', fromOn: addDays(today, -45), toOn: null, note: '工厂停工（演示数据）' },
    ])
    .execute();
  await db
    .insertInto('essentialSpending')
    .values([
      ...[3, 2, 1].map((back) => ({
        ...fact(h2),
        kind: 'medical' as const,
        amountYuan: 1500 + back * 400,
        periodKind: 'month' as const,
        spentOn: monthStart(today, -back),
        note: '住院及药费（演示数据）',
      })),
      {
        ...fact(h3),
        kind: 'schooling' as const,
        amountYuan: 2600,
        periodKind: 'day' as const,
        spentOn: addDays(today, -30),
        note: '高中学费及住宿费（演示数据）',
      },
    ])
    .execute();
  const checkedOn = addDays(today, -10);
  const evidence: Record<string, string> = {
    compulsory_education: '子女在安置点小学就读（演示数据）',
    basic_medical: '全家参加城乡居民医保（演示数据）',
    housing_safety: '安置房经验收安全（演示数据）',
    drinking_water: '通自来水，水质达标（演示数据）',
  };
  await db
    .insertInto('guaranteeChecks')
    .values(
      [h1, h2, h3].flatMap((householdId) =>
        Object.entries(evidence).map(([dimension, text]) => {
          const fails = householdId === h1 && dimension === 'housing_safety';
          return {
            countyCode: fact(householdId).countyCode,
            householdId,
            dimension: dimension as 'housing_safety',
            checkedOn,
            ok: !fails,
            evidence: fails ? '暴雨后墙体开裂，待鉴定（演示数据）' : text,
            checkedBy: worker.userId,
          };
        }),
      ),
    )
    .execute();
}

interface Cast {
  worker: Actor;
  township: Actor;
  county: Actor;
}

async function start(db: Db, worker: Actor, householdId: string, input: StartInput): Promise<string> {
  const household = await findScopedHousehold(db, worker, householdId);
  return openWorkflow(db, worker, 'worker', household, input);
}

async function take(db: Db, actor: Actor, workflowId: string, stepKey: string, input: Partial<CompleteInput> = {}) {
  const { workflow, household } = await findScopedWorkflow(db, actor, workflowId);
  await completeStep(db, actor, workflow, household, stepKey, { outcome: 'passed', ...input });
}

/** The open 公示 of a workflow began its days ago: it may be closed now. */
async function publicityOver(db: Db, workflowId: string) {
  await sql`update workflow_steps set started_on = started_on - publicity_days
    where workflow_id = ${workflowId} and completed_on is null and publicity_days is not null`.execute(db);
}

/** Moves a workflow's every day back, as if it had started `days` ago. */
async function backdate(db: Db, workflowId: string, days: number) {
  await sql`update workflow_steps set started_on = started_on - ${days}::int, due_on = due_on - ${days}::int,
      completed_on = completed_on - ${days}::int
    where workflow_id = ${workflowId}`.execute(db);
  await sql`update workflows set started_on = started_on - ${days}::int, closed_on = closed_on - ${days}::int
    where id = ${workflowId}`.execute(db);
}

async function seedWorkflows(db: Db, cast: Cast, ids: string[], enrolledId: string | undefined) {
  const { worker, township, county } = cast;
  const [h1, h2, h3, h4, h5] = ids as [string, string, string, string, string];
  const today = chinaToday();
  const kind = (k: WorkflowKind, reason: string, extra: Partial<StartInput> = {}) => ({ kind: k, reason, ...extra });

  // 监测识别, open at 民主评议 and overdue (started 20 days ago).
  const identifying = await start(
    db,
    worker,
    h1,
    kind('monitoring_identification', '暴雨致房屋受损，收入骤减', { category: 'sudden_hardship' }),
  );
  await take(db, worker, identifying, 'verify', { note: '入户核实：房屋受损属实', documents: ['入户核实表.jpg'] });
  await backdate(db, identifying, 20);

  // 监测识别, approved: the household enters monitoring (边缘易致贫户 → 脱贫不稳定户).
  const identified = await start(
    db,
    worker,
    h2,
    kind('monitoring_identification', '户主患病住院，医疗支出大', { category: 'unstable' }),
  );
  await take(db, worker, identified, 'verify', { note: '住院票据已核', documents: ['住院发票.jpg'] });
  await take(db, worker, identified, 'deliberation', { note: '村民代表一致同意' });
  await publicityOver(db, identified);
  await take(db, worker, identified, 'publicity', { note: '公示期满无异议' });
  await take(db, township, identified, 'township_review', { note: '材料齐全' });
  await take(db, county, identified, 'county_approval', { note: '同意纳入监测' });
  await backdate(db, identified, 30);

  // 风险消除 of that household, its 公示 running (started two days ago).
  const eliminating = await start(db, worker, h2, kind('risk_elimination', '务工收入稳定，医疗费用已报销'));
  await take(db, worker, eliminating, 'verify', { note: '收入已核实' });
  await take(db, worker, eliminating, 'deliberation', { note: '评议通过' });
  await backdate(db, eliminating, 2);

  // 低保申请, open at 乡镇审核 and overdue there (started 25 days ago).
  const applying = await start(db, worker, h3, kind('dibao_application', '家中失业，子女上学，收入低于低保标准'));
  await take(db, worker, applying, 'investigation', {
    note: '家庭收入、财产已调查',
    documents: ['家庭经济状况核对表.pdf'],
  });
  await take(db, worker, applying, 'deliberation', { note: '评议通过' });
  await backdate(db, applying, 25);

  // 低保申请, walked to 发放: the household is enrolled (B类, 520 元/月).
  const granted = await start(db, worker, h4, kind('dibao_application', '户主残疾，无稳定收入'));
  await take(db, worker, granted, 'investigation', { note: '调查属实' });
  await take(db, worker, granted, 'deliberation', { note: '评议通过' });
  await take(db, township, granted, 'township_review', { note: '同意上报' });
  await take(db, county, granted, 'county_approval', {
    note: '同意纳入',
    terms: { class: 'B', monthlyAmountYuan: 520, validUntil: addDays(today, 365) },
  });
  await publicityOver(db, granted);
  await take(db, worker, granted, 'publicity', { note: '公示期满无异议' });
  await take(db, worker, granted, 'payment', { note: '首月低保金已发放' });

  // 监测识别, rejected at 入户核实 (income above the line).
  const refused = await start(
    db,
    worker,
    h5,
    kind('monitoring_identification', '群众反映收入下降', { category: 'marginal' }),
  );
  await take(db, worker, refused, 'verify', { outcome: 'failed', note: '核实后家庭收入高于监测线' });
  await backdate(db, refused, 12);

  // 低保复核 of a household enrolled before, waiting for its 入户调查.
  if (enrolledId) await start(db, worker, enrolledId, kind('dibao_review', '年度复核'));
}
