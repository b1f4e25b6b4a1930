import { type ScoreResult, scoreOpportunity } from './score.ts';
import type { SkillGraph } from './skill-graph.ts';
import type { MatchHousehold, MatchJob, MatchPerson, MatchTraining, PersonSkill } from './types.ts';
import type { MatchWeights } from './weights.ts';

const shortfalls = new Set(['skill.missing', 'skill.level_short', 'skill.related_parent', 'skill.related_sibling']);

/**
 * Suitable: not removed, every required skill held (exactly, by alias or as a more specific
 * skill) at the level asked, and a score of at least `suitableScore`. Partial credit ranks a
 * job; it does not make it one the person can do.
 */
export function isSuitable(result: ScoreResult, weights: MatchWeights): boolean {
  return (
    !result.excluded && result.score >= weights.suitableScore && !result.reasons.some((r) => shortfalls.has(r.code))
  );
}

/** Ids of the jobs that are suitable for the person. */
export function suitableJobIds(
  person: MatchPerson,
  household: MatchHousehold,
  jobs: readonly MatchJob[],
  graph: SkillGraph,
  weights: MatchWeights,
  today: string,
): Set<string> {
  const ids = new Set<string>();
  for (const job of jobs) {
    if (isSuitable(scoreOpportunity(person, household, job, graph, weights, { today }), weights)) ids.add(job.id);
  }
  return ids;
}

/** The person as they would be after learning these skills (a course's level and certificate). */
export function withSkills(person: MatchPerson, learnt: PersonSkill[], graph: SkillGraph): MatchPerson {
  const canonical = (code: string) => graph.resolve(code) ?? code;
  const skills = [...person.skills];
  for (const skill of learnt) {
    const index = skills.findIndex((held) => canonical(held.code) === canonical(skill.code));
    const held = index >= 0 ? skills[index] : undefined;
    const merged = {
      code: canonical(skill.code),
      level: Math.max(skill.level, held?.level ?? 0),
      certified: skill.certified || (held?.certified ?? false),
    };
    if (index >= 0) skills[index] = merged;
    else skills.push(merged);
  }
  return { ...person, skills };
}

/** Only jobs asking for a skill related to one learnt can change: the rest need not be re-scored. */
export function jobsTouchedBy(jobs: readonly MatchJob[], learnt: PersonSkill[], graph: SkillGraph): MatchJob[] {
  return jobs.filter((job) =>
    job.requiredSkills.some((r) => learnt.some((skill) => graph.relation(skill.code, r.code) !== null)),
  );
}

/** What finishing a course gives: its skills at the level reached, certified when it certifies. */
export const skillsFromCourse = (training: MatchTraining): PersonSkill[] =>
  training.skillsTaught.map((s) => ({ code: s.code, level: s.levelReached, certified: training.certificate }));

/**
 * For each course, how many jobs of the pool become suitable once it is done — the measure of
 * what a course is worth to this person. Courses teaching the same skills share one count.
 */
export function jobsUnlockedByCourses(
  person: MatchPerson,
  household: MatchHousehold,
  jobs: readonly MatchJob[],
  trainings: readonly MatchTraining[],
  graph: SkillGraph,
  weights: MatchWeights,
  today: string,
): Map<string, number> {
  const baseline = suitableJobIds(person, household, jobs, graph, weights, today);
  const bySkills = new Map<string, number>();
  const result = new Map<string, number>();
  for (const training of trainings) {
    const learnt = skillsFromCourse(training);
    const key = JSON.stringify(learnt);
    let count = bySkills.get(key);
    if (count === undefined) {
      const touched = jobsTouchedBy(jobs, learnt, graph).filter((job) => !baseline.has(job.id));
      count = suitableJobIds(withSkills(person, learnt, graph), household, touched, graph, weights, today).size;
      bySkills.set(key, count);
    }
    result.set(training.id, count);
  }
  return result;
}
