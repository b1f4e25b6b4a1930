import { chinaToday } from '@anju/domain/clock';
import { takeBackup } from '../backup/take-backup.ts';
import { inBatchTransaction } from '../db/database.ts';
import type { AppDeps } from '../http/env.ts';
import { evaluateAllAlerts } from '../tracking/evaluate-alerts.ts';
import { rebuildHouseholdSummaries } from '../tracking/summaries.ts';
import { setVisitDueYear } from '../tracking/visit-due.ts';
import { startDueDibaoReviews } from '../workflows/dibao-reviews.ts';
import { escalateOverdueSteps } from '../workflows/escalate.ts';
import { sendSavedSearchDigests } from './digest.ts';
import { trimLogs } from './trim.ts';
import { sendWorkDigests } from './work-digest.ts';

/** Schedules are read in China time, whatever the server's clock zone. */
export const JOB_TIMEZONE = 'Asia/Shanghai';

export type JobName =
  | 'alerts-evaluate'
  | 'saved-search-digest'
  | 'summaries-rebuild'
  | 'logs-trim'
  | 'backup'
  | 'workflows-escalate'
  | 'work-digest'
  | 'dibao-reviews';

/** One scheduled job (计划任务): its stable name, cron schedule (China time) and work. */
export interface JobDefinition {
  name: JobName;
  cron: string;
  /** pg-boss fails (and retries once) a run that takes longer. */
  expireInSeconds: number;
  run: (deps: AppDeps) => Promise<Record<string, unknown>>;
}

/**
 * Every scheduled job. Alerts are evaluated at night so the morning worklist has the visits that
 * fell overdue; the summaries' weekly rebuild is a safety net (triggers keep them current); the
 * backup runs only for the embedded PostgreSQL (an external one is backed up by its own tools).
 */
export function jobDefinitions(deps: Pick<AppDeps, 'config'>): JobDefinition[] {
  const jobs: JobDefinition[] = [
    {
      name: 'alerts-evaluate',
      cron: '0 2 * * *',
      expireInSeconds: 3600,
      // After New Year the stored visit due dates move to the new year's intervals first.
      run: async (d) => ({
        visitDueYearMoved: await setVisitDueYear(d.db, chinaToday()),
        ...(await evaluateAllAlerts(d)),
      }),
    },
    {
      name: 'saved-search-digest',
      cron: '0 8 * * *',
      expireInSeconds: 900,
      run: (d) => sendSavedSearchDigests(d.db),
    },
    {
      name: 'summaries-rebuild',
      cron: '30 3 * * 0',
      expireInSeconds: 3600,
      run: async (d) => inBatchTransaction(d.db, (trx) => rebuildHouseholdSummaries(trx)),
    },
    { name: 'logs-trim', cron: '0 4 * * *', expireInSeconds: 900, run: (d) => trimLogs(d.db) },
    // 督办: workflow steps overdue past the grace days go to the county officials.
    {
      name: 'workflows-escalate',
      cron: '30 2 * * *',
      expireInSeconds: 900,
      run: (d) => escalateOverdueSteps(d.db, chinaToday()),
    },
    { name: 'work-digest', cron: '30 7 * * *', expireInSeconds: 900, run: (d) => sendWorkDigests(d.db) },
    // 低保年度复核: each enrolment due its yearly review gets a 复核 workflow, once.
    {
      name: 'dibao-reviews',
      cron: '45 2 * * *',
      expireInSeconds: 1800,
      run: (d) => startDueDibaoReviews(d.db, chinaToday()),
    },
  ];
  if (!deps.config.databaseUrl)
    jobs.push({
      name: 'backup',
      cron: '0 3 * * *',
      expireInSeconds: 4 * 3600,
      run: async (d) => {
        const { name, bytes, ms, removed } = await takeBackup(d);
        return { name, bytes, ms, removed: removed.length };
      },
    });
  return jobs;
}
