import { chinaToday } from '@anju/domain/clock';
import { creditCodeCheckChar } from '@anju/domain/credit-code';
import { addDays } from '@anju/domain/dates';
import type { EmployerKind } from '@anju/domain/enums';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { enqueueSearch } from '../db/search-outbox.ts';
import type { AppDeps } from '../http/env.ts';
import { ensureSeedSkills } from '../skills/seed.ts';

/**
 * Where the demo sites are when the registry's demo gave them no coordinates: the jobs are placed
 * around the site's own point (the `sites` row the registry demo wrote), so the people living
 * there can reach them (issue 18: every demo job has candidates).
 */
const fallbackSites: Record<string, { lat: number; lng: number }> = {
  '529901001001': { lat: 26.58, lng: 106.71 }, // 幸福家园安置点
  '529901001002': { lat: 26.6, lng: 106.74 }, // 阳光社区安置点
  '529902001001': { lat: 26.41, lng: 106.52 }, // 绿水新村安置点
};

const creditCode = (serial: string) => {
  const body = `9152990${serial.padStart(10, '0')}`;
  return body + creditCodeCheckChar(body);
};

const demoEmployers: {
  key: string;
  name: string;
  kind: EmployerKind;
  verified: boolean;
  site: string;
  serial: string;
}[] = [
  {
    key: 'workshop',
    name: '青山扶贫车间（演示）',
    kind: 'workshop',
    verified: true,
    site: '529901001001',
    serial: '1',
  },
  {
    key: 'coop',
    name: '绿水食用菌专业合作社（演示）',
    kind: 'cooperative',
    verified: true,
    site: '529902001001',
    serial: '2',
  },
  {
    key: 'factory',
    name: '安居电子科技有限公司（演示）',
    kind: 'enterprise',
    verified: true,
    site: '529901001002',
    serial: '3',
  },
  {
    key: 'food',
    name: '黔味食品有限公司（演示，待认证）',
    kind: 'enterprise',
    verified: false,
    site: '529901001002',
    serial: '4',
  },
  {
    key: 'builder',
    name: '王师傅装修队（演示）',
    kind: 'individual',
    verified: true,
    site: '529901001001',
    serial: '5',
  },
];

type JobSeed = [
  employer: string,
  title: string,
  skill: string,
  payMin: number,
  payMax: number,
  unit: 'month' | 'day' | 'piece',
  type: string,
];
const demoJobs: JobSeed[] = [
  ['workshop', '缝纫机操作工', 'garment.sewing', 3200, 5000, 'month', 'full_time'],
  ['workshop', '锁边工', 'garment.overlock', 2800, 4000, 'month', 'full_time'],
  ['workshop', '服装整烫工', 'garment.ironing', 2600, 3600, 'month', 'full_time'],
  ['workshop', '服装质检员（剪线头）', 'garment.qc', 2500, 3200, 'month', 'part_time'],
  ['workshop', '苗绣绣娘（可带回家做）', 'handicraft.miao_embroidery', 5, 30, 'piece', 'home_piecework'],
  ['workshop', '蜡染手艺人', 'handicraft.batik', 3000, 4500, 'month', 'full_time'],
  ['workshop', '竹编工艺品编织', 'handicraft.bamboo_weaving', 2, 15, 'piece', 'home_piecework'],
  ['workshop', '串珠手链来料加工', 'handicraft.handmade_piecework', 1, 3, 'piece', 'home_piecework'],
  ['coop', '食用菌种植工', 'farming.fungus', 2800, 3800, 'month', 'full_time'],
  ['coop', '菌棒制作工', 'farming.fungus_bag', 120, 160, 'day', 'part_time'],
  ['coop', '香菇采收分拣', 'packing.grading', 100, 140, 'day', 'part_time'],
  ['coop', '茶叶采摘工（春茶季）', 'farming.tea_picking', 100, 180, 'day', 'part_time'],
  ['coop', '大棚蔬菜管理员', 'farming.greenhouse', 2600, 3500, 'month', 'full_time'],
  ['coop', '生猪养殖饲养员', 'livestock.pigs', 3500, 4500, 'month', 'full_time'],
  ['coop', '农产品直播带货主播', 'ecommerce.live', 3000, 8000, 'month', 'full_time'],
  ['factory', '电子厂普工', 'electronics.assembly', 3800, 5200, 'month', 'full_time'],
  ['factory', '电子元件插件工', 'electronics.assembly', 3500, 4800, 'month', 'full_time'],
  ['factory', '线束加工工', 'electronics.wire', 3600, 5000, 'month', 'full_time'],
  ['factory', '叉车司机', 'machinery.forklift', 4500, 6000, 'month', 'full_time'],
  ['factory', '仓库管理员', 'logistics.warehouse', 3500, 4500, 'month', 'full_time'],
  ['factory', '厂区保安员', 'security.guard', 3000, 3600, 'month', 'full_time'],
  ['factory', '食堂厨师', 'cooking.chinese_cook', 4000, 5500, 'month', 'full_time'],
  ['factory', '厂区保洁员', 'cleaning.housekeeping', 2400, 2800, 'month', 'part_time'],
  ['factory', '低压电工（持证）', 'electrical.low_voltage', 5000, 7000, 'month', 'full_time'],
  ['factory', '电子厂普工（广东东莞，劳务输出）', 'electronics.assembly', 5000, 7000, 'month', 'labour_export'],
  ['food', '辣椒分拣工', 'food.chili', 110, 150, 'day', 'part_time'],
  ['food', '米粉加工工', 'food.noodles', 3000, 4000, 'month', 'full_time'],
  ['builder', '泥瓦工', 'construction.masonry', 250, 350, 'day', 'part_time'],
  ['builder', '装修小工', 'construction.labourer', 150, 200, 'day', 'part_time'],
  ['builder', '电焊工', 'welding.arc', 300, 400, 'day', 'part_time'],
  ['workshop', '社区护路员（公益性岗位）', 'public_welfare.road_care', 1800, 1800, 'month', 'public_welfare'],
  ['coop', '养老院护理员', 'care.elderly', 3200, 4200, 'month', 'full_time'],
];

