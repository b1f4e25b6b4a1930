import { sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { householdVisible } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import { mapPage, type PageRequest, paged } from '../http/paging.ts';

/**
 * Potential duplicates: two people in different households with the same name and birth date,
 * both within the actor's scope; a dismissed pair stays off the list.
 */
export async function duplicatePairs(db: Db, actor: Actor, request: PageRequest) {
  const visible = db
    .selectFrom('persons')
    .innerJoin('households', 'households.id', 'persons.householdId')
    .innerJoin('regions as site', 'site.id', 'households.siteId')
    .where(householdVisible(actor))
    .where('persons.birthDate', 'is not', null)
    .select([
      'persons.id',
      'persons.name',
      'persons.birthDate',
      'persons.idNumberMasked',
      'persons.householdId',
      'persons.relation',
      'households.householdNumber',
      'site.name as siteName',
    ]);
  const pairs = db
    .with('v', () => visible)
    .selectFrom('v as a')
    .innerJoin('v as b', (join) =>
      join
        .onRef('a.name', '=', 'b.name')
        .onRef('a.birthDate', '=', 'b.birthDate')
        .onRef('a.householdId', '!=', 'b.householdId')
        .on(sql<boolean>`a.id < b.id`),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('duplicateDismissals as d')
            .select('d.firstPersonId')
            .whereRef('d.firstPersonId', '=', 'a.id')
            .whereRef('d.secondPersonId', '=', 'b.id'),
        ),
      ),
    );
  const page = await paged(
    pairs,
    (filtered) =>
      filtered
        .select([
          'a.id as aId',
          'a.name as aName',
          'a.birthDate as aBirth',
          'a.idNumberMasked as aId18',
          'a.householdId as aHousehold',
          'a.householdNumber as aNumber',
          'a.relation as aRelation',
          'a.siteName as aSite',
          'b.id as bId',
          'b.name as bName',
          'b.birthDate as bBirth',
          'b.idNumberMasked as bId18',
          'b.householdId as bHousehold',
          'b.householdNumber as bNumber',
          'b.relation as bRelation',
          'b.siteName as bSite',
        ])
        .orderBy('a.id')
        .orderBy('b.id'),
    request,
  );
  return mapPage(page, (p) => ({
    reason: 'same_name_and_birth_date' as const,
    personA: {
      id: p.aId,
      name: p.aName,
      birthDate: p.aBirth,
      idNumber: p.aId18,
      householdId: p.aHousehold,
      householdNumber: p.aNumber,
      relation: p.aRelation,
      siteName: p.aSite,
    },
    personB: {
      id: p.bId,
      name: p.bName,
      birthDate: p.bBirth,
      idNumber: p.bId18,
      householdId: p.bHousehold,
      householdNumber: p.bNumber,
      relation: p.bRelation,
      siteName: p.bSite,
    },
  }));
}
