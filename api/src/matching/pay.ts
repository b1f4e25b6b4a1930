import type { MatchOpportunity, Pay } from './types.ts';
import type { MatchWeights } from './weights.ts';

export interface MonthlyPay {
  min: number;
  max: number;
}

/** A pay offer as a monthly estimate: daily wages × working days, piece rates × usual output. */
export function monthlyPay(pay: Pay | null, weights: MatchWeights): MonthlyPay | null {
  if (!pay) return null;
  const factor =
    pay.unit === 'month' ? 1 : pay.unit === 'day' ? weights.need.workDaysPerMonth : (pay.piecesPerMonth ?? null);
  if (factor === null) return null;
  return { min: Math.round(pay.min * factor), max: Math.round(pay.max * factor) };
}

/** The monthly income an opportunity brings one participant; trainings bring none. */
export function opportunityMonthlyPay(opportunity: MatchOpportunity, weights: MatchWeights): MonthlyPay | null {
  if (opportunity.kind === 'job') return monthlyPay(opportunity.pay, weights);
  if (opportunity.kind === 'project' && opportunity.expectedMonthlyIncome !== null) {
    return { min: opportunity.expectedMonthlyIncome, max: opportunity.expectedMonthlyIncome };
  }
  return null;
}