const inDays = (days: number) => addDays(chinaToday(), days);

/** What the demo shows of a job's hours and real pay (issue 18): 班次, pieces a month, 送料上门. */
const demoJobFacts: Record<
  string,
  Partial<{
    schedule: ('full_time' | 'two_shifts' | 'night' | 'part_time_morning' | 'school_hours')[];
    piecesPerMonth: number;
    piecesPerMonthMax: number;
    materialsDelivered: boolean;
  }>
> = {
  '苗绣绣娘（可带回家做）': { piecesPerMonth: 120, piecesPerMonthMax: 200, materialsDelivered: true },
  竹编工艺品编织: { piecesPerMonth: 150, piecesPerMonthMax: 260 },
  串珠手链来料加工: { piecesPerMonth: 900, piecesPerMonthMax: 1500, materialsDelivered: true },
  电子厂普工: { schedule: ['full_time', 'two_shifts'] },
  线束加工工: { schedule: ['full_time', 'two_shifts'] },
  厂区保安员: { schedule: ['full_time', 'night'] },
  '服装质检员（剪线头）': { schedule: ['school_hours', 'part_time_morning'] },
};

/** Demo employers, ~30 jobs near the demo sites, trainings and projects; on an empty table only. */
export async function seedDemoOpportunities({ db, logger }: AppDeps): Promise<void> {
  await ensureSeedSkills(db);
  if (await db.selectFrom('employers').select('id').limit(1).executeTakeFirst()) return;
  const sites = await db
    .selectFrom('regions')
    .leftJoin('sites', 'sites.regionId', 'regions.id')
    .select(['regions.id', 'regions.code', 'sites.lat', 'sites.lng'])
    .where('regions.code', 'in', Object.keys(fallbackSites))
    .execute();
  const siteId = new Map(sites.map((site) => [site.code, site.id]));
  const demoSites: Record<string, { lat: number; lng: number }> = { ...fallbackSites };
  for (const site of sites)
    if (site.lat !== null && site.lng !== null) demoSites[site.code] = { lat: Number(site.lat), lng: Number(site.lng) };
  await db.transaction().execute(async (trx) => {
    const employerIds = new Map<string, { id: string; site: string }>();
    for (const employer of demoEmployers) {
      const where = demoSites[employer.site];
      const row = await trx
        .insertInto('employers')
        .values({
          name: employer.name,
          kind: employer.kind,
          creditCode: employer.kind === 'individual' ? null : creditCode(employer.serial),
          contactName: '演示联系人',
          contactPhone: `1380000${employer.serial.padStart(4, '0')}`,
          address: null,
          lat: where.lat + 0.01,
          lng: where.lng + 0.01,
          regionId: siteId.get(employer.site) ?? null,
          verified: employer.verified,
          verifiedAt: employer.verified ? new Date() : null,
          verifiedBy: null,
          createdBy: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      employerIds.set(employer.key, { id: row.id, site: employer.site });
    }
    const account = await trx.selectFrom('users').select('id').where('login', '=', 'demo-employer').executeTakeFirst();
    const workshop = employerIds.get('workshop');
    if (account && workshop)
      await trx.updateTable('users').set({ employerId: workshop.id }).where('id', '=', account.id).execute();

    const jobIds: string[] = [];
    for (const [index, [employerKey, title, skill, payMin, payMax, unit, type]] of demoJobs.entries()) {
      const employer = employerIds.get(employerKey) as { id: string; site: string };
      const where = demoSites[employer.site];
      const shuttle = siteId.get(employer.site);
      const row = await trx
        .insertInto('jobs')
        .values({
          employerId: employer.id,
          title,
          description: `${title}，就近就业，岗前免费培训。`,
          requirements: '男女不限，能吃苦耐劳',
          status: index % 11 === 10 ? 'draft' : 'open',
          address: null,
          lat: where.lat + ((index % 5) - 2) * 0.012,
          lng: where.lng + ((index % 3) - 1) * 0.015,
          startDate: inDays(7),
          deadline: inDays(30 + index),
          createdBy: null,
          occupationCode: null,
          requiredSkills: JSON.stringify([{ code: skill, minLevel: 1 }]),
          optionalSkills: [],
          headcount: 1 + (index % 10),
          payMin,
          payMax,
          payUnit: unit,
          payFrequency: unit === 'month' ? 'monthly' : unit === 'day' ? 'daily' : 'on_completion',
          hours: unit === 'piece' ? '时间自由' : '8:00-17:30',
          shifts: null,
          employmentType: type as 'full_time',
          destination: type === 'labour_export' ? '广东省东莞市' : null,
          shuttleSiteIds: shuttle && index % 2 === 0 ? [shuttle] : [],
          accommodation: index % 4 === 0,
          ageMin: 18,
          ageMax: 60,
          physicalDemand: index % 3 === 0 ? 'light' : 'medium',
          hoursPerWeek: type === 'full_time' ? 44 : null,
          publicWelfare: type === 'public_welfare',
          ...demoJobFacts[title],
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      jobIds.push(row.id);
    }
    await enqueueSearch(trx, 'jobs', jobIds);

    const trainingIds: string[] = [];
    const trainings: [string, string, string, string, boolean][] = [
      ['factory', '低压电工上岗培训', 'electrical.low_voltage', '特种作业操作证（低压电工作业）', true],
      ['workshop', '缝纫工技能培训（免费）', 'garment.sewing', '职业技能等级证书（初级）', true],
      ['coop', '直播带货实操班', 'ecommerce.live', '结业证书', true],
      ['coop', '养老护理员培训', 'care.elderly', '职业技能等级证书（养老护理员 五级）', true],
      ['factory', '叉车司机考证班', 'machinery.forklift', '特种设备作业人员证（N1）', false],
    ];
    for (const [index, [employerKey, title, skill, certificate, subsidy]] of trainings.entries()) {
      const employer = employerIds.get(employerKey) as { id: string; site: string };
      const where = demoSites[employer.site];
      const row = await trx
        .insertInto('trainings')
        .values({
          employerId: employer.id,
          title,
          description: `${title}，理论加实操，学完推荐就业。`,
          status: 'open',
          address: null,
          lat: where.lat,
          lng: where.lng,
          startDate: inDays(14 + index * 7),
          endDate: inDays(28 + index * 7),
          deadline: inDays(10 + index * 7),
          createdBy: null,
          skillsTaught: JSON.stringify([{ code: skill, level: 1 }]),
          certificate,
          schedule: '周一至周五 9:00-16:00',
          seats: 30,
          cost: subsidy ? 0 : 800,
          subsidyEligible: subsidy,
          childcare: index % 2 === 0,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      trainingIds.push(row.id);
    }
    await enqueueSearch(trx, 'trainings', trainingIds);

    const projectIds: string[] = [];
    const projects: [string, string, 'planting' | 'livestock' | 'pv' | 'tourism', string, string[]][] = [
      ['coop', '食用菌产业基地', 'planting', 'farming.fungus', ['wage', 'shareholding']],
      ['coop', '生态养猪场', 'livestock', 'livestock.pigs', ['wage', 'contracting']],
      ['workshop', '安置点屋顶光伏', 'pv', 'electrical.pv_maintenance', ['shareholding']],
      ['builder', '绿水新村乡村旅游民宿', 'tourism', 'tourism.homestay', ['wage', 'shareholding']],
    ];
    for (const [employerKey, title, kind, skill, modes] of projects) {
      const employer = employerIds.get(employerKey) as { id: string; site: string };
      const where = demoSites[employer.site];
      const row = await trx
        .insertInto('projects')
        .values({
          employerId: employer.id,
          title,
          description: `${title}，带动搬迁群众务工和入股分红。`,
          status: 'open',
          address: null,
          lat: where.lat + 0.02,
          lng: where.lng - 0.02,
          startDate: inDays(30),
          deadline: null,
          createdBy: null,
          kind,
          siteIds: [...siteId.values()],
          requiredSkills: JSON.stringify([{ code: skill, minLevel: 1 }]),
          positions: 20,
          participationModes: modes,
          expectedIncomeMin: 12000,
          expectedIncomeMax: 30000,
          incomeUnit: 'year',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      projectIds.push(row.id);
    }
    await enqueueSearch(trx, 'projects', projectIds);
    await giveDemoPeopleSkills(trx, [...new Set(demoJobs.map((job) => job[2]))]);
  });
  logger.info({ jobs: demoJobs.length }, 'demo opportunities created');
}

/**
 * The demo must show matching (issue 18): every demo adult who can work holds one of the skills
 * the demo jobs ask (in turn, level 2) and is visible to employers, so the demo resident gets
 * recommendations and every demo job ranked candidates. Runs once, with the opportunities.
 */
async function giveDemoPeopleSkills(trx: Db, skillCodes: string[]): Promise<void> {
  const skills = await trx
    .selectFrom('skills')
    .select(['code', 'certificateRequired'])
    .where('code', 'in', skillCodes)
    .execute();
  const known = new Set(skills.map((s) => s.code));
  // 持证上岗: whoever holds a licensed skill in the demo holds its certificate too.
  const licensed = new Set(skills.filter((s) => s.certificateRequired).map((s) => s.code));
  const codes = skillCodes.filter((code) => known.has(code));
  if (codes.length === 0) return;
  const people = await trx
    .selectFrom('persons')
    .innerJoin('households', 'households.id', 'persons.householdId')
    .select(['persons.id', 'persons.countyCode'])
    .where('households.householdNumber', 'like', 'DEMO-%')
    .where('persons.laborCapacity', '!=', 'none')
    .where('persons.birthDate', '<=', inDays(-18 * 366))
    .orderBy('persons.id')
    .execute();
  if (people.length === 0) return;
  await trx
    .insertInto('personSkills')
    .values(
      people.flatMap((person, index) => [
        {
          personId: person.id,
          skillCode: codes[index % codes.length],
          countyCode: person.countyCode,
          level: 2,
          certificate: licensed.has(codes[index % codes.length]) ? '职业资格证书（演示）' : null,
          certifiedOn: licensed.has(codes[index % codes.length]) ? inDays(-400) : null,
        },
        {
          personId: person.id,
          skillCode: codes[(index + 7) % codes.length],
          countyCode: person.countyCode,
          level: 1,
          certificate: licensed.has(codes[(index + 7) % codes.length]) ? '职业资格证书（演示）' : null,
          certifiedOn: licensed.has(codes[(index + 7) % codes.length]) ? inDays(-400) : null,
        },
      ]),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
  await trx
    .updateTable('persons')
    .set({ visibleToEmployers: true })
    .where(
      'id',
      'in',
      people.map((p) => p.id),
    )
    .execute();
  // The consent that lets employers see them (授权), dated, unless one is already recorded.
  await sql`insert into consents (person_id, county_code, given, dated, given_by, note)
    select p.id, p.county_code, true, current_date, 'register', '登记时已允许' from persons p
    where p.id = any(${people.map((p) => p.id)}::bigint[])
      and not exists (select 1 from consents c where c.person_id = p.id)`.execute(trx);
}
