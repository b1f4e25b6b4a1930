import { describe, expect, it } from 'vitest';
import { findPathways, renderPathway } from '../../api/src/matching/pathways.ts';
import { defaultWeights } from '../../api/src/matching/weights.ts';
import { household, job, north, person, TODAY, training } from './builders.ts';
import { personas } from './eval/personas.ts';
import { EVAL_TODAY } from './eval/places.ts';
import { evalJobs, evalTrainings } from './eval/postings.ts';
import { testSkillGraph as graph } from './skill-graph.fixture.ts';

const forkliftJobs = Array.from({ length: 14 }, (_, i) =>
  job({
    id: `forklift-${i}`,
    location: north(2 + i * 0.3),
    requiredSkills: [{ code: 'forklift', minLevel: 1 }],
    pay: { min: 3500 + i * 50, max: 4000 + i * 50, unit: 'month' },
  }),
);
const cookJobs = Array.from({ length: 3 }, (_, i) =>
  job({
    id: `cook-${i}`,
    requiredSkills: [{ code: 'cooking', minLevel: 2 }],
    pay: { min: 4000, max: 5000, unit: 'month' },
  }),
);

describe('pathways', () => {
  it('names the skill that unlocks the most jobs, its courses, and the pay it opens', () => {
    const courses = [
      training({ id: 'forklift-late', startDate: '2027-01-20', durationDays: 15, subsidised: false }),
      training({ id: 'forklift-soon', startDate: '2026-12-10', durationDays: 12, subsidised: true }),
      training({ id: 'cooking', skillsTaught: [{ code: 'cooking', levelReached: 2 }], durationDays: 30 }),
    ];
    const [first, second] = findPathways(
      person(),
      household(),
      [...forkliftJobs, ...cookJobs],
      courses,
      graph,
      defaultWeights,
      {
        today: TODAY,
      },
    );
    expect(first).toMatchObject({ skill: 'forklift', jobsUnlocked: 14, pay: { min: 3500, max: 4650 } });
    expect(first.courses.map((c) => c.training.id)).toEqual(['forklift-soon', 'forklift-late']);
    expect(renderPathway(first)).toBe('学会叉车驾驶（12天，补贴）可多匹配 14 个岗位，月薪 3500–4650');
    expect(renderPathway(first, 'en')).toBe(
      'Learn forklift driving (12 days, subsidised) to match 14 more jobs, paying 3500–4650 a month',
    );
    expect(second).toMatchObject({ skill: 'cooking', jobsUnlocked: 3 });
  });

  it('a course without a certificate does not unlock licensed work', () => {
    const courses = [training({ id: 'no-cert', certificate: false })];
    expect(findPathways(person(), household(), forkliftJobs, courses, graph, defaultWeights, { today: TODAY })).toEqual(
      [],
    );
  });

  it('skips courses the person cannot take and skills they already hold', () => {
    const full = [training({ seatsLeft: 0 })];
    expect(findPathways(person(), household(), forkliftJobs, full, graph, defaultWeights, { today: TODAY })).toEqual(
      [],
    );
    const holder = person({ skills: [{ code: 'forklift', level: 2, certified: true }] });
    expect(
      findPathways(holder, household(), forkliftJobs, [training()], graph, defaultWeights, { today: TODAY }),
    ).toEqual([]);
  });

  it('an uncertified electrician in the evaluation city is pointed at the electrician course', () => {
    const electrician = personas.find((p) => p.id === 'p08-electrician-no-cert-S1')!;
    const pathways = findPathways(
      electrician.person,
      electrician.household,
      evalJobs,
      evalTrainings,
      graph,
      defaultWeights,
      {
        today: EVAL_TODAY,
      },
    );
    const electric = pathways.find((p) => p.skill === 'electrician');
    expect(electric?.courses[0].training.id).toBe('train-electrician-TOWN');
    expect(electric?.jobIds).toEqual(expect.arrayContaining(['job-electrician-P1', 'job-electrician-TOWN']));
  });
});
