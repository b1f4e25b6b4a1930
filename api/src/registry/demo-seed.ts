import type { EducationLevel, EmploymentStatus, LaborCapacity, MonitoringCategory, Relation } from '@anju/domain/enums';
import { makeIdNumber } from '@anju/domain/id-number';
import type { AppDeps } from '../http/env.ts';
import { recordHistory } from './history.ts';
import { sealIdNumber } from './id-number.ts';
import { enqueueResidents } from './resident-search.ts';

const siteFacts = [
  {
    code: '529901001001',
    kind: 'concentrated',
    setting: 'urban',
    address: '青山县青山镇幸福大道 88 号',
    lat: 26.58,
    lng: 106.71,
    capacityHouseholds: 1200,
    facilities: ['school', 'clinic', 'workshop', 'job_service_point'],
  },
  {
    code: '529901001002',
    kind: 'concentrated',
    setting: 'urban',
    address: '青山县青山镇阳光路 16 号',
    lat: 26.6,
    lng: 106.74,
    capacityHouseholds: 600,
    facilities: ['kindergarten', 'clinic', 'job_service_point'],
  },
  {
    code: '529902001001',
    kind: 'scattered',
    setting: 'rural',
    address: '绿水县绿水镇新村组',
    lat: 26.41,
    lng: 106.52,
    capacityHouseholds: 300,
    facilities: ['workshop', 'elderly_care'],
  },
] as const;

const surnames = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '吴', '罗', '龙', '杨', '石', '吴', '潘'];
const given = ['明', '芳', '军', '霞', '强', '丽', '勇', '梅', '华', '兰', '平', '英', '涛', '燕', '成', '秀'];

