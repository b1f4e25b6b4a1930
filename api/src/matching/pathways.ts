import { chinaToday } from '@anju/domain/clock';
import { distanceKm } from '@anju/domain/geo';
import { monthlyPay } from './pay.ts';
import { scoreOpportunity } from './score.ts';
import type { SkillGraph } from './skill-graph.ts';
import type { MatchHousehold, MatchJob, MatchPerson, MatchTraining } from './types.ts';
import { jobsTouchedBy, suitableJobIds, withSkills } from './unlock.ts';
import { defaultWeights, type MatchWeights } from './weights.ts';

export interface PathwayCourse {
  training: MatchTraining;
  /** Distance from the person's site, km, when both are known. */
  km: number | null;
}

/** 技能提升路径: one skill to learn, the courses that teach it and the jobs it opens. */
export interface Pathway {
  skill: string;
  skillZh: string;
  skillEn: string;
  /** Suitable jobs the skill adds to what the person can already do. */
  jobsUnlocked: number;
  jobIds: string[];
  /** Monthly pay range of those jobs, yuan. */
  pay: { min: number; max: number } | null;
  /** Best first: soonest, subsidised, with certificate, childcare for carers, nearest. */
  courses: PathwayCourse[];
}

export interface PathwayOptions {
  limit?: number;
  today?: string;
}

/**
 * The few skills whose learning unlocks the most suitable jobs: for each skill some nearby job
 * asks for, give the person the level (and certificate) its courses reach, re-score the jobs,
 * and count the ones that become suitable.
 */
export function findPathways(
  person: MatchPerson,
  household: MatchHousehold,
  jobs: readonly MatchJob[],
  trainings: readonly MatchTraining[],
  graph: SkillGraph,
  weights: MatchWeights = defaultWeights,
  options: PathwayOptions = {},
): Pathway[] {
  const today = options.today ?? chinaToday();
  const canonical = (code: string) => graph.resolve(code) ?? code;
  const already = suitableJobIds(person, household, jobs, graph, weights, today);
  const openCourses = trainings.filter(
    (t) => !scoreOpportunity(person, household, t, graph, weights, { today }).excluded,
  );
  const taughtSkills = new Set(openCourses.flatMap((t) => t.skillsTaught.map((s) => canonical(s.code))));
  const pathways: Pathway[] = [];
  for (const skill of taughtSkills) {
    const courses = openCourses.filter((t) => t.skillsTaught.some((s) => canonical(s.code) === skill));
    // What the best of these courses gives: the highest level reached, a certificate if any certifies.
    const level = Math.max(
      ...courses.flatMap((t) => t.skillsTaught.filter((s) => canonical(s.code) === skill).map((s) => s.levelReached)),
    );
    const certified = courses.some((t) => t.certificate);
    const learnt = withSkills(person, [{ code: skill, level, certified }], graph);
    const touched = jobsTouchedBy(jobs, [{ code: skill, level, certified }], graph).filter(
      (job) => !already.has(job.id),
    );
    const gained = [...suitableJobIds(learnt, household, touched, graph, weights, today)];
    if (gained.length === 0) continue;
    const pays = jobs
      .filter((job) => gained.includes(job.id))
      .map((job) => monthlyPay(job.pay, weights))
      .filter((pay) => pay !== null);
    pathways.push({
      skill,
      skillZh: graph.nameZh(skill),
      skillEn: graph.nameEn(skill),
      jobsUnlocked: gained.length,
      jobIds: gained,
      pay: pays.length ? { min: Math.min(...pays.map((p) => p.min)), max: Math.max(...pays.map((p) => p.max)) } : null,
      courses: sortCourses(person, courses),
    });
  }
  pathways.sort(
    (a, b) =>
      b.jobsUnlocked - a.jobsUnlocked || (b.pay?.max ?? 0) - (a.pay?.max ?? 0) || a.skill.localeCompare(b.skill),
  );
  return pathways.slice(0, options.limit ?? 3);
}

function sortCourses(person: MatchPerson, courses: MatchTraining[]): PathwayCourse[] {
  const withKm = courses.map((training) => ({
    training,
    km:
      training.location && person.siteLocation
        ? Math.round(distanceKm(person.siteLocation, training.location) * 10) / 10
        : null,
  }));
  const flag = (value: boolean) => (value ? 0 : 1);
  return withKm.sort(
    (a, b) =>
      a.training.startDate.localeCompare(b.training.startDate) ||
      flag(a.training.subsidised) - flag(b.training.subsidised) ||
      flag(a.training.certificate) - flag(b.training.certificate) ||
      (person.hasCareDuties ? flag(a.training.childcare) - flag(b.training.childcare) : 0) ||
      (a.km ?? Number.POSITIVE_INFINITY) - (b.km ?? Number.POSITIVE_INFINITY),
  );
}

/** "学会叉车驾驶（12天，补贴）可多匹配 14 个岗位，月薪 3500–4800" */
export function renderPathway(pathway: Pathway, language: 'zh' | 'en' = 'zh'): string {
  const course = pathway.courses[0]?.training;
  const pay = pathway.pay;
  if (language === 'zh') {
    const detail = course ? `（${course.durationDays}天${course.subsidised ? '，补贴' : ''}）` : '';
    const payText = pay ? `，月薪 ${pay.min === pay.max ? pay.min : `${pay.min}–${pay.max}`}` : '';
    return `学会${pathway.skillZh}${detail}可多匹配 ${pathway.jobsUnlocked} 个岗位${payText}`;
  }
  const detail = course ? ` (${course.durationDays} days${course.subsidised ? ', subsidised' : ''})` : '';
  const payText = pay ? `, paying ${pay.min === pay.max ? pay.min : `${pay.min}–${pay.max}`} a month` : '';
  return `Learn ${pathway.skillEn}${detail} to match ${pathway.jobsUnlocked} more jobs${payText}`;
}
