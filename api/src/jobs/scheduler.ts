import PgBoss from 'pg-boss';
import type { AppDeps } from '../http/env.ts';
import { JOB_TIMEZONE, type JobDefinition, jobDefinitions } from './catalog.ts';
import { type RunRequest, runRecorded } from './runs.ts';

/** The scheduler as routes see it: the jobs this install runs, and "run now". */
export interface JobQueue {
  jobs: JobDefinition[];
  /** Queues a run; false when one was already waiting (the queue keeps one waiting, one running). */
  runNow: (name: string, requestedBy: string) => Promise<boolean>;
  stop: () => Promise<void>;
}

export interface JobQueueOptions {
  /** The same database the app uses; pg-boss keeps its own small pool and `pgboss` schema. */
  databaseUrl: string;
  /** Put the cron schedules in place (off: tests that only want "run now"). */
  schedule?: boolean;
}

/**
 * pg-boss (10.4.2: the last release for Node 20) runs Anju's scheduled work: cron schedules in
 * China time, at most one run of each job at a time across every API process ('stately'
 * queues, SKIP LOCKED), one retry after 5 minutes, and expiry of a run whose process died.
 * It creates and migrates its `pgboss` schema itself at start. Chosen over graphile-worker
 * (whose releases for Node 20 are older and pull in a config/CLI stack we do not need) for its
 * small dependency list and its time-zone-aware cron.
 */
export async function startJobQueue(deps: AppDeps, options: JobQueueOptions): Promise<JobQueue> {
  const jobs = jobDefinitions(deps);
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    max: 3,
    schema: 'pgboss',
    application_name: 'anju-jobs',
    schedule: options.schedule ?? true,
    supervise: true,
    migrate: true,
  });
  boss.on('error', (error) => deps.logger.warn({ err: error }, 'job queue'));
  await boss.start();
  for (const job of jobs) {
    await boss.createQueue(job.name, {
      name: job.name,
      policy: 'stately',
      retryLimit: 1,
      retryDelay: 300,
      expireInSeconds: job.expireInSeconds,
    });
    await boss.work<RunRequest>(job.name, { pollingIntervalSeconds: 5 }, async ([entry]) =>
      runRecorded(deps, job, entry.data),
    );
  }
  if (options.schedule ?? true) {
    for (const job of jobs) await boss.schedule(job.name, job.cron, { trigger: 'schedule' }, { tz: JOB_TIMEZONE });
    // A job no longer in the list (the backup once DATABASE_URL is set) stops being scheduled.
    for (const known of await boss.getSchedules())
      if (!jobs.some((job) => job.name === known.name)) await boss.unschedule(known.name);
  }
  return {
    jobs,
    runNow: async (name, requestedBy) => {
      try {
        return (await boss.send(name, { trigger: 'manual', requestedBy } satisfies RunRequest)) !== null;
      } catch (error) {
        // A 'stately' queue refuses a second waiting job with a unique violation.
        if ((error as { code?: string }).code === '23505') return false;
        throw error;
      }
    },
    stop: () => boss.stop({ graceful: true, timeout: 20_000, wait: true }),
  };
}
