import { chinaToday } from '@anju/domain/clock';
import { type SqlBool, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { SkillTaught, SkillRequirement as StoredRequirement } from '../opportunities/opportunities.tables.ts';
import { summaryPerCapitaOf } from '../tracking/summaries.ts';
import { DEFAULT_PHYSICAL_DEMAND, jobColumns, jobRow, location, num, parseJson } from './job-rows.ts';
import type { IncomeSource } from './load.ts';
import { openJobs } from './open-jobs.ts';
import type { OpportunityRef, OpportunitySource, RetrievalSubject } from './source.ts';
import type { MatchProject, MatchTraining, OpportunityKind, ParticipationMode } from './types.ts';

/**
 * The opportunity tables (岗位, 培训, 产业项目) as matching sees them. Open postings of verified
 * employers only. Jobs — up to 100k open — are retrieved from the process's open-jobs index
 * (open-jobs.ts); courses and projects, far fewer, in SQL: within a bounding box of the person's
 * reach (then haversine), or run on their site. Scoring then happens in code.
 */

/** The most rows retrieval hands to scoring: plenty for a top, cheap to score. */
const RETRIEVAL_LIMIT = 3000;
const KM_PER_DEGREE_LAT = 111.32;

/** 务工 wage work and 承包 contracting are work; 入股分红 shareholding is a dividend. */
const participationOf = (modes: string[]): ParticipationMode[] => {
  const mapped = new Set<ParticipationMode>();
  for (const mode of modes) mapped.add(mode === 'shareholding' ? 'dividend' : 'full_time');
  return mapped.size ? [...mapped] : ['full_time'];
};

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

type Posting = 'jobs' | 'trainings' | 'projects';

/** The posting's place is within `radiusKm` of the point: a bounding box (indexable), then haversine. */
function withinReach(table: Posting, subject: RetrievalSubject) {
  const at = subject.person.siteLocation;
  if (!at) return sql<SqlBool>`false`;
  const dLat = subject.radiusKm / KM_PER_DEGREE_LAT;
  const dLng = subject.radiusKm / (KM_PER_DEGREE_LAT * Math.max(0.01, Math.cos((at.lat * Math.PI) / 180)));
  const lat = sql.ref(`${table}.lat`);
  const lng = sql.ref(`${table}.lng`);
  return sql<SqlBool>`(${lat} between ${at.lat - dLat}::float8 and ${at.lat + dLat}::float8
    and ${lng} between ${at.lng - dLng}::float8 and ${at.lng + dLng}::float8
    and 6371 * 2 * asin(least(1, sqrt(power(sin(radians(${lat} - ${at.lat}::float8) / 2), 2)
      + cos(radians(${at.lat}::float8)) * cos(radians(${lat}))
      * power(sin(radians(${lng} - ${at.lng}::float8) / 2), 2)))) <= ${subject.radiusKm}::float8)`;
}

const openPosting = (table: Posting, today: string) =>
  sql<SqlBool>`${sql.ref(`${table}.status`)} = 'open' and (${sql.ref(`${table}.deadline`)} is null or ${sql.ref(`${table}.deadline`)} >= ${today}::date)`;

export function tableOpportunitySource(): OpportunitySource {
  return {
    async jobsFor(db, subject) {
      return (await openJobs(db)).retrieve(subject);
    },

    async trainingsFor(db, subject) {
      const rows = await db
        .selectFrom('trainings')
        .innerJoin('employers', 'employers.id', 'trainings.employerId')
        .select((eb) => [
          'trainings.id',
          'trainings.title',
          'trainings.lat',
          'trainings.lng',
          'trainings.deadline',
          'trainings.skillsTaught',
          'trainings.certificate',
          'trainings.startDate',
          'trainings.endDate',
          'trainings.seats',
          'trainings.cost',
          'trainings.subsidyEligible',
          'trainings.childcare',
          eb
            .selectFrom('applications')
            .select((a) => a.fn.countAll<string>().as('n'))
            .where('applications.kind', '=', 'training')
            .whereRef('applications.opportunityId', '=', 'trainings.id')
            .where('applications.state', 'in', ['enrolled', 'attending'])
            .as('taken'),
        ])
        .where('employers.verified', '=', true)
        .where(openPosting('trainings', subject.today))
        .where((eb) => eb.or([eb('trainings.startDate', 'is', null), eb('trainings.startDate', '>=', subject.today)]))
        .where((eb) => eb.or([eb('trainings.lat', 'is', null), withinReach('trainings', subject)]))
        .orderBy('trainings.startDate')
        .limit(RETRIEVAL_LIMIT)
        .execute();
      return rows.map(
        (row): MatchTraining => ({
          kind: 'training',
          id: row.id,
          title: row.title,
          location: location(row.lat, row.lng),
          shuttleSiteIds: [],
          minAge: null,
          maxAge: null,
          physicalDemand: 'light',
          deadline: row.deadline,
          requiredSkills: [],
          skillsTaught: parseJson<SkillTaught[]>(row.skillsTaught).map((s) => ({
            code: s.code,
            levelReached: s.level ?? 1,
          })),
          durationDays: row.startDate && row.endDate ? Math.max(1, daysBetween(row.startDate, row.endDate) + 1) : 1,
          subsidised: row.subsidyEligible || Number(row.cost) === 0,
          certificate: row.certificate !== null,
          childcare: row.childcare,
          seatsLeft: Math.max(0, row.seats - Number(row.taken ?? 0)),
          startDate: row.startDate ?? subject.today,
          workMode: 'full_time',
        }),
      );
    },

    async projectsFor(db, subject) {
      const rows = await db
        .selectFrom('projects')
        .innerJoin('employers', 'employers.id', 'projects.employerId')
        .select([
          'projects.id',
          'projects.title',
          'projects.lat',
          'projects.lng',
          'projects.deadline',
          'projects.requiredSkills',
          'projects.participationModes',
          'projects.expectedIncomeMin',
          'projects.expectedIncomeMax',
          'projects.incomeUnit',
          'projects.startDate',
          'projects.siteIds',
        ])
        .where('employers.verified', '=', true)
        .where(openPosting('projects', subject.today))
        .where((eb) =>
          eb.or([
            eb(sql.val(subject.person.siteId), '=', sql<string>`any(${sql.ref('projects.siteIds')})`),
            withinReach('projects', subject),
          ]),
        )
        .limit(RETRIEVAL_LIMIT)
        .execute();
      return rows.map((row): MatchProject => {
        const low = num(row.expectedIncomeMin) ?? num(row.expectedIncomeMax);
        const high = num(row.expectedIncomeMax) ?? low;
        const mean = low === null || high === null ? null : (low + high) / 2;
        const onSite = row.siteIds.map(String).includes(subject.person.siteId);
        return {
          kind: 'project',
          id: row.id,
          title: row.title,
          // A project run on the person's own site is as near as can be.
          location: onSite ? subject.person.siteLocation : location(row.lat, row.lng),
          shuttleSiteIds: [],
          minAge: null,
          maxAge: null,
          physicalDemand: DEFAULT_PHYSICAL_DEMAND,
          deadline: row.deadline,
          skillsNeeded: parseJson<StoredRequirement[]>(row.requiredSkills).map((s) => ({
            code: s.code,
            minLevel: s.minLevel ?? 1,
          })),
          participationModes: participationOf(row.participationModes),
          expectedMonthlyIncome: mean === null ? null : Math.round(row.incomeUnit === 'year' ? mean / 12 : mean),
          startDate: row.startDate,
        };
      });
    },

    async job(db, id) {
      const row = await db.selectFrom('jobs').select(jobColumns).where('jobs.id', '=', id).executeTakeFirst();
      return row ? jobRow(row) : undefined;
    },

    async ref(db, kind, id): Promise<OpportunityRef | undefined> {
      const today = chinaToday();
      const table = tableOf(kind);
      // One statement: the posting, its employer's accounts and what its kind adds.
      const row = await db
        .selectFrom(table)
        .innerJoin('employers', 'employers.id', `${table}.employerId` as 'jobs.employerId')
        .select([
          `${table}.id as id` as 'jobs.id',
          `${table}.title as title` as 'jobs.title',
          'employers.verified',
          sql<boolean>`${openPosting(table, today)}`.as('open'),
          sql<string[]>`array(select users.id::text from users where users.employer_id = employers.id)`.as(
            'ownerUserIds',
          ),
          sql<string | null>`${kind === 'job' ? sql`jobs.employment_type` : sql`null`}`.as('employmentType'),
          sql<unknown>`${kind === 'training' ? sql`trainings.skills_taught` : sql`null`}`.as('skillsTaught'),
        ])
        .where(`${table}.id` as 'jobs.id', '=', id)
        .executeTakeFirst();
      if (!row) return undefined;
      const ref: OpportunityRef = {
        id: row.id,
        kind,
        title: row.title,
        open: row.open && row.verified,
        ownerUserIds: row.ownerUserIds,
      };
      if (kind === 'job') ref.labourExport = row.employmentType === 'labour_export';
      if (kind === 'training') {
        ref.skillsTaught = parseJson<SkillTaught[]>(row.skillsTaught).map((s) => ({
          code: s.code,
          level: s.level ?? 1,
        }));
      }
      return ref;
    },

    async ownedBy(db, userId, kind) {
      const table = tableOf(kind);
      const rows = await db
        .selectFrom(table)
        .innerJoin('users', 'users.employerId', `${table}.employerId` as 'jobs.employerId')
        .select(`${table}.id as id` as 'jobs.id')
        .where('users.id', '=', userId)
        .execute();
      return rows.map((r) => r.id);
    },
  };
}

const tableOf = (kind: OpportunityKind): Posting =>
  kind === 'job' ? 'jobs' : kind === 'training' ? 'trainings' : 'projects';

/** 人均纯收入 over the last 12 months and the 监测线 in force, from income tracking. */
export function trackedIncome(db: Db): IncomeSource {
  return async (householdIds) => {
    const today = chinaToday();
    const rows = await summaryPerCapitaOf(db, householdIds, today);
    return new Map(
      rows.map((row) => [row.householdId, { perCapitaAnnualIncome: row.perCapitaNetIncome, monitoringLine: row.line }]),
    );
  };
}