/** A small deterministic generator, so the demo is the same on every machine. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** Demo registry (DEMO ONLY): site facts, ~40 households with plausible members, fictional 5299xx ID numbers. */
export async function seedDemoRegistry(deps: AppDeps): Promise<void> {
  const { db, config } = deps;
  if (await db.selectFrom('households').select('id').limit(1).executeTakeFirst()) return;
  const sites = await db
    .selectFrom('regions')
    .select(['id', 'code', 'countyCode'])
    .where(
      'code',
      'in',
      siteFacts.map((s) => s.code),
    )
    .execute();
  if (sites.length === 0) return;
  const users = await db
    .selectFrom('users')
    .select(['id', 'login'])
    .where('login', 'in', ['demo-worker', 'demo-helper', 'demo-resident'])
    .execute();
  const userId = (login: string) => users.find((u) => u.login === login)?.id ?? null;
  const next = random(2026);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const personIds: string[] = [];
  await db.transaction().execute(async (trx) => {
    for (const { code, ...facts } of siteFacts) {
      const site = sites.find((s) => s.code === code);
      if (site) {
        await trx
          .insertInto('sites')
          .values({ regionId: site.id, ...facts, facilities: [...facts.facilities] })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    }
    let sequence = 1;
    for (let n = 1; n <= 40; n++) {
      const site = sites[n % sites.length];
      const onWorkerSites = site.code.startsWith('529901');
      const household = await trx
        .insertInto('households')
        .values({
          householdNumber: `DEMO-${String(n).padStart(4, '0')}`,
          countyCode: site.countyCode as string,
          siteId: site.id,
          building: String(1 + (n % 8)),
          unit: String(1 + (n % 3)),
          room: `${1 + (n % 6)}0${1 + (n % 4)}`,
          originCounty: pick(['青山县', '绿水县']),
          originTownship: pick(['高坡乡', '石门乡', '云岭镇']),
          originVillage: pick(['岩脚村', '大寨村', '坪上村', '新寨村']),
          relocationDate: `201${7 + (n % 3)}-0${1 + (n % 9)}-15`,
          monitoringCategory: pick<MonitoringCategory>([
            'none',
            'none',
            'none',
            'unstable',
            'marginal',
            'sudden_hardship',
          ]),
          responsibleWorkerId: onWorkerSites && n % 7 !== 0 ? userId('demo-worker') : null,
        })
        .returning(['id', 'countyCode'])
        .executeTakeFirstOrThrow();
      const surname = n === 1 ? '张' : pick(surnames);
      const headYear = 1960 + Math.floor(next() * 30);
      const members: { name: string; relation: Relation; birth: string; sex: 'male' | 'female' }[] = [
        {
          name: n === 1 ? '张三' : `${surname}${pick(given)}${pick(given)}`,
          relation: 'head',
          birth: `${headYear}-0${1 + (n % 9)}-1${n % 10}`,
          sex: 'male',
        },
        {
          name: `${pick(surnames)}${pick(given)}`,
          relation: 'spouse',
          birth: `${headYear + 2}-1${n % 3}-0${1 + (n % 9)}`,
          sex: 'female',
        },
      ];
      const children = Math.floor(next() * 3);
      for (let c = 0; c < children; c++) {
        members.push({
          name: `${surname}${pick(given)}${pick(given)}`,
          relation: 'child',
          birth: `${headYear + 22 + c * 3}-0${1 + c}-2${c}`,
          sex: c % 2 === 0 ? 'male' : 'female',
        });
      }
      if (next() < 0.3)
        members.push({
          name: `${surname}${pick(given)}`,
          relation: 'parent',
          birth: `${headYear - 26}-05-05`,
          sex: 'female',
        });
      for (const member of members) {
        // Odd sequence = male, even = female (GB 11643).
        const seq = ((sequence++ * 2) % 998) + (member.sex === 'male' ? 1 : 2);
        const idNumber = makeIdNumber(site.code.slice(0, 6), member.birth, seq);
        const age = 2026 - Number(member.birth.slice(0, 4));
        const laborCapacity: LaborCapacity =
          age < 16 || age > 70 ? 'none' : age > 60 ? 'weak' : pick(['full', 'full', 'full', 'weak']);
        const employmentStatus: EmploymentStatus =
          laborCapacity === 'none'
            ? 'not_seeking'
            : pick([
                'employed_local',
                'labour_export',
                'flexible',
                'public_welfare',
                'self_employed',
                'unemployed_seeking',
              ]);
        const education: EducationLevel | null =
          age < 6 ? null : pick(['none', 'primary', 'junior', 'junior', 'senior', 'vocational']);
        const person = await trx
          .insertInto('persons')
          .values({
            householdId: household.id,
            countyCode: household.countyCode,
            name: member.name,
            ...sealIdNumber(config.dataEncryptionKey, idNumber),
            birthDate: member.birth,
            sex: member.sex,
            phone:
              n === 1 && member.relation === 'head'
                ? '13800000001'
                : age >= 18
                  ? `139${String(10000000 + n * 1000 + sequence).slice(0, 8)}`
                  : null,
            relation: member.relation,
            education,
            laborCapacity,
            healthNotesEncrypted: null,
            employmentStatus,
            maxCommuteKm: laborCapacity === 'none' ? null : pick([5, 10, 20, 50]),
            workModes: laborCapacity === 'none' ? [] : [pick(['full_time', 'part_time', 'piecework_home'] as const)],
            willingToWorkAway: employmentStatus === 'labour_export',
            hasCareDuties: member.relation === 'spouse' && children > 0,
            // A carer with children at the site's school works inside the site in school hours (issue 18).
            ...(member.relation === 'spouse' && children > 0 && laborCapacity !== 'none'
              ? { availableWhere: 'site' as const, availableHours: ['school_hours', 'part_time_morning'] }
              : {}),
          })
          .returning(['id'])
          .executeTakeFirstOrThrow();
        personIds.push(person.id);
        await recordHistory(trx, [
          {
            countyCode: household.countyCode,
            householdId: household.id,
            personId: person.id,
            attribute: 'employment_status',
            value: employmentStatus,
            validFrom: '2026-01-01',
            recordedBy: null,
          },
          {
            countyCode: household.countyCode,
            householdId: household.id,
            personId: person.id,
            attribute: 'labor_capacity',
            value: laborCapacity,
            validFrom: '2026-01-01',
            recordedBy: null,
          },
        ]);
        if (n === 1 && member.relation === 'head' && userId('demo-resident')) {
          await trx
            .updateTable('users')
            .set({ personId: person.id })
            .where('id', '=', userId('demo-resident') as string)
            .execute();
        }
      }
      if (n <= 9 && site.code === '529901001001' && userId('demo-helper')) {
        await trx
          .insertInto('helperAssignments')
          .values({
            userId: userId('demo-helper') as string,
            householdId: household.id,
            countyCode: household.countyCode,
          })
          .execute();
      }
    }
    await enqueueResidents(trx, personIds);
  });
  deps.logger.warn({ households: 40, persons: personIds.length }, 'demo registry created (DEMO ONLY)');
}
