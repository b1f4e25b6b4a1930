import { creditCodeCheckChar } from '@anju/domain/credit-code';
import type { EmployerKind } from '@anju/domain/enums';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { placeName } from './names.ts';
import type { Random } from './random.ts';
import type { GeneratedRegistry } from './registry.ts';

export interface OpportunityScale {
  employers: number;
  jobs: number;
  trainings: number;
  projects: number;
}

const BATCH = 1000;
const creditAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function creditCode(random: Random, countyCode: string): string {
  let org = '';
  for (let i = 0; i < 9; i++) org += creditAlphabet[random.int(0, 30)];
  const first17 = `91${countyCode}${org}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
}

// Typical monthly pay (yuan) by skill category, for plausible pay ranges.
const payByCategory: Record<string, [number, number]> = {
  construction: [4500, 8000],
  electrical: [5000, 8500],
  welding: [5000, 8500],
  machinery: [4200, 7000],
  driving: [4500, 8000],
  garment: [3000, 5000],
  electronics: [3200, 5200],
  food: [2800, 4500],
  packing: [2600, 4000],
  logistics: [3500, 6000],
  cleaning: [2200, 3200],
  security: [2600, 3800],
  cooking: [3000, 5500],
  care: [3000, 5500],
  farming: [2200, 4000],
  livestock: [2500, 4500],
  handicraft: [2000, 4000],
  ecommerce: [3000, 6000],
  retail: [2500, 4000],
  tourism: [2500, 4500],
  public_welfare: [1500, 2200],
  office: [3000, 4500],
  manufacturing: [3500, 5500],
};

export interface JobEmployer {
  id: string;
  lat: number;
  lng: number;
  /** The resettlement site the employer works near (its shuttle, if any, runs from there). */
  siteId: string;
}

export type JobSkill = { code: string; nameZh: string; category: string };

/** One job (岗位) of a generated employer: pay by trade, some labour export, most open. */
export function makeJob(random: Random, employers: readonly JobEmployer[], skills: readonly JobSkill[], today: Date) {
  const dateIn = (days: number) => new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  const employer = random.pick(employers);
  const skill = random.pick(skills);
  const [low, high] = payByCategory[skill.category] ?? [2800, 5000];
  const payMin = Math.round(random.normal((low + high) / 2 - 500, 400, low, high) / 100) * 100;
  const export_ = random.chance(0.12);
  const type: 'full_time' | 'part_time' | 'home_piecework' | 'public_welfare' | 'labour_export' = export_
    ? 'labour_export'
    : random.weighted([
        ['full_time', 8],
        ['part_time', 2],
        ['home_piecework', 1],
        ['public_welfare', 1],
      ] as const);
  return {
    employerId: employer.id,
    title: `${skill.nameZh}${random.pick(['', '工', '岗位', '（急招）'])}`,
    description: `${skill.nameZh}相关工作，岗前培训，按时发放工资。`,
    requirements: random.chance(0.3) ? '吃苦耐劳，服从安排' : '',
    status: random.chance(0.92) ? ('open' as const) : ('closed' as const),
    address: null,
    lat: export_ ? 30 + random.next() * 5 : employer.lat,
    lng: export_ ? 113 + random.next() * 8 : employer.lng,
    startDate: dateIn(random.int(-30, 30)),
    deadline: dateIn(random.int(5, 90)),
    createdBy: null,
    occupationCode: null,
    requiredSkills: JSON.stringify([
      {
        code: skill.code,
        minLevel: random.weighted([
          [1, 6],
          [2, 3],
          [3, 1],
        ] as const),
      },
    ]),
    optionalSkills: random.sample(skills, random.int(0, 2)).map((s) => s.code),
    headcount: random.int(1, 30),
    payMin,
    payMax: payMin + random.int(3, 15) * 100,
    payUnit: 'month' as const,
    payFrequency: 'monthly' as const,
    hours: random.pick(['8:00-17:00', '8:30-18:00', '两班倒', null]),
    shifts: null,
    employmentType: type,
    destination: export_ ? random.pick(['广东省东莞市', '浙江省宁波市', '福建省泉州市', '江苏省苏州市']) : null,
    shuttleSiteIds: !export_ && random.chance(0.3) ? [employer.siteId] : [],
    accommodation: export_ || random.chance(0.2),
    ageMin: random.chance(0.6) ? 18 : 16,
    ageMax: random.chance(0.7) ? random.pick([45, 50, 55, 60]) : null,
    physicalDemand: skill.category === 'construction' ? ('heavy' as const) : random.pick(['light', 'medium'] as const),
  };
}

export async function insertJobs(db: Db, jobs: ReturnType<typeof makeJob>[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < jobs.length; i += BATCH) {
    const rows = await db
      .insertInto('jobs')
      .values(jobs.slice(i, i + BATCH))
      .returning('id')
      .execute();
    ids.push(...rows.map((row) => row.id));
  }
  return ids;
}

/** Employers (workshops near sites, factories in county towns), jobs, courses and projects. */
export async function generateOpportunities(
  db: Db,
  random: Random,
  scale: OpportunityScale,
  registry: GeneratedRegistry,
  today: Date,
): Promise<void> {
  const skills = await db.selectFrom('skills').select(['code', 'nameZh', 'category', 'certificateRequired']).execute();
  if (skills.length === 0) throw new Error('the skill taxonomy must be seeded first');
  const employers: { id: string; lat: number; lng: number; countyCode: string; siteId: string }[] = [];
  const employerRows = [];
  const anchors: { lat: number; lng: number; countyCode: string; siteId: string }[] = [];
  for (let i = 0; i < scale.employers; i++) {
    const kind: EmployerKind = random.weighted([
      ['enterprise', 5],
      ['workshop', 3],
      ['cooperative', 2],
      ['individual', 1],
    ] as const);
    const site = random.pick(registry.sites);
    // Workshops sit at the site; factories and cooperatives within a county's reach.
    const spread = kind === 'workshop' ? 0.01 : 0.15;
    const anchor = {
      lat: site.lat + random.normal(0, spread),
      lng: site.lng + random.normal(0, spread),
      countyCode: site.countyCode,
      siteId: site.id,
    };
    anchors.push(anchor);
    employerRows.push({
      name: `${placeName(random, '')}${random.pick(['制衣', '电子', '食品', '物流', '建筑', '农业', '家政', '茶业'])}${kind === 'workshop' ? '扶贫车间' : kind === 'cooperative' ? '专业合作社' : kind === 'individual' ? '个体户' : '有限公司'}`,
      kind,
      creditCode: kind === 'individual' ? null : creditCode(random, site.countyCode),
      contactName: null,
      contactPhone: `1${random.pick(['3', '5', '8'])}${String(random.int(0, 999_999_999)).padStart(9, '0')}`,
      address: null,
      lat: anchor.lat,
      lng: anchor.lng,
      regionId: null,
      verified: random.chance(0.95),
      verifiedAt: null,
      verifiedBy: null,
      createdBy: null,
    });
  }
  for (let i = 0; i < employerRows.length; i += BATCH) {
    const ids = await db
      .insertInto('employers')
      .values(employerRows.slice(i, i + BATCH))
      .returning('id')
      .execute();
    for (const [j, row] of ids.entries()) employers.push({ id: row.id, ...anchors[i + j] });
  }

  const dateIn = (days: number) => new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  const jobs = [];
  for (let i = 0; i < scale.jobs; i++) jobs.push(makeJob(random, employers, skills, today));
  await insertJobs(db, jobs);

  const trainings = [];
  for (let i = 0; i < scale.trainings; i++) {
    const employer = random.pick(employers);
    const skill = random.pick(skills);
    const start = random.int(-10, 60);
    trainings.push({
      employerId: employer.id,
      title: `${skill.nameZh}培训班`,
      description: `${skill.nameZh}技能培训，结业考核合格颁发证书。`,
      requirements: '',
      status: 'open' as const,
      address: null,
      lat: employer.lat,
      lng: employer.lng,
      startDate: dateIn(start),
      deadline: dateIn(Math.max(start - 1, 1)),
      createdBy: null,
      skillsTaught: JSON.stringify([{ code: skill.code, level: random.int(1, 2) }]),
      certificate: skill.certificateRequired || random.chance(0.5) ? '职业技能等级证书' : null,
      schedule: `${random.int(5, 30)}天`,
      endDate: dateIn(start + random.int(5, 30)),
      seats: random.int(15, 60),
      cost: 0,
      subsidyEligible: random.chance(0.8),
      childcare: random.chance(0.25),
    });
  }
  for (let i = 0; i < trainings.length; i += BATCH)
    await db
      .insertInto('trainings')
      .values(trainings.slice(i, i + BATCH))
      .execute();

  const projects = [];
  for (let i = 0; i < scale.projects; i++) {
    const employer = random.pick(employers);
    const kind = random.pick(['planting', 'livestock', 'processing', 'tourism', 'workshop', 'pv'] as const);
    const skill = random.pick(skills);
    projects.push({
      employerId: employer.id,
      title: `${placeName(random, '')}${{ planting: '种植基地', livestock: '养殖场', processing: '加工厂', tourism: '乡村旅游', workshop: '帮扶车间', pv: '光伏电站' }[kind]}`,
      description: '产业帮扶项目，带动搬迁群众就业增收。',
      requirements: '',
      status: 'open' as const,
      address: null,
      lat: employer.lat,
      lng: employer.lng,
      startDate: dateIn(random.int(-200, 30)),
      deadline: null,
      createdBy: null,
      kind,
      siteIds: [employer.siteId],
      requiredSkills: JSON.stringify(kind === 'pv' ? [] : [{ code: skill.code, minLevel: 1 }]),
      positions: random.int(5, 80),
      participationModes:
        kind === 'pv' ? ['shareholding'] : random.sample(['wage', 'shareholding', 'contracting'], random.int(1, 2)),
      expectedIncomeMin: random.int(20, 35) * 100,
      expectedIncomeMax: random.int(36, 60) * 100,
      incomeUnit: 'month' as const,
    });
  }
  for (let i = 0; i < projects.length; i += BATCH)
    await db
      .insertInto('projects')
      .values(projects.slice(i, i + BATCH))
      .execute();
  await sql`analyze employers, jobs, trainings, projects`.execute(db);
}
