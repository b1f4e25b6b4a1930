import { rankOpportunities } from '../../../api/src/matching/rank.ts';
import { defaultWeights, type MatchWeights } from '../../../api/src/matching/weights.ts';
import { testSkillGraph } from '../skill-graph.fixture.ts';
import { type Persona, personas } from './personas.ts';
import { EVAL_TODAY } from './places.ts';
import { evalJobs, evalPostings } from './postings.ts';

/**
 * Measures ranking quality on the labelled personas: for each, rank the whole pool (jobs,
 * courses and projects together, as the resident's "为你推荐" does) and compare with the labels.
 *
 * - precision@5: share of the top 5 that are labelled suitable, over min(5, number suitable).
 * - nDCG@10: binary gain (suitable = 1), ideal = all suitable first.
 * - unsuitable@10: labelled-unsuitable postings that reach the top 10 (should be none).
 *
 * Run `npx tsx tests/matching/eval/evaluate.ts` for the per-persona table.
 */
export interface PersonaScore {
  id: string;
  precisionAt5: number;
  ndcgAt10: number;
  unsuitableInTop10: string[];
  top5: string[];
}

export interface EvaluationResult {
  precisionAt5: number;
  ndcgAt10: number;
  unsuitableInTop10: number;
  personas: PersonaScore[];
}

export function evaluatePersona(persona: Persona, weights: MatchWeights = defaultWeights): PersonaScore {
  const ranked = rankOpportunities(persona.person, persona.household, evalPostings, testSkillGraph, weights, {
    limit: 10,
    today: EVAL_TODAY,
    jobPool: evalJobs,
  }).map((r) => r.opportunity.id);
  const suitable = new Set(persona.suitable);
  const unsuitable = new Set(persona.unsuitable);
  const top5 = ranked.slice(0, 5);
  const precisionAt5 = top5.filter((id) => suitable.has(id)).length / Math.min(5, suitable.size);
  const dcg = ranked.reduce((sum, id, i) => sum + (suitable.has(id) ? 1 / Math.log2(i + 2) : 0), 0);
  let ideal = 0;
  for (let i = 0; i < Math.min(10, suitable.size); i++) ideal += 1 / Math.log2(i + 2);
  return {
    id: persona.id,
    precisionAt5,
    ndcgAt10: ideal === 0 ? 0 : dcg / ideal,
    unsuitableInTop10: ranked.filter((id) => unsuitable.has(id)),
    top5,
  };
}

export function evaluate(weights: MatchWeights = defaultWeights): EvaluationResult {
  const scores = personas.map((persona) => evaluatePersona(persona, weights));
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  return {
    precisionAt5: mean(scores.map((s) => s.precisionAt5)),
    ndcgAt10: mean(scores.map((s) => s.ndcgAt10)),
    unsuitableInTop10: scores.reduce((sum, s) => sum + s.unsuitableInTop10.length, 0),
    personas: scores,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = evaluate();
  for (const s of result.personas) {
    console.log(
      `${s.id.padEnd(34)} P@5 ${s.precisionAt5.toFixed(2)}  nDCG@10 ${s.ndcgAt10.toFixed(2)}  top5 ${s.top5.join(' ')}${s.unsuitableInTop10.length ? `  UNSUITABLE ${s.unsuitableInTop10.join(' ')}` : ''}`,
    );
  }
  console.log(
    `\n${result.personas.length} personas, ${evalPostings.length} postings: precision@5 ${result.precisionAt5.toFixed(3)}, nDCG@10 ${result.ndcgAt10.toFixed(3)}, unsuitable in top 10: ${result.unsuitableInTop10}`,
  );
}
