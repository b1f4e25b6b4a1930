import { describe, expect, it } from 'vitest';
import { type Reason, renderReason } from '../../api/src/matching/reasons.ts';
import { type ScoreResult, scoreOpportunity } from '../../api/src/matching/score.ts';
import type { MatchHousehold, MatchOpportunity, MatchPerson } from '../../api/src/matching/types.ts';
import { defaultWeights } from '../../api/src/matching/weights.ts';
import { household, job, north, person, project, TODAY, training } from './builders.ts';
import { testSkillGraph as graph } from './skill-graph.fixture.ts';

const score = (p: MatchPerson, o: MatchOpportunity, h: MatchHousehold = household()): ScoreResult =>
  scoreOpportunity(p, h, o, graph, defaultWeights, { today: TODAY });

function scored(p: MatchPerson, o: MatchOpportunity, h?: MatchHousehold) {
  const result = score(p, o, h);
  if (result.excluded) throw new Error(`unexpectedly excluded: ${result.reasons.map((r) => r.code).join(', ')}`);
  return result;
}

const find = (reasons: Reason[], code: string) => {
  const found = reasons.find((r) => r.code === code);
  if (!found) throw new Error(`no ${code} among ${reasons.map((r) => r.code).join(', ')}`);
  return found;
};

describe('skill reasons', () => {
  it('an exact match names the level held and the level asked', () => {
    const result = scored(
      person({ skills: [{ code: 'sewing', level: 2, certified: false }] }),
      job({ requiredSkills: [{ code: 'sewing', minLevel: 1 }] }),
    );
    const met = find(result.reasons, 'skill.met');
    expect(met).toMatchObject({ kind: 'skill', polarity: 'plus', params: { skill: 'sewing', level: 2, minLevel: 1 } });
    expect(renderReason(met)).toBe('会缝纫（2级），要求1级');
    expect(renderReason(met, 'en')).toBe('Has sewing (level 2); level 1 asked');
    expect(result.parts.skill).toBe(1);
  });

  it('a skill recorded under an alias counts in full and says so', () => {
    const result = scored(
      person({ skills: [{ code: '电焊', level: 2, certified: true }] }),
      job({ requiredSkills: [{ code: 'welding', minLevel: 2 }] }),
    );
    expect(renderReason(find(result.reasons, 'skill.met_alias'))).toBe('会电焊（即焊工，2级），要求2级');
    expect(result.parts.skill).toBe(1);
  });

  it('a more specific, a broader and a sibling skill earn partial credit, in that order', () => {
    const asked = (code: string) => job({ requiredSkills: [{ code, minLevel: 1 }] });
    const child = scored(
      person({ skills: [{ code: 'industrial_sewing', level: 1, certified: false }] }),
      asked('sewing'),
    );
    const parent = scored(
      person({ skills: [{ code: 'sewing', level: 1, certified: false }] }),
      asked('industrial_sewing'),
    );
    const sibling = scored(
      person({ skills: [{ code: 'garment_finishing', level: 1, certified: false }] }),
      asked('industrial_sewing'),
    );
    expect(renderReason(find(child.reasons, 'skill.related_child'))).toBe('会工业缝纫，属于所需的缝纫');
    expect(renderReason(find(parent.reasons, 'skill.related_parent'))).toBe('会缝纫，与所需的工业缝纫相近');
    expect(renderReason(find(sibling.reasons, 'skill.related_sibling'))).toBe('会服装整烫，与所需的工业缝纫相近');
    expect(child.parts.skill).toBe(defaultWeights.skillCredit.child);
    expect(parent.parts.skill).toBe(defaultWeights.skillCredit.parent);
    expect(sibling.parts.skill).toBe(defaultWeights.skillCredit.sibling);
    expect(child.score).toBeGreaterThan(parent.score);
    expect(parent.score).toBeGreaterThan(sibling.score);
  });

  it('a level below the one asked is a minus with both levels', () => {
    const result = scored(
      person({ skills: [{ code: 'cooking', level: 1, certified: false }] }),
      job({ requiredSkills: [{ code: 'cooking', minLevel: 3 }] }),
    );
    const short = find(result.reasons, 'skill.level_short');
    expect(short.polarity).toBe('minus');
    expect(renderReason(short)).toBe('会烹饪（1级），要求3级');
    expect(result.parts.skill).toBeCloseTo(
      defaultWeights.skillCredit.levelShortfall - defaultWeights.skillCredit.perLevelGap,
    );
  });

  it('a missing skill is named as missing, never as held', () => {
    const result = score(
      person({ skills: [{ code: 'sewing', level: 2, certified: false }] }),
      job({
        requiredSkills: [
          { code: 'sewing', minLevel: 1 },
          { code: 'computer_basic', minLevel: 1 },
        ],
      }),
    );
    if (result.excluded) throw new Error('excluded');
    const missing = find(result.reasons, 'skill.missing');
    expect(missing.polarity).toBe('minus');
    expect(renderReason(missing)).toBe('还不会电脑操作（要求1级）');
    expect(result.parts.skill).toBe(0.5);
  });

  it('optional skills add a bonus and a plus reason', () => {
    const withOptional = job({
      requiredSkills: [{ code: 'warehousing', minLevel: 1 }],
      optionalSkills: [{ code: 'computer_basic', minLevel: 1 }],
    });
    const base = person({ skills: [{ code: 'warehousing', level: 1, certified: false }] });
    const plain = scored(base, withOptional);
    const bonus = scored(
      person({ skills: [...base.skills, { code: 'computer_basic', level: 1, certified: false }] }),
      withOptional,
    );
    expect(renderReason(find(bonus.reasons, 'skill.optional_met'))).toBe('会电脑操作，加分');
    expect(bonus.score).toBeGreaterThan(plain.score);
    expect(plain.reasons.some((r) => r.code === 'skill.optional_met')).toBe(false);
  });
});

