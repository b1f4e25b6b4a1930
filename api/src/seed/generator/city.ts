import { chinaToday } from '@anju/domain/clock';
import { sql } from 'kysely';
import { hashPassword } from '../../access/passwords.ts';
import { inBatchTransaction } from '../../db/database.ts';
import type { AppDeps } from '../../http/env.ts';
import { reindexAll } from '../../search-sync/reindex.ts';
import { ensureSeedSkills } from '../../skills/seed.ts';
import { seedTrackingFacts } from '../../tracking/demo-seed.ts';
import { evaluateAllAlerts } from '../../tracking/evaluate-alerts.ts';
import { DEMO_PASSWORD } from '../access-demo.ts';
import { identityCodec } from './identity.ts';
import { generateOpportunities, type OpportunityScale } from './opportunities.ts';
import { Random } from './random.ts';
import { generateRegistry, type RegistryScale } from './registry.ts';

export interface CityScale extends RegistryScale, OpportunityScale {
  incomeMonths: number;
}

/** `tiny` for smoke runs, `city` shaped like a real relocation city (issue 8), `small`/`small4` in between, `city4` beyond. */
export const cityScales = {
  tiny: {
    counties: 2,
    sites: 6,
    households: 300,
    employers: 30,
    jobs: 300,
    trainings: 40,
    projects: 10,
    incomeMonths: 12,
  },
  /** A tenth of a city and four tenths: the bench's growth pair (issue 23), small enough for a shared machine. */
  small: {
    counties: 2,
    sites: 15,
    households: 5_000,
    employers: 300,
    jobs: 2_000,
    trainings: 200,
    projects: 50,
    incomeMonths: 36,
  },
  small4: {
    counties: 4,
    sites: 60,
    households: 20_000,
    employers: 1_200,
    jobs: 8_000,
    trainings: 800,
    projects: 200,
    incomeMonths: 36,
  },
  city: {
    counties: 8,
    sites: 150,
    households: 50_000,
    employers: 3_000,
    jobs: 20_000,
    trainings: 2_000,
    projects: 500,
    incomeMonths: 36,
  },
  /** Four cities' worth in one (issue 23: how each city figure grows at 4×, toward provincial scale). */
  city4: {
    counties: 32,
    sites: 600,
    households: 200_000,
    employers: 12_000,
    jobs: 80_000,
    trainings: 8_000,
    projects: 2_000,
    incomeMonths: 36,
  },
} satisfies Record<string, CityScale>;
export type CityScaleName = keyof typeof cityScales;

export interface GeneratedCity {
  counts: Record<string, number>;
  /**
   * Accounts with the demo password: a city official, an admin, the worker of the largest site and
   * a resident of that site (a working-age member with a skill, linked to their person).
   */
  logins: { admin: string; official: string; worker: string; resident: string };
  largestSiteCode: string;
  cityCode: string;
}

export type Progress = (step: string, done: number, total: number) => void;

/**
 * A deterministic fictional city: the same seed number gives the same data. Refuses to run on
 * a database that already holds households.
 */
