import type { Insertable } from 'kysely';
import type { Db } from '../../api/src/db/database.ts';
import type { ProjectTable } from '../../api/src/opportunities/opportunities.tables.ts';

/** An open industry project (产业项目) near the test site coordinates, taking on participants. */
export async function insertOpenProject(db: Db, employerId: string, overrides: Partial<Insertable<ProjectTable>> = {}) {
  return db
    .insertInto('projects')
    .values({
      employerId,
      title: '食用菌产业基地',
      description: '',
      status: 'open',
      address: null,
      lat: 26.59,
      lng: 106.72,
      startDate: null,
      deadline: null,
      createdBy: null,
      kind: 'planting',
      siteIds: [],
      requiredSkills: JSON.stringify([]),
      positions: 10,
      participationModes: ['wage'],
      expectedIncomeMin: 2000,
      expectedIncomeMax: 3000,
      incomeUnit: 'month',
      ...overrides,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
