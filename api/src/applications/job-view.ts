import { chinaToday } from '@anju/domain/clock';
import { distanceKm } from '@anju/domain/geo';
import type { Actor } from '../access/actor.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../http/problem.ts';
import { jobColumns, jobRow } from '../matching/job-rows.ts';
import { type IncomeSource, loadMatchSubject } from '../matching/load.ts';
import { findPathways } from '../matching/pathways.ts';
import { monthlyPay } from '../matching/pay.ts';
import { presentPathway, presentReasons } from '../matching/present.ts';
import { scoreOpportunity } from '../matching/score.ts';
import { cachedSkillGraph } from '../matching/skill-graph-cache.ts';
import type { OpportunitySource } from '../matching/source.ts';
import { defaultWeights } from '../matching/weights.ts';
import { publiclyVisible, seesEverything } from '../opportunities/postings.ts';

/** How far to look for courses: the person's commute with its tolerance, as matching retrieves. */
const courseRadiusKm = (maxCommuteKm: number | null) =>
  (maxCommuteKm ?? defaultWeights.reach.defaultMaxCommuteKm) * defaultWeights.reach.toleranceFactor;

/** What a person reads about a job beyond what matching weighs: words, hours, the employer. */
function loadJob(db: Db, actor: Actor, jobId: string) {
  let query = db
    .selectFrom('jobs')
    .innerJoin('employers', 'employers.id', 'jobs.employerId')
    .select(jobColumns)
    .select([
      'jobs.description',
      'jobs.requirements',
      'jobs.address',
      'jobs.status',
      'jobs.hours',
      'jobs.shifts',
      'jobs.headcount',
      'jobs.payFrequency',
      'jobs.destination',
      'jobs.shuttleSiteIds as shuttleSiteIdList',
      'employers.name as employerName',
      'employers.kind as employerKind',
    ])
    .where('jobs.id', '=', jobId);
  // Residents and helpers read open postings of verified employers only; staff read every posting.
  if (!seesEverything(actor)) query = query.where(publiclyVisible('jobs'));
  return query.executeTakeFirst();
}

/**
 * 岗位详情 as one person sees it: the job in plain terms (pay a month, hours, place, what it asks),
 * how far it lies from the person's site and whether a shuttle runs from there, matching's reasons
 * for this person × this job (what fits, what is lacking), the courses that close the gap, and the
 * person's application to it if there is one. The caller has already checked the person is in scope.
 */
export async function jobViewFor(
  db: Db,
  actor: Actor,
  source: OpportunitySource,
  income: IncomeSource,
  personId: string,
  jobId: string,
) {
  const today = chinaToday();
  const [row, graph, subject] = await Promise.all([
    loadJob(db, actor, jobId),
    cachedSkillGraph(db),
    loadMatchSubject(db, personId, today, income),
  ]);
  if (!row) throw new AppError('not-found', 'No such job');
  if (!subject) throw new AppError('not-found', 'No such person');
  const { person, household } = subject;
  const job = jobRow(row);
  const result = scoreOpportunity(person, household, job, graph, defaultWeights, { today });
  const reasons = presentReasons(result.reasons);
  const lacking = result.reasons.some((r) => r.polarity === 'minus');
  // The courses that teach what is lacking: matching's pathways, over this one job.
  const pathways = lacking
    ? findPathways(
        person,
        household,
        [job],
        await source.trainingsFor(db, { person, radiusKm: courseRadiusKm(person.maxCommuteKm), today, graph }),
        graph,
        defaultWeights,
        { today },
      ).filter((pathway) => pathway.jobIds.includes(job.id))
    : [];
  const siteIds = [person.siteId, ...row.shuttleSiteIdList];
  const [sites, application] = await Promise.all([
    db.selectFrom('regions').select(['id', 'name']).where('id', 'in', siteIds).execute(),
    db
      .selectFrom('applications')
      .select(['id', 'state', 'createdAt'])
      .where('kind', '=', 'job')
      .where('opportunityId', '=', job.id)
      .where('personId', '=', person.id)
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst(),
  ]);
  const siteName = new Map(sites.map((s) => [s.id, s.name]));
  const skill = (code: string) => ({ code, nameZh: graph.nameZh(code), nameEn: graph.nameEn(code) });
  return {
    personId: person.id,
    job: {
      id: job.id,
      title: job.title,
      employerName: row.employerName,
      employerKind: row.employerKind,
      description: row.description,
      requirements: row.requirements,
      status: row.status,
      employmentType: row.employmentType,
      headcount: row.headcount,
      hours: row.hours,
      shifts: row.shifts,
      startDate: job.startDate,
      deadline: job.deadline,
      pay:
        row.payMin === null
          ? null
          : { min: Number(row.payMin), max: Number(row.payMax ?? row.payMin), unit: row.payUnit },
      /** Piece and day rates turned into money a month (matching's estimate). */
      monthlyPay: monthlyPay(job.pay, defaultWeights),
      payFrequency: row.payFrequency,
      accommodation: job.accommodation,
      destination: row.destination,
      minAge: job.minAge,
      maxAge: job.maxAge,
      physicalDemand: row.physicalDemand,
      requiredSkills: job.requiredSkills.map((s) => ({ ...skill(s.code), minLevel: s.minLevel })),
      optionalSkills: job.optionalSkills.map((s) => skill(s.code)),
    },
    place: {
      address: row.address,
      homeSite: siteName.get(person.siteId) ?? null,
      distanceKm:
        person.siteLocation && job.location
          ? Math.round(distanceKm(person.siteLocation, job.location) * 10) / 10
          : null,
      shuttleFromHome: job.shuttleSiteIds.includes(person.siteId),
      shuttleSites: row.shuttleSiteIdList.map((id) => siteName.get(id)).filter((name): name is string => Boolean(name)),
    },
    fit: {
      excluded: result.excluded,
      score: result.excluded ? null : result.score,
      suitable: !result.excluded && result.score >= defaultWeights.suitableScore,
      /** 为什么适合我 */
      fits: reasons.filter((r) => r.polarity !== 'minus'),
      /** 我还差什么 */
      lacks: reasons.filter((r) => r.polarity === 'minus'),
    },
    pathways: pathways.map(presentPathway),
    application: application
      ? { id: application.id, state: application.state, createdAt: application.createdAt.toISOString() }
      : null,
  };
}
