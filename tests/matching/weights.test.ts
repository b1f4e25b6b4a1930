import { describe, expect, it } from 'vitest';
import { scoreOpportunity } from '../../api/src/matching/score.ts';
import type { MatchJob, MatchPerson } from '../../api/src/matching/types.ts';
import { defaultWeights, type MatchWeights } from '../../api/src/matching/weights.ts';
import { household, job, north, person, TODAY } from './builders.ts';
import { testSkillGraph as graph } from './skill-graph.fixture.ts';

const score = (p: MatchPerson, j: MatchJob, weights: MatchWeights = defaultWeights) => {
  const result = scoreOpportunity(p, household(), j, graph, weights, { today: TODAY });
  if (result.excluded) throw new Error('excluded');
  return result.score;
};
const tweak = (change: (w: MatchWeights) => void): MatchWeights => {
  const copy = structuredClone(defaultWeights);
  change(copy);
  return copy;
};

const cook = person({ skills: [{ code: 'cooking', level: 2, certified: false }] });
/** Near, but asks for a skill the cook only half has; versus far, and an exact match. */
const nearPartial = job({ id: 'near', location: north(1), requiredSkills: [{ code: 'pastry', minLevel: 2 }] });
const farExact = job({ id: 'far', location: north(9), requiredSkills: [{ code: 'cooking', minLevel: 2 }] });

describe('weights pin the ranking', () => {
  it('with the default weights a skill match outweighs distance', () => {
    expect(score(cook, farExact)).toBeGreaterThan(score(cook, nearPartial));
  });

  it('raising the reach weight makes the nearer job win', () => {
    const reachHeavy = tweak((w) => {
      w.parts.reach = 3;
    });
    expect(score(cook, nearPartial, reachHeavy)).toBeGreaterThan(score(cook, farExact, reachHeavy));
  });

  it('the fit gate sets how much a carer’s full-time job keeps', () => {
    const carer = person({ hasCareDuties: true });
    const fullTime = job({ workMode: 'full_time' });
    const strict = tweak((w) => {
      w.fitGate = 0;
    });
    const lax = tweak((w) => {
      w.fitGate = 1;
    });
    expect(score(carer, fullTime, strict)).toBeLessThan(score(carer, fullTime, defaultWeights));
    expect(score(carer, fullTime, defaultWeights)).toBeLessThan(score(carer, fullTime, lax));
  });

  it('the no-skill cap bounds the score of a job whose skills one lacks', () => {
    const welderJob = job({ requiredSkills: [{ code: 'tiling', minLevel: 1 }] });
    expect(score(person(), welderJob)).toBe(defaultWeights.noSkillMatchCap);
    expect(
      score(
        person(),
        welderJob,
        tweak((w) => {
          w.noSkillMatchCap = 0.05;
        }),
      ),
    ).toBe(0.05);
  });

  it('sibling credit decides whether a related skill beats no skill requirement', () => {
    const garment = person({ skills: [{ code: 'garment_finishing', level: 1, certified: false }] });
    const sewingJob = job({ id: 'sew', requiredSkills: [{ code: 'industrial_sewing', minLevel: 1 }] });
    const generic = job({ id: 'generic' });
    expect(score(garment, sewingJob)).toBeLessThan(score(garment, generic));
    const generous = tweak((w) => {
      w.skillCredit.sibling = 0.9;
    });
    expect(score(garment, sewingJob, generous)).toBeGreaterThan(score(garment, generic, generous));
  });

  it('the default max commute applies when a person has not said one', () => {
    const unsaid = person({ maxCommuteKm: null });
    const limit = defaultWeights.reach.defaultMaxCommuteKm * defaultWeights.reach.toleranceFactor;
    expect(
      scoreOpportunity(unsaid, household(), job({ location: north(limit - 1) }), graph, defaultWeights, {
        today: TODAY,
      }).excluded,
    ).toBe(false);
    expect(
      scoreOpportunity(unsaid, household(), job({ location: north(limit + 1) }), graph, defaultWeights, {
        today: TODAY,
      }).excluded,
    ).toBe(true);
  });
});
