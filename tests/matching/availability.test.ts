import { describe, expect, it } from 'vitest';
import { healthFromNotes } from '../../api/src/matching/health.ts';
import { monthlyPay } from '../../api/src/matching/pay.ts';
import { renderReason } from '../../api/src/matching/reasons.ts';
import { type ScoreResult, scoreOpportunity } from '../../api/src/matching/score.ts';
import type { Availability, MatchHousehold, MatchOpportunity, MatchPerson } from '../../api/src/matching/types.ts';
import { defaultWeights } from '../../api/src/matching/weights.ts';
import { household, job, north, person, TODAY } from './builders.ts';
import { testSkillGraph as graph } from './skill-graph.fixture.ts';

/** Issue 18: availability, take-home work, piece pay, reach for people who stay close, health, trades. */
const score = (p: MatchPerson, o: MatchOpportunity, h: MatchHousehold = household()): ScoreResult =>
  scoreOpportunity(p, h, o, graph, defaultWeights, { today: TODAY });
const codes = (result: ScoreResult) => result.reasons.map((r) => r.code);
const available = (where: Availability['where'], hours: Availability['hours'], from: string | null = null) => ({
  availability: { where, hours, availableFrom: from },
});

describe('availability is a hard constraint when stated', () => {
  it('a mother whose children attend the site school works full days inside the site, not outside', () => {
    const mother = person({ hasCareDuties: true, ...available('site', ['full_time', 'school_hours']) });
    const onSite = score(mother, job({ location: north(0.3) }));
    expect(onSite.excluded).toBe(false);
    expect(codes(onSite)).toContain('reach.on_site');
    expect(codes(onSite)).not.toContain('fit.carer_full_time');
    const outside = score(mother, job({ location: north(3) }));
    expect(outside).toMatchObject({ excluded: true, reasons: [{ code: 'reach.site_only' }] });
    expect(renderReason(outside.reasons[0])).toBe('只能在安置点内工作，这份工作在点外');
  });

  it('a carer who can only work at home gets no workshop job, even next door', () => {
    const carer = person({ hasCareDuties: true, ...available('home', ['part_time_morning', 'full_time']) });
    const result = score(carer, job({ location: north(0.2) }));
    expect(codes(result)).toEqual(['reach.home_only']);
    expect(renderReason(result.reasons[0])).toBe('只能居家做，这份工作要出门');
  });

  it('shift and night work need the person to have said so', () => {
    const days = person(available('commute', ['full_time']));
    expect(codes(score(days, job({ schedule: ['two_shifts'] })))).toEqual(['fit.hours_mismatch']);
    const shifts = person(available('commute', ['full_time', 'shifts']));
    expect(score(shifts, job({ schedule: ['two_shifts'] })).excluded).toBe(false);
    expect(score(shifts, job({ schedule: ['three_shifts'] })).excluded).toBe(true);
    expect(renderReason(score(days, job({ schedule: ['night'] })).reasons[0])).toBe(
      '工作时间（夜班）与您能上班的时间不符',
    );
  });

  it('someone free only from March is not offered a job that starts now', () => {
    const later = person(available('commute', ['full_time'], '2027-03-01'));
    expect(codes(score(later, job()))).toEqual(['fit.not_available_yet']);
    expect(score(later, job({ startDate: '2027-03-01' })).excluded).toBe(false);
  });

  it('a commute limit of half a kilometre is honoured', () => {
    const near = person({ maxCommuteKm: 0.5 });
    expect(score(near, job({ location: north(0.4) })).excluded).toBe(false);
    expect(codes(score(near, job({ location: north(2) })))).toEqual(['reach.too_far']);
  });
});

describe('take-home work and piece pay', () => {
  it('materials delivered to the site make piecework work at home, wherever they are picked up', () => {
    const carer = person({ maxCommuteKm: 3, ...available('home', ['part_time_morning']) });
    const far = job({ workMode: 'piecework_home', location: north(40) });
    expect(codes(score(carer, far))).toEqual(['reach.home_only']);
    const delivered = score(carer, { ...far, materialsDelivered: true });
    expect(delivered.excluded).toBe(false);
    expect(codes(delivered)).toContain('reach.materials_delivered');
  });

  it('a piece rate with expected output is a monthly range, scored as money', () => {
    expect(
      monthlyPay({ min: 1.2, max: 1.2, unit: 'piece', piecesPerMonth: 1500, piecesPerMonthMax: 2200 }, defaultWeights),
    ).toEqual({
      min: 1800,
      max: 2640,
    });
    expect(monthlyPay({ min: 1.2, max: 1.2, unit: 'piece' }, defaultWeights)).toBeNull();
    const noOneWorking = household({ membersEmployed: 0, perCapitaAnnualIncome: 3000 });
    const wage = score(person(), job({ location: north(0.2) }), noOneWorking);
    const pennies = score(
      person(),
      job({
        workMode: 'piecework_home',
        location: north(0.2),
        pay: { min: 1, max: 1, unit: 'piece', piecesPerMonth: 700 },
      }),
      noOneWorking,
    );
    expect(wage.excluded || pennies.excluded).toBe(false);
    if (!wage.excluded && !pennies.excluded) expect(wage.score).toBeGreaterThan(pennies.score);
  });
});

