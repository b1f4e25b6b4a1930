import { sql } from 'kysely';
import { sessionPolicy } from '../access/sessions.ts';
import { throttlePolicy } from '../access/throttle.ts';
import type { Db } from '../db/database.ts';
import { JOB_DELETIONS_KEPT_MS } from '../matching/open-jobs.ts';

/** How long the admin page's run history goes back. */
export const JOB_RUNS_KEPT_DAYS = 90;

const ago = (ms: number) => sql<Date>`now() - ${`${ms} milliseconds`}::interval`;

/**
 * 清理过期记录: rows of logs that would otherwise grow forever and that nothing reads any more —
 * sessions past their idle or absolute lifetime, login throttle rows already forgotten, job
 * deletions older than any open-jobs snapshot may be, and old job runs. The audit log stays.
 */
export async function trimLogs(db: Db): Promise<Record<string, number>> {
  const sessions = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expiresAt', '<=', sql<Date>`now()`), eb('lastSeenAt', '<=', ago(sessionPolicy.idleMs))]))
    .executeTakeFirst();
  const throttle = await db
    .deleteFrom('loginThrottle')
    .where('updatedAt', '<', ago(throttlePolicy.forgetAfterMs))
    .where((eb) => eb.or([eb('blockedUntil', 'is', null), eb('blockedUntil', '<', sql<Date>`now()`)]))
    .executeTakeFirst();
  const deletions = await sql`delete from job_deletions where deleted_at < ${ago(JOB_DELETIONS_KEPT_MS)}`.execute(db);
  const runs = await db
    .deleteFrom('jobRuns')
    .where('startedAt', '<', ago(JOB_RUNS_KEPT_DAYS * 24 * 60 * 60 * 1000))
    .where('outcome', '!=', 'running')
    .executeTakeFirst();
  return {
    sessions: Number(sessions.numDeletedRows),
    loginThrottle: Number(throttle.numDeletedRows),
    jobDeletions: Number(deletions.numAffectedRows ?? 0),
    jobRuns: Number(runs.numDeletedRows),
  };
}
