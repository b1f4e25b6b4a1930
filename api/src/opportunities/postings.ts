import { chinaToday } from '@anju/domain/clock';
import type { PostingStatus } from '@anju/domain/enums';
import { type ExpressionBuilder, sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { coversRegion } from '../access/policy.ts';
import { employerIdOf } from '../access/queries.ts';
import type { Database, Db } from '../db/database.ts';
import { AppError, type FieldProblem, outOfScope } from '../http/problem.ts';
import { discriminatoryPhrase } from './discrimination.ts';

/** The posting indexes (a subset of the synced search indexes). */
export type PostingKind = 'jobs' | 'trainings' | 'projects';
type PostingInput = Record<string, unknown>;

/** 状态: draft → open → filled / closed. */
const transitions: Record<PostingStatus, PostingStatus[]> = {
  draft: ['open', 'closed'],
  open: ['filled', 'closed'],
  filled: ['closed'],
  closed: [],
};

/** Residents and helpers see open postings of verified employers whose deadline has not passed. */
export function publiclyVisible(kind: PostingKind) {
  return (eb: ExpressionBuilder<Database, 'employers' | PostingKind>) =>
    eb.and([
      eb(sql.ref(`${kind}.status`), '=', 'open'),
      eb('employers.verified', '=', true),
      eb.or([eb(sql.ref(`${kind}.deadline`), 'is', null), eb(sql.ref(`${kind}.deadline`), '>=', chinaToday())]),
    ]);
}

/** Who reads drafts and unverified employers' postings: staff, and an employer for its own. */
export function seesEverything(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'worker' || actor.role === 'official';
}

/**
 * 代发布: workers post for small employers (扶贫车间, 合作社, 个体) located in their regions — the
 * sites they serve; an employer with no region recorded is out of every worker's reach.
 */
export async function workerReaches(db: Db, actor: Actor, regionId: string | null): Promise<boolean> {
  if (!regionId) return false;
  const region = await db.selectFrom('regions').select('path').where('id', '=', regionId).executeTakeFirst();
  return Boolean(region && coversRegion(actor, region.path));
}

/**
 * The employer a new posting belongs to. Employers post for themselves; workers post on behalf
 * of small employers at their sites; admins for anyone. Everyone else is refused.
 */
export async function employerForNewPosting(db: Db, actor: Actor, requested: string | undefined): Promise<string> {
  if (actor.role === 'employer') {
    const own = await employerIdOf(db, actor);
    if (!own) throw new AppError('forbidden', 'Register your employer first (POST /api/employers)');
    if (requested && requested !== own) throw new AppError('forbidden', 'Employers post only for themselves');
    return own;
  }
  if (actor.role !== 'admin' && actor.role !== 'worker') {
    throw new AppError('forbidden', `Not available to the ${actor.role} role`);
  }
  if (!requested) {
    throw new AppError('validation', 'employerId is required', {
      errors: [
        { path: 'json.employerId', message: 'required when posting on behalf of an employer', code: 'required' },
      ],
    });
  }
  const employer = await db
    .selectFrom('employers')
    .select(['kind', 'regionId'])
    .where('id', '=', requested)
    .executeTakeFirst();
  if (!employer) {
    throw new AppError('validation', 'Unknown employer', {
      errors: [{ path: 'json.employerId', message: 'no such employer', code: 'not-found' }],
    });
  }
  if (actor.role === 'worker' && employer.kind === 'enterprise') {
    throw new AppError('forbidden', 'Workers post only on behalf of workshops, cooperatives and individuals');
  }
  if (actor.role === 'worker' && !(await workerReaches(db, actor, employer.regionId))) throw outOfScope('employer');
  return requested;
}

/** May the actor change this employer's postings? */
export async function assertManages(db: Db, actor: Actor, employerId: string, kindOfEmployer: string): Promise<void> {
  if (actor.role === 'admin') return;
  if (actor.role === 'worker' && kindOfEmployer !== 'enterprise') {
    const employer = await db
      .selectFrom('employers')
      .select('regionId')
      .where('id', '=', employerId)
      .executeTakeFirst();
    if (await workerReaches(db, actor, employer?.regionId ?? null)) return;
  }
  if (actor.role === 'employer' && (await employerIdOf(db, actor)) === employerId) return;
  if (actor.role === 'employer' || actor.role === 'worker') throw outOfScope('posting');
  throw new AppError('forbidden', `Not available to the ${actor.role} role`);
}

export function assertTransition(from: PostingStatus, to: PostingStatus | undefined): void {
  if (!to || to === from) return;
  if (!transitions[from].includes(to)) {
    throw new AppError('conflict', `A ${from} posting cannot become ${to}`, {
      errors: [
        {
          path: 'json.status',
          message: `allowed from ${from}: ${transitions[from].join(', ') || 'none'}`,
          code: 'not-allowed',
        },
      ],
    });
  }
}

/** Business validation beyond the zod shape; every problem names its field. */
export async function postingProblems(db: Db, kind: PostingKind, input: PostingInput): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  for (const field of ['title', 'description', 'requirements']) {
    const phrase = discriminatoryPhrase(input[field] as string | undefined);
    if (phrase) {
      problems.push({
        path: `json.${field}`,
        message: `不得限定性别或民族（“${phrase}”）: postings may not restrict applicants by gender or ethnicity`,
        code: 'discriminatory',
        params: { phrase },
      });
    }
  }
  const range = (min: string, max: string) => {
    const low = input[min] as number | null | undefined;
    const high = input[max] as number | null | undefined;
    if (low != null && high != null && low > high)
      problems.push({ path: `json.${min}`, message: `must not exceed ${max}`, code: 'range-inverted' });
  };
  range('payMin', 'payMax');
  range('ageMin', 'ageMax');
  range('expectedIncomeMin', 'expectedIncomeMax');
  const deadline = input.deadline as string | null | undefined;
  if (deadline && deadline < chinaToday())
    problems.push({ path: 'json.deadline', message: 'must not be in the past', code: 'in-past' });
  const start = input.startDate as string | null | undefined;
  const end = input.endDate as string | null | undefined;
  if (start && end && end < start)
    problems.push({ path: 'json.endDate', message: 'must not be before startDate', code: 'before-start' });

  const skillLists: [string, string[]][] = [];
  if (Array.isArray(input.requiredSkills))
    skillLists.push(['requiredSkills', (input.requiredSkills as { code: string }[]).map((s) => s.code)]);
  if (Array.isArray(input.skillsTaught))
    skillLists.push(['skillsTaught', (input.skillsTaught as { code: string }[]).map((s) => s.code)]);
  const codes = skillLists.flatMap(([, list]) => list);
  const optional = Array.isArray(input.optionalSkills) ? (input.optionalSkills as string[]) : [];
  const all = [...new Set([...codes, ...optional])];
  if (all.length) {
    const known = new Set(
      (await db.selectFrom('skills').select('code').where('code', 'in', all).execute()).map((row) => row.code),
    );
    for (const [field, list] of skillLists) {
      list.forEach((code, index) => {
        if (!known.has(code))
          problems.push({
            path: `json.${field}.${index}.code`,
            message: `unknown skill code ${code}`,
            code: 'unknown-skill',
          });
      });
    }
    optional.forEach((code, index) => {
      if (!known.has(code))
        problems.push({
          path: `json.optionalSkills.${index}`,
          message: `unknown skill code ${code}`,
          code: 'unknown-skill',
        });
    });
  }
  for (const field of ['shuttleSiteIds', 'siteIds']) {
    const ids = input[field] as string[] | undefined;
    if (!ids?.length) continue;
    const sites = new Set(
      (await db.selectFrom('regions').select('id').where('id', 'in', ids).where('level', '=', 'site').execute()).map(
        (row) => row.id,
      ),
    );
    ids.forEach((siteId, index) => {
      if (!sites.has(siteId))
        problems.push({ path: `json.${field}.${index}`, message: 'not a resettlement site', code: 'not-a-site' });
    });
  }
  if (kind === 'jobs' && input.employmentType === 'labour_export' && !input.destination) {
    problems.push({ path: 'json.destination', message: 'a labour-export job names its destination', code: 'required' });
  }
  return problems;
}

export function throwIfProblems(problems: FieldProblem[]): void {
  if (problems.length) {
    throw new AppError('validation', problems.map((p) => `${p.path}: ${p.message}`).join('; '), { errors: problems });
  }
}

/** Row values from an API input: JSON columns serialised, the employer fixed. */
export function toRowValues(input: PostingInput): Record<string, unknown> {
  const values: Record<string, unknown> = { ...input };
  delete values.employerId;
  for (const field of ['requiredSkills', 'skillsTaught']) {
    if (values[field] !== undefined) values[field] = JSON.stringify(values[field]);
  }
  return values;
}