describe('reach reasons', () => {
  it('gives the distance from the site, and a shuttle when one runs from the site', () => {
    const near = scored(person(), job({ location: north(3.2) }));
    expect(renderReason(find(near.reasons, 'reach.distance'))).toBe('距安置点 3.2 公里');
    const shuttle = scored(person(), job({ location: north(3.2), shuttleSiteIds: ['site-1'] }));
    expect(renderReason(find(shuttle.reasons, 'reach.shuttle'))).toBe('距安置点 3.2 公里，有班车');
    expect(renderReason(find(shuttle.reasons, 'reach.shuttle'), 'en')).toBe('3.2 km from the site, shuttle bus');
  });

  it('nearer scores higher, all else equal', () => {
    expect(scored(person(), job({ location: north(1) })).score).toBeGreaterThan(
      scored(person(), job({ location: north(8) })).score,
    );
  });

  it('removes a job well past the person’s max commute unless a shuttle runs from their site', () => {
    const far = score(person({ maxCommuteKm: 5 }), job({ location: north(20) }));
    expect(far).toMatchObject({ excluded: true, reasons: [{ code: 'reach.too_far', params: { km: 20, maxKm: 5 } }] });
    expect(renderReason((far as { reasons: Reason[] }).reasons[0])).toBe('距安置点 20.0 公里，超过您能接受的 5 公里');
    expect(score(person({ maxCommuteKm: 5 }), job({ location: north(20), shuttleSiteIds: ['site-1'] })).excluded).toBe(
      false,
    );
    expect(score(person({ maxCommuteKm: 5 }), job({ location: north(20), shuttleSiteIds: ['site-2'] })).excluded).toBe(
      true,
    );
  });

  it('offers labour export only to people willing to work away', () => {
    const away = job({ workMode: 'labour_export', location: { lat: 23.02, lng: 113.75 }, accommodation: true });
    const stayer = score(person(), away);
    expect(stayer).toMatchObject({ excluded: true, reasons: [{ code: 'reach.not_willing_away' }] });
    const mover = scored(person({ willingToWorkAway: true }), away);
    expect(renderReason(find(mover.reasons, 'reach.labour_export'))).toBe('外出务工，包住');
  });

  it('piecework at home needs no commute when the workshop is near', () => {
    const result = scored(person(), job({ workMode: 'piecework_home', location: north(2) }));
    expect(renderReason(find(result.reasons, 'reach.at_home'))).toBe('在家做，不用出门');
    expect(result.parts.reach).toBe(1);
  });
});

