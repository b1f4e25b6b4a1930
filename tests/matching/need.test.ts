import { describe, expect, it } from 'vitest';
import { rankCandidates, rankOpportunities } from '../../api/src/matching/rank.ts';
import { renderReason } from '../../api/src/matching/reasons.ts';
import { scoreOpportunity } from '../../api/src/matching/score.ts';
import { defaultWeights } from '../../api/src/matching/weights.ts';
import { household, job, person, TODAY } from './builders.ts';
import { testSkillGraph as graph } from './skill-graph.fixture.ts';

const score = (h = household(), j = job()) => {
  const result = scoreOpportunity(person(), h, j, graph, defaultWeights, { today: TODAY });
  if (result.excluded) throw new Error('excluded');
  return result.score;
};

describe('household need', () => {
  it('between two jobs that fit equally, the one that lifts the household more ranks first', () => {
    const low = job({ id: 'low', pay: { min: 1800, max: 1800, unit: 'month' } });
    const high = job({ id: 'high', pay: { min: 3800, max: 3800, unit: 'month' } });
    const ranked = rankOpportunities(person(), household(), [low, high], graph, defaultWeights, { today: TODAY });
    expect(ranked.map((r) => r.opportunity.id)).toEqual(['high', 'low']);
  });

  it('pay weighs more for a household with no one in work, and more again below the line', () => {
    const gap = (h: ReturnType<typeof household>) =>
      score(h, job({ pay: { min: 4000, max: 4000, unit: 'month' } })) -
      score(h, job({ pay: { min: 1500, max: 1500, unit: 'month' } }));
    const working = gap(household({ membersEmployed: 1, perCapitaAnnualIncome: 9000 }));
    const noOne = gap(household({ membersEmployed: 0, perCapitaAnnualIncome: 9000 }));
    const noOneBelow = gap(household({ membersEmployed: 0, perCapitaAnnualIncome: 3000 }));
    expect(noOne).toBeGreaterThan(working);
    expect(noOneBelow).toBeGreaterThan(noOne);
  });

  it('the same pay lifts a small household more than a large one', () => {
    expect(
      score(household({ membersCount: 2 }), job({ pay: { min: 1500, max: 1500, unit: 'month' } })),
    ).toBeGreaterThan(score(household({ membersCount: 6 }), job({ pay: { min: 1500, max: 1500, unit: 'month' } })));
  });

  it('candidates: among those who fit, people from households with no one in work come first', () => {
    const sewing = job({ requiredSkills: [{ code: 'sewing', minLevel: 1 }] });
    const skilled = person({ id: 'skilled', skills: [{ code: 'sewing', level: 3, certified: false }] });
    const needy = person({ id: 'needy', skills: [{ code: 'sewing', level: 1, certified: false }] });
    const unskilled = person({ id: 'unskilled' });
    const ranked = rankCandidates(
      sewing,
      [
        { person: skilled, household: household({ membersEmployed: 2, perCapitaAnnualIncome: 12000 }) },
        { person: unskilled, household: household({ membersEmployed: 0, perCapitaAnnualIncome: 2000 }) },
        { person: needy, household: household({ membersEmployed: 0, perCapitaAnnualIncome: 3000 }) },
      ],
      graph,
      defaultWeights,
      { today: TODAY },
    );
    expect(ranked.map((c) => c.personId)).toEqual(['needy', 'skilled', 'unskilled']);
    expect(ranked[0].priority).toBe(true);
  });

  it('candidates never see household income: need reasons become one neutral line', () => {
    const ranked = rankCandidates(
      job(),
      [{ person: person(), household: household({ membersEmployed: 0, perCapitaAnnualIncome: 2000 }) }],
      graph,
      defaultWeights,
      { today: TODAY },
    );
    const reasons = ranked[0].reasons;
    expect(reasons.filter((r) => r.kind === 'need').map((r) => r.code)).toEqual(['need.priority_household']);
    expect(JSON.stringify(reasons)).not.toMatch(/perCapita|pctOfLine|monthly/);
    expect(renderReason(reasons.at(-1)!)).toBe('帮扶优先对象');
  });

  it('candidates never show care duties or health limits to the employer', () => {
    const ranked = rankCandidates(
      job({ physicalDemand: 'medium', workMode: 'full_time' }),
      [{ person: person({ hasCareDuties: true, laborCapacity: 'weak' }), household: household() }],
      graph,
      defaultWeights,
      { today: TODAY },
    );
    expect(
      ranked[0].reasons.some((r) => r.code.startsWith('fit.carer') || r.code === 'fit.medium_demand_limited'),
    ).toBe(false);
  });

  it('candidates removed by a hard constraint do not appear', () => {
    const ranked = rankCandidates(
      job({ maxAge: 40 }),
      [{ person: person({ age: 50 }), household: household() }],
      graph,
      defaultWeights,
      {
        today: TODAY,
      },
    );
    expect(ranked).toEqual([]);
  });
});
