import type { Role } from '@anju/domain/enums';
import { hashPassword } from '../access/passwords.ts';
import type { AppDeps } from '../http/env.ts';
import { insertRegion, type NewRegion } from '../regions/queries.ts';

export const DEMO_PASSWORD = 'anju-demo-2026';

/** A clearly fictional city (codes in the unused 5299xx range). */
export const demoRegions: NewRegion[] = [
  { code: '529900', name: '安居示范市', level: 'city' },
  { code: '529901', name: '青山县', level: 'county', parentCode: '529900' },
  { code: '529902', name: '绿水县', level: 'county', parentCode: '529900' },
  { code: '529901001', name: '青山镇', level: 'township', parentCode: '529901' },
  { code: '529902001', name: '绿水镇', level: 'township', parentCode: '529902' },
  { code: '529901001001', name: '幸福家园安置点', level: 'site', parentCode: '529901001' },
  { code: '529901001002', name: '阳光社区安置点', level: 'site', parentCode: '529901001' },
  { code: '529902001001', name: '绿水新村安置点', level: 'site', parentCode: '529902001' },
];

interface DemoAccount {
  login: string;
  name: string;
  role: Role;
  phone?: string;
  regionCode?: string;
  department?: string;
  assignedRegionCodes?: string[];
}

export const demoAccounts: DemoAccount[] = [
  { login: 'demo-admin', name: '系统管理员（演示）', role: 'admin', regionCode: '529900' },
  {
    login: 'demo-official',
    name: '李局长（演示）',
    role: 'official',
    regionCode: '529900',
    department: 'rural_revitalization',
  },
  {
    login: 'demo-worker',
    name: '王网格员（演示）',
    role: 'worker',
    assignedRegionCodes: ['529901001001', '529901001002'],
  },
  // 乡镇审核 and 县级审批 of the workflows (帮扶流程) are taken by officials of that level.
  { login: 'demo-township', name: '陈审核员（青山镇，演示）', role: 'official', regionCode: '529901001' },
  {
    login: 'demo-county',
    name: '刘科长（青山县民政，演示）',
    role: 'official',
    regionCode: '529901',
    department: '民政',
  },
  { login: 'demo-helper', name: '赵帮扶干部（演示）', role: 'helper', assignedRegionCodes: ['529901001001'] },
  { login: 'demo-employer', name: '青山扶贫车间（演示）', role: 'employer' },
  { login: 'demo-resident', name: '张三（演示）', role: 'resident', phone: '13800000001' },
];

/** Regions and one account per role, on an empty database only. */
export async function seedDemoAccess({ db, logger }: AppDeps): Promise<void> {
  const existing = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (existing) return;
  await db.transaction().execute(async (trx) => {
    for (const region of demoRegions) {
      const found = await trx.selectFrom('regions').select('id').where('code', '=', region.code).executeTakeFirst();
      if (!found) await insertRegion(trx, region);
    }
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const account of demoAccounts) {
      const region = account.regionCode
        ? await trx.selectFrom('regions').select('id').where('code', '=', account.regionCode).executeTakeFirstOrThrow()
        : undefined;
      const user = await trx
        .insertInto('users')
        .values({
          login: account.login,
          phone: account.phone ?? null,
          name: account.name,
          role: account.role,
          passwordHash,
          regionId: region?.id ?? null,
          department: account.department ?? null,
          setupCodeHash: null,
          setupCodeExpiresAt: null,
          createdBy: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const code of account.assignedRegionCodes ?? []) {
        const site = await trx.selectFrom('regions').select('id').where('code', '=', code).executeTakeFirstOrThrow();
        await trx.insertInto('userRegions').values({ userId: user.id, regionId: site.id }).execute();
      }
    }
  });
  logger.warn('demo accounts created (DEMO ONLY, never in production)');
  console.log(
    `\n  DEMO ONLY: accounts ${demoAccounts.map((a) => a.login).join(', ')}\n  all with the password ${DEMO_PASSWORD}\n`,
  );
}