describe('fit reasons and hard constraints', () => {
  it('a carer is told full-time work is hard to combine with care, and part-time fits', () => {
    const carer = person({ hasCareDuties: true });
    const fullTime = scored(carer, job({ workMode: 'full_time' }));
    const partTime = scored(carer, job({ workMode: 'part_time' }));
    expect(renderReason(find(fullTime.reasons, 'fit.carer_full_time'))).toBe('全职，不便照顾家人');
    expect(renderReason(find(partTime.reasons, 'fit.carer_friendly'))).toBe('兼职，方便照顾家人');
    expect(partTime.score).toBeGreaterThan(fullTime.score);
  });

  it('a work mode the person did not choose is a minus', () => {
    const result = scored(person({ workModes: ['part_time'] }), job({ workMode: 'full_time' }));
    expect(find(result.reasons, 'fit.mode_not_preferred').polarity).toBe('minus');
  });

  it('removes work outside the age range and says why', () => {
    const result = score(person({ age: 58 }), job({ minAge: 18, maxAge: 50 }));
    expect(result).toMatchObject({ excluded: true, reasons: [{ code: 'fit.age_out' }] });
    expect(renderReason((result as { reasons: Reason[] }).reasons[0])).toBe('要求18–50 岁，您 58 岁');
  });

  it('removes heavy work for weak labour capacity or limited health, and all but light work without capacity', () => {
    expect(score(person({ laborCapacity: 'weak' }), job({ physicalDemand: 'heavy' }))).toMatchObject({
      excluded: true,
      reasons: [{ code: 'fit.heavy_for_weak' }],
    });
    expect(score(person({ healthLimited: true }), job({ physicalDemand: 'heavy' }))).toMatchObject({
      excluded: true,
      reasons: [{ code: 'fit.health_heavy' }],
    });
    expect(score(person({ laborCapacity: 'none' }), job({ physicalDemand: 'medium' }))).toMatchObject({
      excluded: true,
      reasons: [{ code: 'fit.no_capacity' }],
    });
    const medium = scored(person({ laborCapacity: 'weak' }), job({ physicalDemand: 'medium' }));
    expect(find(medium.reasons, 'fit.medium_demand_limited').polarity).toBe('minus');
  });

  it('removes licensed work when the person holds the skill without the certificate', () => {
    const forklift = job({ requiredSkills: [{ code: 'forklift', minLevel: 1 }] });
    const uncertified = score(person({ skills: [{ code: 'forklift', level: 3, certified: false }] }), forklift);
    expect(uncertified).toMatchObject({
      excluded: true,
      reasons: [{ code: 'fit.certificate_missing', params: { skill: 'forklift' } }],
    });
    expect(renderReason((uncertified as { reasons: Reason[] }).reasons[0])).toBe('叉车驾驶须持证上岗，您还没有证书');
    const certified = scored(person({ skills: [{ code: 'forklift', level: 1, certified: true }] }), forklift);
    expect(renderReason(find(certified.reasons, 'fit.certified'))).toBe('持有叉车驾驶证书');
    // A job may demand a certificate the taxonomy does not: the posting's own flag counts.
    const sewingWithLicence = job({ requiredSkills: [{ code: 'sewing', minLevel: 1 }], certificateRequired: true });
    expect(
      score(person({ skills: [{ code: 'sewing', level: 2, certified: false }] }), sewingWithLicence).excluded,
    ).toBe(true);
  });

  it('lists every hard constraint that failed, not just the first', () => {
    const result = score(
      person({ age: 60, laborCapacity: 'weak', maxCommuteKm: 5 }),
      job({ maxAge: 50, physicalDemand: 'heavy', location: north(30), deadline: '2026-11-01' }),
    );
    expect(result.excluded).toBe(true);
    expect(result.reasons.map((r) => r.code).sort()).toEqual([
      'fit.age_out',
      'fit.closed',
      'fit.heavy_for_weak',
      'reach.too_far',
    ]);
  });

  it('a hard constraint removes the opportunity rather than scoring it low', () => {
    const result = score(person({ age: 70 }), job({ maxAge: 60 }));
    expect(result).not.toHaveProperty('score');
  });

  it('removes full and started courses', () => {
    expect(score(person(), training({ seatsLeft: 0 }))).toMatchObject({
      excluded: true,
      reasons: [{ code: 'fit.no_seats' }],
    });
    expect(score(person(), training({ startDate: '2026-11-20' }))).toMatchObject({
      excluded: true,
      reasons: [{ code: 'fit.closed' }],
    });
  });

  it('public-welfare posts suit older and weaker people', () => {
    const post = job({ workMode: 'public_welfare', pay: { min: 1800, max: 1800, unit: 'month' } });
    const older = scored(person({ age: 58 }), post);
    expect(renderReason(find(older.reasons, 'fit.public_welfare'))).toBe('公益性岗位，适合年长或体弱的人');
    // 公益性岗位 are kept for the people their rules name: a young, able person is not one.
    expect(score(person({ age: 30 }), post)).toMatchObject({
      excluded: true,
      reasons: [{ code: 'fit.public_welfare_ineligible' }],
    });
  });

  it('courses: childcare for carers, subsidy and certificate are pluses', () => {
    const result = scored(person({ hasCareDuties: true }), training({ childcare: true, workMode: 'part_time' }));
    expect(result.reasons.map((r) => renderReason(r))).toEqual(
      expect.arrayContaining(['教会叉车驾驶（到1级）', '上课期间有托育', '政府补贴，免费学', '学完发证书']),
    );
  });

  it('projects: someone without labour capacity may join for a dividend', () => {
    const solar = project({ participationModes: ['dividend'], physicalDemand: 'medium', expectedMonthlyIncome: 300 });
    const result = scored(person({ laborCapacity: 'none', age: 72 }), solar);
    expect(renderReason(find(result.reasons, 'fit.dividend'))).toBe('可入股分红，不用出力');
  });
});

