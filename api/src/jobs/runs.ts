import { clock } from '@anju/domain/clock';
import cronParser from 'cron-parser';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { AppDeps } from '../http/env.ts';
import { JOB_TIMEZONE, type JobDefinition } from './catalog.ts';
import type { JobRunOutcome } from './jobs.tables.ts';

export interface RunRequest {
  trigger: 'schedule' | 'manual';
  requestedBy?: string | null;
}

/**
 * Runs a job and records it in `job_runs`: started, then succeeded with its summary or failed
 * with the error (rethrown, so pg-boss retries). The queue runs one of each job at a time, so a
 * run of the same job still marked running was cut off (its process died): it is interrupted.
 */
export async function runRecorded(deps: AppDeps, job: JobDefinition, request: RunRequest): Promise<void> {
  const { db } = deps;
  const { id } = await db
    .insertInto('jobRuns')
    .values({
      jobName: job.name,
      trigger: request.trigger,
      requestedBy: request.requestedBy ?? null,
      outcome: 'running',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('jobRuns')
    .set({ outcome: 'interrupted', finishedAt: sql<Date>`now()` })
    .where('jobName', '=', job.name)
    .where('outcome', '=', 'running')
    .where('id', '<', id)
    .execute();
  try {
    const summary = await job.run(deps);
    await db
      .updateTable('jobRuns')
      .set({ outcome: 'succeeded', finishedAt: sql<Date>`now()`, summary: JSON.stringify(summary) })
      .where('id', '=', id)
      .execute();
    deps.logger.info({ job: job.name, summary }, 'scheduled job done');
  } catch (error) {
    await db
      .updateTable('jobRuns')
      .set({
        outcome: 'failed',
        finishedAt: sql<Date>`now()`,
        error: String((error as Error)?.message ?? error).slice(0, 2000),
      })
      .where('id', '=', id)
      .execute();
    deps.logger.error({ job: job.name, err: error }, 'scheduled job failed');
    throw error;
  }
}

export interface JobStatus {
  name: string;
  cron: string;
  timezone: string;
  nextRunAt: string;
  lastRun: {
    trigger: 'schedule' | 'manual';
    startedAt: string;
    finishedAt: string | null;
    outcome: JobRunOutcome;
    summary: Record<string, unknown> | null;
    error: string | null;
  } | null;
}

export function nextRunOf(cron: string, after = clock()): Date {
  return cronParser.parseExpression(cron, { tz: JOB_TIMEZONE, currentDate: after }).next().toDate();
}

/** Each job with its schedule, its latest run and its next scheduled time. */
export async function listJobStatus(db: Db, jobs: JobDefinition[], now = clock()): Promise<JobStatus[]> {
  const latest = await db
    .selectFrom('jobRuns')
    .distinctOn('jobName')
    .selectAll()
    .where(
      'jobName',
      'in',
      jobs.map((job) => job.name),
    )
    .orderBy('jobName')
    .orderBy('startedAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const byName = new Map(latest.map((run) => [run.jobName, run]));
  return jobs.map((job) => {
    const run = byName.get(job.name);
    return {
      name: job.name,
      cron: job.cron,
      timezone: JOB_TIMEZONE,
      nextRunAt: nextRunOf(job.cron, now).toISOString(),
      lastRun: run
        ? {
            trigger: run.trigger,
            startedAt: run.startedAt.toISOString(),
            finishedAt: run.finishedAt?.toISOString() ?? null,
            outcome: run.outcome,
            summary: run.summary,
            error: run.error,
          }
        : null,
    };
  });
}
