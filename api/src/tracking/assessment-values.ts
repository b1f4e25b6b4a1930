import type { z } from '@hono/zod-openapi';
import type { assessmentBody } from './schema.ts';

/** The row of one integration assessment (融入评估), from the portal's form or a phone's offline record. */
export function assessmentValues(
  household: { id: string; countyCode: string },
  assessorId: string,
  input: Omit<z.infer<typeof assessmentBody>, 'householdId'>,
) {
  return {
    countyCode: household.countyCode,
    householdId: household.id,
    assessedOn: input.assessedOn,
    assessorId,
    economic: input.economic,
    socialTies: input.socialTies,
    dailyLifeServices: input.dailyLifeServices,
    culturalParticipation: input.culturalParticipation,
    psychologicalBelonging: input.psychologicalBelonging,
    childrenInLocalSchool: input.childrenInLocalSchool ?? null,
    medicalInsuranceTransferred: input.medicalInsuranceTransferred ?? null,
    householdRegistrationMoved: input.householdRegistrationMoved ?? null,
    returnsToOriginVillage: input.returnsToOriginVillage ?? null,
    notes: input.notes ?? null,
  };
}