describe('household need reasons', () => {
  it('says how much the pay lifts per-capita income against the monitoring line', () => {
    const result = scored(
      person(),
      job({ pay: { min: 3000, max: 4000, unit: 'month' } }),
      household({ membersCount: 4 }),
    );
    const lift = find(result.reasons, 'need.lift');
    expect(lift.params).toMatchObject({ monthly: 3500, perCapitaLift: 10500, pctOfLine: 150 });
    expect(renderReason(lift)).toBe('月收入约 3500 元，家里每人每年可多 10500 元（约为监测线的 150%）');
  });

  it('normalises daily and piece rates to a month', () => {
    const daily = scored(person(), job({ pay: { min: 150, max: 150, unit: 'day' } }));
    expect(find(daily.reasons, 'need.lift').params.monthly).toBe(150 * defaultWeights.need.workDaysPerMonth);
    const piece = scored(person(), job({ pay: { min: 2, max: 2, unit: 'piece', piecesPerMonth: 1200 } }));
    expect(find(piece.reasons, 'need.lift').params.monthly).toBe(2400);
    const unknown = scored(person(), job({ pay: { min: 2, max: 2, unit: 'piece' } }));
    expect(renderReason(find(unknown.reasons, 'need.pay_unknown'))).toBe('收入未标明');
  });

  it('flags a household with no one in work as recommended first', () => {
    const result = scored(person(), job(), household({ membersEmployed: 0 }));
    expect(renderReason(find(result.reasons, 'need.no_one_employed'))).toBe('家中暂无人就业，优先推荐');
  });

  it('flags a household with no one in work and no one known able, but someone 未登记, to verify', () => {
    const unverified = household({
      membersEmployed: 0,
      anyMemberWithLaborCapacity: false,
      anyMemberLaborUnknown: true,
    });
    const found = find(scored(person(), job(), unverified).reasons, 'need.no_one_employed_unverified');
    expect(renderReason(found)).toBe('家中暂无人就业（劳动能力未登记，请核实）');
    expect(renderReason(found, 'en')).toBe(
      'No one in the household works yet (labour capacity not recorded: please check)',
    );
    // Everyone known unable and no one 未登记: no such reason, and none of the priority either.
    const unable = scored(person(), job(), household({ membersEmployed: 0, anyMemberWithLaborCapacity: false }));
    const codes = unable.reasons.map((r) => r.code);
    expect(codes).not.toContain('need.no_one_employed_unverified');
    expect(codes).not.toContain('need.no_one_employed');
  });

  it('a course says how many jobs it opens when the job pool is known', () => {
    const result = scoreOpportunity(person(), household(), training(), graph, defaultWeights, {
      today: TODAY,
      jobsUnlocked: new Map([['t1', 14]]),
    });
    if (result.excluded) throw new Error('excluded');
    expect(renderReason(find(result.reasons, 'need.unlocks_jobs'))).toBe('学会后附近有 14 个岗位可以做');
  });
});
