import { chinaToday } from '@anju/domain/clock';
import { type Reason, reason } from './reasons.ts';
import { type ScoreContext, scoreOpportunity } from './score.ts';
import type { SkillGraph } from './skill-graph.ts';
import type {
  MatchHousehold,
  MatchJob,
  MatchOpportunity,
  MatchPerson,
  MatchTraining,
  OpportunityKind,
} from './types.ts';
import { jobsUnlockedByCourses } from './unlock.ts';
import { defaultWeights, type MatchWeights } from './weights.ts';

export interface RankedOpportunity {
  opportunity: MatchOpportunity;
  score: number;
  reasons: Reason[];
}

export interface RankOptions {
  limit?: number;
  kind?: OpportunityKind;
  today?: string;
  /** Jobs used to judge what a course opens, when `opportunities` holds no jobs (kind=training). */
  jobPool?: MatchJob[];
}

/** The person's best opportunities, best first; removed ones never appear. */
export function rankOpportunities(
  person: MatchPerson,
  household: MatchHousehold,
  opportunities: readonly MatchOpportunity[],
  graph: SkillGraph,
  weights: MatchWeights = defaultWeights,
  options: RankOptions = {},
): RankedOpportunity[] {
  const today = options.today ?? chinaToday();
  const pool = options.kind ? opportunities.filter((o) => o.kind === options.kind) : opportunities;
  const jobs = options.jobPool ?? opportunities.filter((o): o is MatchJob => o.kind === 'job');
  const trainings = pool.filter((o): o is MatchTraining => o.kind === 'training');
  const context: ScoreContext = {
    today,
    jobsUnlocked: trainings.length
      ? jobsUnlockedByCourses(person, household, jobs, trainings, graph, weights, today)
      : undefined,
  };
  const ranked: RankedOpportunity[] = [];
  for (const opportunity of pool) {
    const result = scoreOpportunity(person, household, opportunity, graph, weights, context);
    if (!result.excluded) ranked.push({ opportunity, score: result.score, reasons: result.reasons });
  }
  ranked.sort((a, b) => b.score - a.score || a.opportunity.id.localeCompare(b.opportunity.id));
  return ranked.slice(0, options.limit ?? 20);
}

/**
 * Reasons an employer must not see: care duties (家里有人要照顾) and health or weak capacity would
 * invite discrimination; they still shape the ranking, as they shape the person's own.
 */
const hiddenFromEmployers = new Set<Reason['code']>([
  'fit.carer_full_time',
  'fit.carer_friendly',
  'fit.medium_demand_limited',
  'fit.public_welfare',
]);

/** The household-need reasons that put a candidate first (among the suitable). */
const priorityCodes = new Set<Reason['code']>([
  'need.no_one_employed',
  'need.no_one_employed_unverified',
  'need.below_line',
]);

export interface Candidate {
  person: MatchPerson;
  household: MatchHousehold;
}

export interface RankedCandidate {
  personId: string;
  score: number;
  /** Whether the candidate's household is a priority (no one in work, or below the line). */
  priority: boolean;
  reasons: Reason[];
}

/**
 * An employer's view of a job: the candidates who fit, best first. Among those who fit,
 * people from households with no one in work (or below the monitoring line) come first.
 * Household income never appears: its reasons become one neutral "priority household" line;
 * care duties and health never appear either.
 */
export function rankCandidates(
  job: MatchJob,
  candidates: readonly Candidate[],
  graph: SkillGraph,
  weights: MatchWeights = defaultWeights,
  options: { limit?: number; today?: string } = {},
): RankedCandidate[] {
  const today = options.today ?? chinaToday();
  const ranked: RankedCandidate[] = [];
  for (const { person, household } of candidates) {
    const result = scoreOpportunity(person, household, job, graph, weights, { today });
    if (result.excluded) continue;
    const priority = result.reasons.some((r) => priorityCodes.has(r.code));
    const reasons = result.reasons.filter((r) => r.kind !== 'need' && !hiddenFromEmployers.has(r.code));
    if (priority) reasons.push(reason('need.priority_household', 'plus'));
    ranked.push({ personId: person.id, score: result.score, priority, reasons });
  }
  const group = (c: RankedCandidate) => (c.score >= weights.suitableScore ? (c.priority ? 0 : 1) : 2);
  ranked.sort((a, b) => group(a) - group(b) || b.score - a.score || a.personId.localeCompare(b.personId));
  return ranked.slice(0, options.limit ?? 50);
}