export async function generateCity(
  deps: AppDeps,
  scaleName: CityScaleName,
  options: { seed?: number; onProgress?: Progress } = {},
): Promise<GeneratedCity> {
  const { db } = deps;
  const scale = cityScales[scaleName];
  const progress = options.onProgress ?? (() => undefined);
  if (await db.selectFrom('households').select('id').limit(1).executeTakeFirst()) {
    throw new Error('the database already holds households; generate into an empty one');
  }
  const random = new Random(options.seed ?? 2026);
  const today = new Date(`${chinaToday()}T00:00:00Z`);
  await ensureSeedSkills(db);
  const skillCodes = (await db.selectFrom('skills').select('code').orderBy('code').execute()).map((s) => s.code);

  progress('registry', 0, scale.households);
  const registry = await generateRegistry(db, random, scale, {
    seedDate: today,
    codec: identityCodec(deps.config.dataEncryptionKey),
    skillCodes,
    onProgress: (done, total) => progress('registry', done, total),
  });

  // Accounts: an admin and an official for the city, one worker per site as 帮扶责任人.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const city = await db
    .selectFrom('regions')
    .select('id')
    .where('code', '=', registry.cityCode)
    .executeTakeFirstOrThrow();
  const account = (
    login: string,
    name: string,
    role: 'admin' | 'official' | 'worker' | 'resident',
    regionId: string | null,
  ) =>
    db
      .insertInto('users')
      .values({
        login,
        phone: null,
        name,
        role,
        passwordHash,
        regionId,
        department: null,
        setupCodeHash: null,
        setupCodeExpiresAt: null,
        createdBy: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  await account('city-admin', '市管理员（生成数据）', 'admin', city.id);
  await account('city-official', '市乡村振兴局（生成数据）', 'official', city.id);
  const sizes = await db
    .selectFrom('households')
    .innerJoin('regions', 'regions.id', 'households.siteId')
    .select(['regions.id', 'regions.code', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['regions.id', 'regions.code'])
    .orderBy('n', 'desc')
    .execute();
  for (const [index, site] of sizes.entries()) {
    const worker = await account(
      index === 0 ? 'city-worker' : `worker-${site.code}`,
      `网格员${index + 1}`,
      'worker',
      null,
    );
    await db.insertInto('userRegions').values({ userId: worker.id, regionId: site.id }).execute();
    await db.updateTable('households').set({ responsibleWorkerId: worker.id }).where('siteId', '=', site.id).execute();
  }

  // The resident: the first working-age member with full labour capacity and a skill at the largest site.
  const resident = await db
    .selectFrom('persons')
    .innerJoin('households', 'households.id', 'persons.householdId')
    .select('persons.id')
    .where('households.siteId', '=', sizes[0].id)
    .where('persons.laborCapacity', '=', 'full')
    .where('persons.birthDate', '>', `${Number(chinaToday().slice(0, 4)) - 50}-01-01`)
    .where('persons.birthDate', '<', `${Number(chinaToday().slice(0, 4)) - 20}-01-01`)
    .where((eb) => eb.exists(eb.selectFrom('personSkills').select('personId').whereRef('personId', '=', 'persons.id')))
    .orderBy('persons.id')
    .limit(1)
    .executeTakeFirst()
    // Failing that (a tiny city), anyone of the largest site.
    .then(
      (found) =>
        found ??
        db
          .selectFrom('persons')
          .innerJoin('households', 'households.id', 'persons.householdId')
          .select('persons.id')
          .where('households.siteId', '=', sizes[0].id)
          .orderBy('persons.id')
          .limit(1)
          .executeTakeFirstOrThrow(),
    );
  const residentUser = await account('city-resident', '搬迁群众（生成数据）', 'resident', null);
  await db
    .updateTable('users')
    .set({ personId: resident.id, homeSiteId: sizes[0].id })
    .where('id', '=', residentUser.id)
    .execute();

  progress('opportunities', 0, scale.jobs);
  await generateOpportunities(db, random, scale, registry, today);

  progress('tracking', 0, scale.incomeMonths);
  await db
    .insertInto('monitoringLines')
    .values([
      { regionCode: registry.cityCode.slice(0, 2), level: 'province', year: 2023, amountYuan: 8050, note: '生成数据' },
      { regionCode: registry.cityCode.slice(0, 2), level: 'province', year: 2025, amountYuan: 8700, note: '生成数据' },
    ])
    .execute();
  // The household summaries fill themselves from these inserts (statement-level triggers).
  await inBatchTransaction(db, (trx) => seedTrackingFacts(trx, { months: scale.incomeMonths, today: chinaToday() }));
  // At city scale ANALYZE outlasts the request-sized statement timeout.
  await inBatchTransaction(db, (trx) => sql`analyze`.execute(trx));
  progress('alerts', 0, 1);
  await evaluateAllAlerts(deps);

  progress('search', 0, 1);
  await reindexAll(deps);

  const count = async (table: 'households' | 'persons' | 'jobs' | 'incomeRecords' | 'alerts' | 'visits') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    counts: {
      sites: registry.sites.length,
      households: await count('households'),
      persons: await count('persons'),
      jobs: await count('jobs'),
      incomeRecords: await count('incomeRecords'),
      visits: await count('visits'),
      alerts: await count('alerts'),
    },
    logins: { admin: 'city-admin', official: 'city-official', worker: 'city-worker', resident: 'city-resident' },
    largestSiteCode: sizes[0].code,
    cityCode: registry.cityCode,
  };
}
