import { chinaToday } from '@anju/domain/clock';
import { addDays } from '@anju/domain/dates';
import type { Db } from '../../api/src/db/database.ts';
import type { RegionTree } from './fixtures.ts';
import { createHouseholdWithPerson } from './matching-fixtures.ts';

export interface ProgrammeTargets {
  /** A labour-export batch organised from the site, 40 days ago. */
  batch: { id: string };
  /** A member of that batch (a person of its own household on the site). */
  member: { id: string };
  /** A 公益性岗位 at the site, quota 5, no eligibility rules. */
  post: { id: string };
  /** An assignment on that post, covering today (another household of the site). */
  assignment: { id: string };
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
  return { batch, member, post, assignment };
}
