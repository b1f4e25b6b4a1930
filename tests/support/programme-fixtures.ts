import { chinaToday } from '@anju/domain/clock';
import { addDays } from '@anju/domain/dates';
import type { Db } from '../../api/src/db/database.ts';
import type { RegionTree } from './fixtures.ts';
import { createHouseholdWithPerson } from './matching-fixtures.ts';
import { makeCreditCode } from './opportunity-fixtures.ts';

export interface ProgrammeTargets {
  /** A labour-export batch organised from the site, 40 days ago. */
  batch: { id: string };
  /** A member of that batch (a person of its own household on the site). */
  member: { id: string };
  /** A 公益性岗位 at the site, quota 5, no eligibility rules. */
  post: { id: string };
  /** An assignment on that post, covering today (another household of the site). */
  assignment: { id: string };
  /** A 帮扶车间 (pending) at the site, of an employer no matrix account manages. */
  workshop: { id: string };
  /** An employer with no workshop record yet (to apply for recognition). */
  workshopCandidate: { id: string };
  /** A qualified training subsidy for the migrant, this year. */
  subsidy: { id: string };
}

async function insertEmployer(db: Db, name: string) {
  return db
    .insertInto('employers')
    .values({
      name,
      kind: 'workshop',
      creditCode: makeCreditCode(),
      contactName: '联系人',
      contactPhone: '13912345678',
      address: null,
      lat: 26.58,
      lng: 106.71,
      regionId: null,
      verified: true,
      verifiedAt: null,
      verifiedBy: null,
      createdBy: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Programme records at a site, inserted directly, for the authorisation matrix. */
export async function makeProgrammeTargets(
  db: Db,
  place: { site: RegionTree['siteA1']; county: { code: string } },
  createdBy: string,
): Promise<ProgrammeTargets> {
  const today = chinaToday();
  const countyCode = place.county.code;
  const batch = await db
    .insertInto('laborExportBatches')
    .values({
      countyCode,
      siteId: place.site.id,
      destinationEmployer: '矩阵测试厂',
      destinationRegion: '广东省东莞市',
      departureDate: addDays(today, -40),
      transport: 'chartered_bus',
      organiser: '矩阵',
      note: null,
      createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const migrant = await createHouseholdWithPerson(db, place.site, countyCode);
  const member = await db
    .insertInto('laborExportMembers')
    .values({
      countyCode,
      batchId: batch.id,
      personId: migrant.personId,
      householdId: migrant.householdId,
      workplace: null,
      contractStart: null,
      contractEnd: null,
      monthlyPayYuan: 4000,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const post = await db
    .insertInto('welfarePosts')
    .values({
      countyCode,
      siteId: place.site.id,
      title: '矩阵保洁员',
      duties: null,
      quota: 5,
      monthlyPayYuan: 800,
      eligibility: '{}',
      createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const holder = await createHouseholdWithPerson(db, place.site, countyCode);
  const assignment = await db
    .insertInto('welfarePostAssignments')
    .values({
      countyCode,
      postId: post.id,
      personId: holder.personId,
      householdId: holder.householdId,
      startOn: addDays(today, -60),
      endOn: addDays(today, 300),
      endedOn: null,
      createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const operator = await insertEmployer(db, '矩阵帮扶车间');
  const workshop = await db
    .insertInto('workshopRecognitions')
    .values({
      countyCode,
      employerId: operator.id,
      siteId: place.site.id,
      minRelocatedEmployed: 1,
      minRelocatedShare: 0.1,
      totalEmployed: 10,
      decidedBy: null,
      decidedOn: null,
      note: null,
      createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const workshopCandidate = await insertEmployer(db, '矩阵待认定车间');
  const subsidy = await db
    .insertInto('subsidyEntries')
    .values({
      countyCode,
      siteId: place.site.id,
      kind: 'training',
      personId: migrant.personId,
      householdId: migrant.householdId,
      employerId: null,
      basis: 'course:matrix',
      period: today.slice(0, 4),
      amountYuan: 1000,
      appliedOn: null,
      approvedOn: null,
      paidOn: null,
      createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { batch, member, post, assignment, workshop, workshopCandidate, subsidy };
}