describe('reach for people who must stay close', () => {
  const shuttleJob = job({ location: north(30), shuttleSiteIds: ['site-1'], shuttleMinutes: 60 });
  it('a shuttle lifts the limit for someone able, not for the weak, the old, carers or the disabled', () => {
    expect(score(person(), shuttleJob).excluded).toBe(false);
    expect(codes(score(person({ laborCapacity: 'weak' }), shuttleJob))).toEqual(['reach.too_far']);
    expect(codes(score(person({ age: 62 }), shuttleJob))).toEqual(['reach.too_far']);
    expect(codes(score(person({ hasCareDuties: true }), shuttleJob))).toEqual(['reach.too_far']);
    const disabled = person({
      health: { disabilityKind: 'physical', disabilityGrade: 3, chronicIllness: false, limits: [] },
    });
    expect(codes(score(disabled, shuttleJob))).toEqual(['reach.too_far']);
  });

  it('a dormitory does not send away someone who must stay close', () => {
    const dorm = job({ location: north(50), accommodation: true });
    expect(score(person({ willingToWorkAway: true }), dorm).excluded).toBe(false);
    expect(score(person({ willingToWorkAway: true, laborCapacity: 'weak' }), dorm).excluded).toBe(true);
  });
});

describe('structured health', () => {
  const withLimits = (limits: NonNullable<MatchPerson['health']>['limits']) =>
    person({ health: { disabilityKind: null, disabilityGrade: null, chronicIllness: false, limits } });
  it('limits are hard constraints against the job’s physical facts', () => {
    expect(codes(score(withLimits(['no_standing_all_day']), job({ demands: ['standing_all_day'] })))).toEqual([
      'fit.health_limit',
    ]);
    expect(codes(score(withLimits(['no_heights']), job({ demands: ['heights'] })))).toEqual(['fit.health_limit']);
    expect(codes(score(withLimits(['no_night_work']), job({ schedule: ['night'] })))).toEqual(['fit.health_limit']);
    expect(codes(score(withLimits(['no_heavy_lifting']), job({ demands: ['heavy_lifting'] })))).toEqual([
      'fit.health_heavy',
    ]);
    expect(
      renderReason(score(withLimits(['no_standing_all_day']), job({ demands: ['standing_all_day'] })).reasons[0]),
    ).toBe('要整天站立，身体条件不适合');
  });

  it('a physical disability implies no heavy lifting', () => {
    const disabled = person({
      health: { disabilityKind: 'physical', disabilityGrade: 2, chronicIllness: false, limits: [] },
    });
    expect(score(disabled, job({ physicalDemand: 'heavy' })).excluded).toBe(true);
  });

  it('reads obvious facts out of free-text health notes', () => {
    expect(healthFromNotes('肢体残疾二级，左腿')).toEqual({
      disabilityKind: 'physical',
      disabilityGrade: 2,
      chronicIllness: false,
      limits: [],
    });
    expect(healthFromNotes('高血压，腰椎间盘突出')).toEqual({
      disabilityKind: null,
      disabilityGrade: null,
      chronicIllness: true,
      limits: ['no_heavy_lifting', 'no_heights'],
    });
    expect(healthFromNotes('身体健康')).toBeNull();
    expect(healthFromNotes(null)).toBeNull();
  });
});

describe('trades and public-welfare posts', () => {
  it('a certified welder is offered welding before loading work he can also do', () => {
    const welder = person({
      skills: [
        { code: 'welding', level: 3, certified: true },
        { code: 'loading', level: 2, certified: false },
      ],
    });
    const welding = score(
      welder,
      job({ requiredSkills: [{ code: 'welding', minLevel: 2 }], physicalDemand: 'medium' }),
    );
    const loading = score(welder, job({ requiredSkills: [{ code: 'loading', minLevel: 2 }], physicalDemand: 'heavy' }));
    if (welding.excluded || loading.excluded) throw new Error('unexpectedly excluded');
    expect(welding.score).toBeGreaterThan(loading.score);
    expect(codes(loading)).toContain('skill.under_uses_trade');
  });

  it('公益性岗位 follow their eligibility rules: weak labour, disability, age, a household in need', () => {
    const post = job({ publicWelfare: true, pay: { min: 1800, max: 1800, unit: 'month' } });
    expect(codes(score(person({ age: 30 }), post))).toEqual(['fit.public_welfare_ineligible']);
    expect(score(person({ age: 30, laborCapacity: 'weak' }), post).excluded).toBe(false);
    expect(score(person({ age: 52 }), post).excluded).toBe(false);
    expect(score(person({ age: 45 }), post, household({ monitored: true })).excluded).toBe(false);
    const skilled = person({ age: 45, skills: [{ code: 'cooking', level: 3, certified: false }] });
    expect(score(skilled, post, household({ monitored: true })).excluded).toBe(true);
  });

  it('a job can require a certificate of its own', () => {
    const cook = person({ skills: [{ code: 'cooking', level: 2, certified: false }] });
    const licensed = job({ requiredSkills: [{ code: 'cooking', minLevel: 2 }], certificateRequired: true });
    expect(codes(score(cook, licensed))).toEqual(['fit.certificate_missing']);
  });
});
