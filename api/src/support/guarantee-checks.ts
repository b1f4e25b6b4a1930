import type { Insertable } from 'kysely';
import type { Db } from '../db/database.ts';
import { evaluateAlerts } from '../tracking/evaluate-alerts.ts';
import type { GuaranteeCheckTable } from './support.tables.ts';

/**
 * Records a 三保障/饮水安全 check and re-evaluates the household's alerts in the same transaction:
 * a failed latest check opens 三保障未达标, a later passing check closes it. Returns the check's id.
 */
export function recordGuaranteeCheck(db: Db, values: Insertable<GuaranteeCheckTable>) {
  return db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('guaranteeChecks').values(values).returning('id').executeTakeFirstOrThrow();
    await evaluateAlerts(trx, { householdIds: [values.householdId] });
    return row.id;
  });
}
