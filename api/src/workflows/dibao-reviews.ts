import { addDays } from '@anju/domain/dates';
import { DIBAO_REVIEW_LEAD_DAYS, DIBAO_REVIEW_MONTHS } from '@anju/domain/workflows';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { evaluateAlerts } from '../tracking/evaluate-alerts.ts';
import { openWorkflow } from './engine.ts';

/** The reason a scheduled 复核 carries (shown in its trail). */
export const SCHEDULED_REVIEW_REASON = '低保年度复核（到期自动启动）';

/**
 * 低保 enrolments due their yearly review (复核) with no review open: enrolled or renewed
 * `DIBAO_REVIEW_MONTHS` ago or more, or within `DIBAO_REVIEW_LEAD_DAYS` of the end of their
 * validity; or marked review_due with no workflow to carry it.
 */
export async function dibaoReviewsDue(db: Db, today: string) {
  return db
    .selectFrom('dibaoEnrolments as e')
    .innerJoin('households', 'households.id', 'e.householdId')
    .innerJoin('regions as site', 'site.id', 'households.siteId')
    .select([
      'households.id',
      'households.countyCode',
      'households.siteId',
      'site.path as sitePath',
      'households.householdNumber',
      'households.monitoringCategory',
      'households.responsibleWorkerId',
    ])
    .where((eb) =>
      eb.or([
        eb('e.state', '=', 'review_due'),
        eb.and([
          eb('e.state', 'in', ['enrolled', 'renewed']),
          eb.or([
            eb(
              'e.stateSince',
              '<=',
              sql<string>`(${today}::date - make_interval(months => ${DIBAO_REVIEW_MONTHS}))::date`,
            ),
            eb('e.validUntil', '<=', addDays(today, DIBAO_REVIEW_LEAD_DAYS)),
          ]),
        ]),
      ]),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('workflows')
            .select('workflows.id')
            .whereRef('workflows.householdId', '=', 'e.householdId')
            .where('workflows.kind', '=', 'dibao_review')
            .where('workflows.state', '=', 'open'),
        ),
      ),
    )
    .orderBy('households.id')
    .execute();
}

/**
 * The nightly job: opens a 低保复核 workflow for each enrolment due one, once (a review open for
 * the household is never opened again; the unique open-kind index keeps two runs from racing).
 * Each in its own transaction, so one refused household does not hold up the others.
 */
export async function startDueDibaoReviews(db: Db, today: string): Promise<{ started: number; skipped: number }> {
  let started = 0;
  let skipped = 0;
  for (const household of await dibaoReviewsDue(db, today)) {
    try {
      await db.transaction().execute(async (trx) => {
        await openWorkflow(trx, { userId: null }, 'schedule', household, {
          kind: 'dibao_review',
          reason: SCHEDULED_REVIEW_REASON,
        });
        await evaluateAlerts(trx, { householdIds: [household.id] });
      });
      started += 1;
    } catch {
      // Changed meanwhile (a review opened by hand, the enrolment exited): the next run looks again.
      skipped += 1;
    }
  }
  return { started, skipped };
}
