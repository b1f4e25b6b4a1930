import { chinaToday } from '@anju/domain/clock';
import { addDays, monthStart } from '@anju/domain/dates';
import type { Db } from '../db/database.ts';
import type { AppDeps } from '../http/env.ts';
import { firstWorkerSite } from './demo-place.ts';

/**
 * A little of each programme at the first demo worker's first site, so the demo worker sees the
 * pages filled: a labour-export batch of three (follow-ups recorded and one due), a 公益性岗位
 * with a holder and a month of pay, a 帮扶车间 with last month's people, two subsidies. Runs only
 * while there are households and no programme records; deterministic (lowest ids first).
 */
export async function seedDemoProgrammes({ db, logger }: AppDeps): Promise<void> {
  if (await db.selectFrom('laborExportBatches').select('id').limit(1).executeTakeFirst()) return;
  const place = await firstWorkerSite(db);
  if (!place?.countyCode) return;
  const people = await db
    .selectFrom('persons')
    .innerJoin('households', 'households.id', 'persons.householdId')
    .select(['persons.id', 'persons.householdId', 'persons.laborCapacity'])
    .where('households.siteId', '=', place.siteId)
    .where('persons.laborCapacity', '!=', 'none')
    .orderBy('persons.id')
    .limit(40)
    .execute();
  // Different households for each programme, so the household cap of 公益性岗位 holds.
  const seen = new Set<string>();
  const picked = people.filter((person) => !seen.has(person.householdId) && seen.add(person.householdId));
  if (picked.length < 6) return;
  const { workerId: userId, siteId, countyCode } = place;
  await db.transaction().execute((trx) => seed(trx, { userId, siteId, countyCode }, picked));
  logger.warn('demo programme data created (DEMO ONLY)');
}

async function seed(
  db: Db,
  place: { userId: string; siteId: string; countyCode: string },
  people: { id: string; householdId: string }[],
) {
  const today = chinaToday();
  const lastMonth = monthStart(today, -1).slice(0, 7);
  const { countyCode, siteId, userId: createdBy } = place;
  const [m1, m2, m3, holder, w1, w2] = people as [(typeof people)[number], ...typeof people];
  const batch = await db
    .insertInto('laborExportBatches')
    .values({
      countyCode,
      siteId,
      destinationEmployer: '东莞市演示电子有限公司',
      destinationRegion: '广东省东莞市',
      departureDate: addDays(today, -100),
      transport: 'chartered_bus',
      organiser: '县人社局（演示）',
      note: '演示数据',
      createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const members = [];
  for (const [person, workplace, pay] of [
    [m1, '东莞市长安镇', 5200],
    [m2, '东莞市虎门镇', 4800],
    [m3, '东莞市长安镇', 5000],
  ] as const) {
    if (!person) continue;
    const row = await db
      .insertInto('laborExportMembers')
      .values({
        countyCode,
        batchId: batch.id,
        personId: person.id,
        householdId: person.householdId,
        workplace,
        contractStart: addDays(today, -98),
        contractEnd: addDays(today, 267),
        monthlyPayYuan: pay,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    members.push(row.id);
  }
  const followups = [
    { memberId: members[0], milestoneMonths: 1, outcome: 'still_there' as const, reason: null },
    { memberId: members[0], milestoneMonths: 3, outcome: 'still_there' as const, reason: null },
    { memberId: members[1], milestoneMonths: 1, outcome: 'changed_job' as const, reason: '换到同镇另一家厂，工资更高' },
  ];
  for (const followup of followups)
    await db
      .insertInto('retentionFollowups')
      .values({
        countyCode,
        memberId: followup.memberId as string,
        milestoneMonths: followup.milestoneMonths,
        followedUpOn: addDays(today, followup.milestoneMonths === 1 ? -68 : -8),
        outcome: followup.outcome,
        reason: followup.reason,
        recordedBy: createdBy,
      })
      .execute();

  const post = await db
    .insertInto('welfarePosts')
    .values({
      countyCode,
      siteId,
      title: '安置点保洁员',
      duties: '小区公共区域保洁（演示）',
      quota: 3,
      monthlyPayYuan: 800,
      eligibility: JSON.stringify({ laborCapacities: ['weak', 'full'] }),
      createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (holder) {
    const assignment = await db
      .insertInto('welfarePostAssignments')
      .values({
        countyCode,
        postId: post.id,
        personId: holder.id,
        householdId: holder.householdId,
        startOn: addDays(today, -60),
        endOn: addDays(today, 305),
        endedOn: null,
        createdBy,
      })
      .returning(['id', 'personId'])
      .executeTakeFirstOrThrow();
    await db
      .insertInto('welfarePostMonths')
      .values({
        countyCode,
        assignmentId: assignment.id,
        personId: assignment.personId,
        month: lastMonth,
        attendanceDays: 22,
        payYuan: 800,
        recordedBy: createdBy,
      })
      .execute();
  }

  const operator = await db
    .selectFrom('employers')
    .select('id')
    .where('kind', '=', 'workshop')
    .where('id', 'not in', db.selectFrom('workshopRecognitions').select('employerId'))
    .orderBy('id')
    .executeTakeFirst();
  if (operator) {
    const workshop = await db
      .insertInto('workshopRecognitions')
      .values({
        countyCode,
        employerId: operator.id,
        siteId,
        minRelocatedEmployed: 2,
        minRelocatedShare: 0.3,
        totalEmployed: 5,
        decidedBy: null,
        decidedOn: null,
        note: '演示数据',
        createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const person of [w1, w2])
      if (person)
        await db
          .insertInto('workshopEmploymentMonths')
          .values({
            countyCode,
            workshopId: workshop.id,
            personId: person.id,
            householdId: person.householdId,
            month: lastMonth,
            payYuan: 2400,
            recordedBy: createdBy,
          })
          .execute();
  }

  const subsidies = [
    { person: m1, kind: 'transport' as const, amountYuan: 300, state: 'paid' as const },
    { person: m2, kind: 'training' as const, amountYuan: 1200, state: 'applied' as const },
  ];
  for (const { person, kind, amountYuan, state } of subsidies)
    if (person)
      await db
        .insertInto('subsidyEntries')
        .values({
          countyCode,
          siteId,
          kind,
          personId: person.id,
          householdId: person.householdId,
          employerId: null,
          basis: kind === 'transport' ? '东莞市演示电子有限公司批次的交通补贴' : '演示电工培训班',
          period: today.slice(0, 4),
          amountYuan,
          state,
          appliedOn: addDays(today, -30),
          approvedOn: state === 'paid' ? addDays(today, -20) : null,
          paidOn: state === 'paid' ? addDays(today, -10) : null,
          createdBy,
        })
        .execute();
}
