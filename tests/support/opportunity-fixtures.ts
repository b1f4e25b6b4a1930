import { randomInt } from 'node:crypto';
import { creditCodeCheckChar } from '@anju/domain/credit-code';
import { drainOutbox } from '../../api/src/search-sync/worker.ts';
import { ensureSeedSkills } from '../../api/src/skills/seed.ts';
import { applySkillSynonyms } from '../../api/src/skills/synonyms.ts';
import type { TestContext } from './context.ts';

const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A random 统一社会信用代码 with a correct check character. */
export function makeCreditCode(): string {
  let body = '91';
  for (let i = 0; i < 15; i++) body += alphabet[randomInt(10)];
  return body + creditCodeCheckChar(body);
}

/** The seeded taxonomy and its synonyms, as the platform loads them at start. */
export async function seedTaxonomy(ctx: TestContext): Promise<void> {
  await ensureSeedSkills(ctx.db);
  await applySkillSynonyms(ctx.db, ctx.search);
}

export async function createEmployer(
  ctx: TestContext,
  options: {
    name?: string;
    kind?: 'enterprise' | 'workshop' | 'cooperative' | 'individual';
    verified?: boolean;
    lat?: number;
    lng?: number;
    phone?: string;
    /** Where it is (a site or county region id): workers post for small employers at their sites. */
    regionId?: string;
  } = {},
) {
  return ctx.db
    .insertInto('employers')
    .values({
      name: options.name ?? `测试企业${randomInt(100000)}`,
      kind: options.kind ?? 'enterprise',
      creditCode: makeCreditCode(),
      contactName: '联系人',
      contactPhone: options.phone ?? '13912345678',
      address: null,
      lat: options.lat ?? 26.58,
      lng: options.lng ?? 106.71,
      regionId: options.regionId ?? null,
      verified: options.verified ?? true,
      verifiedAt: null,
      verifiedBy: null,
      createdBy: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function linkEmployerAccount(ctx: TestContext, userId: string, employerId: string) {
  await ctx.db.updateTable('users').set({ employerId }).where('id', '=', userId).execute();
}

/** Makes indexing deterministic: drains the outbox (retry delays included) before asserting. */
export function drain(ctx: TestContext) {
  return drainOutbox(ctx.deps, { includeDelayed: true });
}

const inAWeek = () => new Date(Date.now() + 7 * 86400_000).toISOString().slice(0, 10);

export function jobBody(overrides: Record<string, unknown> = {}) {
  return {
    title: '缝纫工',
    description: '服装厂招缝纫工，计件工资',
    requiredSkills: [{ code: 'garment.sewing', minLevel: 1 }],
    payMin: 3000,
    payMax: 5000,
    payUnit: 'month',
    payFrequency: 'monthly',
    employmentType: 'full_time',
    deadline: inAWeek(),
    status: 'open',
    ...overrides,
  };
}
