import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { loadSkillGraph } from './load.ts';
import type { SkillGraph } from './skill-graph.ts';

interface Cached {
  fingerprint: string;
  graph: SkillGraph;
}

const cache = new WeakMap<Db, Cached>();

/**
 * The taxonomy's fingerprint: its row count and the sum of its rows' transaction ids. Any
 * insert, update or delete of a skill (through the admin routes, the seed, another API process
 * or a test fixture) changes it, so the cache needs no invalidation call and cannot go stale.
 * Reading it costs one scan of a few hundred rows — far less than rebuilding the graph.
 */
async function fingerprintOf(db: Db): Promise<string> {
  const { rows } = await sql<{ n: string; v: string | null }>`
    select count(*)::text as n, sum(xmin::text::bigint)::text as v from skills`.execute(db);
  return `${rows[0].n}:${rows[0].v ?? ''}`;
}

/**
 * The skill graph, kept in process per database between requests and rebuilt when the
 * taxonomy changes. Keeping it also keeps its memo of skill relations warm, which scoring
 * asks thousands of times per request.
 */
export async function cachedSkillGraph(db: Db): Promise<SkillGraph> {
  const fingerprint = await fingerprintOf(db);
  const known = cache.get(db);
  if (known?.fingerprint === fingerprint) return known.graph;
  const graph = await loadSkillGraph(db);
  // A write between the fingerprint and the load only makes the next request rebuild again.
  cache.set(db, { fingerprint, graph });
  return graph;
}
