import { describe, expect, it } from 'vitest';
import { rankOpportunities } from '../../api/src/matching/rank.ts';
import { scoreOpportunity } from '../../api/src/matching/score.ts';
import { defaultWeights } from '../../api/src/matching/weights.ts';
import { household, job, person, TODAY } from './builders.ts';
import { personas } from './eval/personas.ts';
import { EVAL_TODAY } from './eval/places.ts';
import { evalJobs, evalPostings } from './eval/postings.ts';
import { testSkillGraph as graph } from './skill-graph.fixture.ts';

describe('honest scores', () => {
  it('an empty profile never scores above the cap on postings that ask for skills', () => {
    const empty = person({ skills: [] });
    for (const posting of evalPostings) {
      if (posting.kind !== 'job' || posting.requiredSkills.length === 0) continue;
      const result = scoreOpportunity(empty, household(), posting, graph, defaultWeights, { today: EVAL_TODAY });
      if (!result.excluded) expect(result.score, posting.id).toBeLessThanOrEqual(defaultWeights.noSkillMatchCap);
    }
  });

  it('no matching skill is capped however near and well paid the job', () => {
    const dream = job({
      requiredSkills: [{ code: 'cooking', minLevel: 1 }],
      pay: { min: 12000, max: 15000, unit: 'month' },
      shuttleSiteIds: ['site-1'],
    });
    const result = scoreOpportunity(
      person({ skills: [{ code: 'welding', level: 5, certified: true }] }),
      household({ membersEmployed: 0, perCapitaAnnualIncome: 2000 }),
      dream,
      graph,
      defaultWeights,
      { today: TODAY },
    );
    expect(result).toMatchObject({ excluded: false, score: defaultWeights.noSkillMatchCap });
  });

  it('a job that asks for no skill is not scored as a perfect skill match', () => {
    const result = scoreOpportunity(person(), household(), job(), graph, defaultWeights, { today: TODAY });
    if (result.excluded) throw new Error('excluded');
    expect(result.parts.skill).toBe(defaultWeights.noSkillRequired);
    expect(result.score).toBeLessThan(0.9);
  });

  it('across every persona and posting, a reason claiming a skill names one the person holds', () => {
    for (const { person: p, household: h } of personas) {
      const held = new Set(p.skills.map((s) => s.code));
      for (const posting of evalPostings) {
        const result = scoreOpportunity(p, h, posting, graph, defaultWeights, { today: EVAL_TODAY });
        for (const r of result.reasons) {
          if (r.code === 'skill.met' || r.code === 'skill.optional_met') {
            expect(
              [...held].some((code) => graph.resolve(code) === r.params.skill),
              `${p.id} ${posting.id}`,
            ).toBe(true);
          }
          if (
            ['skill.met_alias', 'skill.related_child', 'skill.related_parent', 'skill.related_sibling'].includes(r.code)
          ) {
            expect(held.has(String(r.params.held)), `${p.id} ${posting.id} ${r.code}`).toBe(true);
          }
          if (r.code === 'fit.certified') {
            expect(
              p.skills.some((s) => s.certified),
              `${p.id} ${posting.id}`,
            ).toBe(true);
          }
        }
      }
    }
  });

  it('scores stay between 0 and 1 and rankings never contain removed postings', () => {
    for (const { person: p, household: h } of personas) {
      const ranked = rankOpportunities(p, h, evalPostings, graph, defaultWeights, {
        limit: 500,
        today: EVAL_TODAY,
        jobPool: evalJobs,
      });
      for (const item of ranked) {
        expect(item.score).toBeGreaterThanOrEqual(0);
        expect(item.score).toBeLessThanOrEqual(1);
        expect(scoreOpportunity(p, h, item.opportunity, graph, defaultWeights, { today: EVAL_TODAY }).excluded).toBe(
          false,
        );
      }
      for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1].score).toBeGreaterThanOrEqual(ranked[i].score);
    }
  });
});
