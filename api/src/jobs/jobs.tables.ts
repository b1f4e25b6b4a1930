import type { ColumnType, Generated } from 'kysely';

export type JobRunOutcome = 'running' | 'succeeded' | 'failed' | 'interrupted';

/** One run of a scheduled job (计划任务), scheduled or started by hand from the admin page. */
export interface JobRunTable {
  id: Generated<string>;
  jobName: string;
  trigger: 'schedule' | 'manual';
  requestedBy: string | null;
  startedAt: ColumnType<Date, Date | undefined, never>;
  finishedAt: Date | null;
  outcome: JobRunOutcome;
  /** What the run did, as JSON text on write (counts, milliseconds, the backup's name). */
  summary: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  error: string | null;
}

export interface JobTables {
  jobRuns: JobRunTable;
}
