import { chinaToday } from '@anju/domain/clock';
import { createRoute, z } from '@hono/zod-openapi';
import { writeAudit } from '../access/audit.ts';
import { maskPhone } from '../access/masking.ts';
import { requireActor } from '../access/middleware.ts';
import { coversRegion, personInScope, requireRole } from '../access/policy.ts';
import type { AppDeps } from '../http/env.ts';
import { AppError, outOfScope } from '../http/problem.ts';
import { json } from '../http/route-parts.ts';
import { createRouter } from '../http/router.ts';
import { ageOrNull, type IncomeSource, loadCandidatePool, loadMatchSubject, unknownIncome } from './load.ts';
import { findPathways } from './pathways.ts';
import { presentMatch, presentPathway, presentReasons } from './present.ts';
import { appliedPersonIds, candidateCards } from './queries.ts';
import { rankCandidates, rankOpportunities } from './rank.ts';
import { candidateListSchema, matchKindQuery, matchListSchema, pathwayListSchema } from './schema.ts';
import type { SkillGraph } from './skill-graph.ts';
import { cachedSkillGraph } from './skill-graph-cache.ts';
import type { OpportunitySource, RetrievalSubject } from './source.ts';
import { defaultWeights } from './weights.ts';

const idParam = z.object({ id: z.string().regex(/^\d{1,18}$/, 'must be a numeric id') });

const matchesRoute = createRoute({
  method: 'get',
  path: '/persons/{id}/matches',
  summary: 'Jobs, courses or projects for a person, best first, each with its reasons (为你推荐)',
  request: { params: idParam, query: matchKindQuery },
  responses: { 200: json(matchListSchema, 'Ranked opportunities'), 404: { description: 'No such person in scope' } },
});

const pathwaysRoute = createRoute({
  method: 'get',
  path: '/persons/{id}/pathways',
  summary: 'The few skills whose learning unlocks the most suitable jobs nearby, with the courses that teach them',
  request: { params: idParam },
  responses: { 200: json(pathwayListSchema, 'Pathways'), 404: { description: 'No such person in scope' } },
});

const candidatesRoute = createRoute({
  method: 'get',
  path: '/jobs/{id}/candidates',
  summary: 'Residents who fit a job and opted in to being seen (or applied), best first, without household income',
  request: { params: idParam, query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
  responses: { 200: json(candidateListSchema, 'Ranked candidates'), 404: { description: 'No such job in scope' } },
});

/** The retrieval radius: the person's commute with its tolerance (labour export is fetched apart). */
const radiusOf = (maxCommuteKm: number | null) =>
  (maxCommuteKm ?? defaultWeights.reach.defaultMaxCommuteKm) * defaultWeights.reach.toleranceFactor;

export function matchingRoutes({ db }: AppDeps, source: OpportunitySource, income: IncomeSource = unknownIncome) {
  const subjectFor = async (personId: string, graph: SkillGraph) => {
    const today = chinaToday();
    const subject = await loadMatchSubject(db, personId, today, income);
    if (!subject) throw new AppError('not-found', 'No such person');
    const retrieval: RetrievalSubject = {
      person: subject.person,
      radiusKm: radiusOf(subject.person.maxCommuteKm),
      today,
      graph,
    };
    return { ...subject, retrieval, today };
  };

  return createRouter()
    .openapi(matchesRoute, async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid('param');
      const { kind, limit } = c.req.valid('query');
      const [, graph] = await Promise.all([personInScope(db, actor, id), cachedSkillGraph(db)]);
      const { person, household, retrieval, today } = await subjectFor(id, graph);
      // Courses are weighed by the jobs they open; projects need no jobs.
      const jobs = kind === 'project' ? [] : await source.jobsFor(db, retrieval);
      const pool =
        kind === 'job'
          ? jobs
          : kind === 'training'
            ? await source.trainingsFor(db, retrieval)
            : await source.projectsFor(db, retrieval);
      const ranked = rankOpportunities(person, household, pool, graph, defaultWeights, { limit, today, jobPool: jobs });
      return c.json({ items: ranked.map(presentMatch) }, 200);
    })
    .openapi(pathwaysRoute, async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid('param');
      const [, graph] = await Promise.all([personInScope(db, actor, id), cachedSkillGraph(db)]);
      const { person, household, retrieval, today } = await subjectFor(id, graph);
      const [jobs, trainings] = await Promise.all([source.jobsFor(db, retrieval), source.trainingsFor(db, retrieval)]);
      const pathways = findPathways(person, household, jobs, trainings, graph, defaultWeights, { today });
      return c.json({ items: pathways.map(presentPathway) }, 200);
    })
    .openapi(candidatesRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'employer', 'worker', 'admin');
      const { id } = c.req.valid('param');
      const { limit } = c.req.valid('query');
      // Independent reads, sent together (one round trip's wait, not four); nothing read is
      // answered before the scope check.
      const [ref, job, graph, appliedIds] = await Promise.all([
        source.ref(db, 'job', id),
        source.job(db, id),
        cachedSkillGraph(db),
        appliedPersonIds(db, id),
      ]);
      if (!ref) throw new AppError('not-found', 'No such job');
      if (actor.role === 'employer' && !ref.ownerUserIds.includes(actor.userId)) throw outOfScope('job');
      if (!job) throw new AppError('not-found', 'No such job');
      const today = chinaToday();
      const pool = await loadCandidatePool(db, job, graph, { today, appliedPersonIds: appliedIds }, income);
      const ranked = rankCandidates(job, pool, graph, defaultWeights, { limit, today });
      const people = ranked.length
        ? await candidateCards(
            db,
            ranked.map((r) => r.personId),
          )
        : [];
      const byId = new Map(people.map((p) => [p.id, p]));
      // A worker posting for a small employer sees the candidates on their own sites.
      const visible = ranked.filter((r) => actor.role !== 'worker' || coversRegion(actor, byId.get(r.personId)!.path));
      const items = visible.map((r) => {
        const p = byId.get(r.personId)!;
        const applied = appliedIds.includes(r.personId);
        return {
          personId: r.personId,
          // Full name once the resident has applied; before that, the surname only (张**).
          name: applied ? p.name : `${p.name.slice(0, 1)}${'*'.repeat(Math.max(1, p.name.length - 1))}`,
          age: ageOrNull(p.birthDate, today),
          site: p.site,
          phone: maskPhone(p.phone),
          score: r.score,
          applied,
          reasons: presentReasons(r.reasons),
        };
      });
      await writeAudit(db, c, {
        action: 'read',
        resourceType: 'job_candidates',
        resourceId: id,
        fields: ['name', 'age', 'site', 'phone(masked)', 'skills'],
        detail: { candidates: items.length },
      });
      return c.json({ items }, 200);
    });
}
