import { pieceMonthlyRange } from '@anju/domain/pay';
import type { MatchOpportunity, Pay } from './types.ts';
import type { MatchWeights } from './weights.ts';

export interface MonthlyPay {
  min: number;
  max: number;
}

/** A pay offer as a monthly estimate: daily wages × working days, piece rates × usual output. */
export function monthlyPay(pay: Pay | null, weights: MatchWeights): MonthlyPay | null {
  if (!pay) return null;
  if (pay.unit === 'piece') {
    if (pay.piecesPerMonth == null) return null;
    return pieceMonthlyRange(pay.min, pay.max, pay.piecesPerMonth, pay.piecesPerMonthMax ?? null);
  }
  const factor = pay.unit === 'month' ? 1 : pay.unit === 'day' ? weights.need.workDaysPerMonth : null;
  if (factor === null) return null;
  return { min: Math.round(pay.min * factor), max: Math.round(pay.max * factor) };
}

/** Working days a month of a job worked at weekends only (周末班). */
export const WEEKEND_DAYS_PER_MONTH = 8;

/** The monthly income an opportunity brings one participant; trainings bring none. */
export function opportunityMonthlyPay(opportunity: MatchOpportunity, weights: MatchWeights): MonthlyPay | null {
  if (opportunity.kind === 'job') {
    const monthly = monthlyPay(opportunity.pay, weights);
    const weekendsOnly = opportunity.schedule?.length === 1 && opportunity.schedule[0] === 'weekends';
    if (!monthly || !weekendsOnly || opportunity.pay?.unit !== 'day') return monthly;
    const share = WEEKEND_DAYS_PER_MONTH / weights.need.workDaysPerMonth;
    return { min: Math.round(monthly.min * share), max: Math.round(monthly.max * share) };
  }
  if (opportunity.kind === 'project' && opportunity.expectedMonthlyIncome !== null) {
    return { min: opportunity.expectedMonthlyIncome, max: opportunity.expectedMonthlyIncome };
  }
  return null;
}
