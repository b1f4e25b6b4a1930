import type { z } from '@hono/zod-openapi';
import type { Selectable } from 'kysely';
import type { Actor } from '../access/actor.ts';
import type { Db } from '../db/database.ts';
import { mapPage, type PageRequest, paged } from '../http/paging.ts';
import { assessmentValues } from './assessment-values.ts';
import { evaluateAlerts } from './evaluate-alerts.ts';
import type { assessmentBody } from './schema.ts';
import { scopedHouseholds } from './scope.ts';
import type { IntegrationAssessmentTable } from './tracking.tables.ts';

/** An assessment row as stored (selectAll, returningAll); toAssessment turns it into the API shape. */
type Row = Selectable<IntegrationAssessmentTable>;
const toAssessment = (row: Row) => ({
  id: row.id,
  householdId: row.householdId,
  assessedOn: row.assessedOn,
  economic: row.economic,
  socialTies: row.socialTies,
  dailyLifeServices: row.dailyLifeServices,
  culturalParticipation: row.culturalParticipation,
  psychologicalBelonging: row.psychologicalBelonging,
  total: row.economic + row.socialTies + row.dailyLifeServices + row.culturalParticipation + row.psychologicalBelonging,
  childrenInLocalSchool: row.childrenInLocalSchool,
  medicalInsuranceTransferred: row.medicalInsuranceTransferred,
  householdRegistrationMoved: row.householdRegistrationMoved,
  returnsToOriginVillage: row.returnsToOriginVillage,
  notes: row.notes,
});

/** A page of the integration assessments (社区融入评估) the actor sees, newest first. */
export async function listAssessments(db: Db, actor: Actor, filter: { householdId?: string } & PageRequest) {
  let query = scopedHouseholds(db, actor).innerJoin(
    'integrationAssessments',
    'integrationAssessments.householdId',
    'households.id',
  );
  if (filter.householdId) query = query.where('integrationAssessments.householdId', '=', filter.householdId);
  const page = await paged(
    query,
    (q) =>
      q
        .selectAll('integrationAssessments')
        .orderBy('integrationAssessments.assessedOn', 'desc')
        .orderBy('integrationAssessments.id', 'desc'),
    filter,
  );
  return mapPage(page, toAssessment);
}

/** Records an assessment and re-evaluates the household's alerts in the same transaction. */
export async function recordAssessment(
  db: Db,
  household: { id: string; countyCode: string },
  assessorId: string,
  input: Omit<z.infer<typeof assessmentBody>, 'householdId'>,
) {
  const row = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('integrationAssessments')
      .values(assessmentValues(household, assessorId, input))
      .returningAll()
      .executeTakeFirstOrThrow();
    await evaluateAlerts(trx, { householdIds: [household.id] });
    return inserted;
  });
  return toAssessment(row);
}
