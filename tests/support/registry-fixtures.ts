import type { EmploymentStatus, LaborCapacity, Relation } from '@anju/domain/enums';
import { makeIdNumber } from '@anju/domain/id-number';
import type { Db } from '../../api/src/db/database.ts';
import { sealIdNumber } from '../../api/src/registry/id-number.ts';
import type { TestContext } from './context.ts';

/** The test key (see testConfig): fixtures seal ID numbers exactly as the app does. */
export const TEST_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');

/**
 * The sequence part (3 digits) of generated ID numbers: consecutive from a random start, so the
 * numbers of one test file (one database) never repeat for up to 1,000 people of the same birth
 * date, and separate runs still differ. (Random per call collided: the birthday problem.)
 */
let sequence = Math.floor(Math.random() * 1000);
/** A fresh valid fictional ID number (5299xx prefix) born on the given day. */
export function newIdNumber(birthDate = '1985-03-15', region = '529901'): string {
  sequence = (sequence + 1) % 1000;
  return makeIdNumber(region, birthDate, sequence);
}

export interface MemberFixture {
  name: string;
  relation?: Relation;
  idNumber?: string | null;
  birthDate?: string;
  phone?: string | null;
  laborCapacity?: LaborCapacity;
  employmentStatus?: EmploymentStatus;
}

/** A household on a site with members, written straight to the database. */
export async function createHousehold(
  db: Db,
  siteId: string,
  members: MemberFixture[] = [{ name: '张三', relation: 'head' }],
  options: { householdNumber?: string; responsibleWorkerId?: string | null } = {},
) {
  const site = await db.selectFrom('regions').select('countyCode').where('id', '=', siteId).executeTakeFirstOrThrow();
  const household = await db
    .insertInto('households')
    .values({
      householdNumber: options.householdNumber ?? `HH-${Math.random().toString(36).slice(2, 10)}`,
      siteId,
      countyCode: site.countyCode as string,
      building: '1',
      unit: '2',
      room: '301',
      originCounty: null,
      originTownship: null,
      originVillage: null,
      relocationDate: '2019-06-01',
      responsibleWorkerId: options.responsibleWorkerId ?? null,
    })
    .returning(['id', 'householdNumber', 'countyCode'])
    .executeTakeFirstOrThrow();
  const persons = [];
  for (const member of members) {
    const idNumber = member.idNumber === undefined ? newIdNumber(member.birthDate) : member.idNumber;
    const sealed = idNumber
      ? sealIdNumber(TEST_ENCRYPTION_KEY, idNumber)
      : { idNumberEncrypted: null, idNumberHash: null, idNumberMasked: null };
    const person = await db
      .insertInto('persons')
      .values({
        householdId: household.id,
        countyCode: household.countyCode,
        name: member.name,
        ...sealed,
        birthDate:
          member.birthDate ??
          (idNumber ? `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}` : null),
        sex: null,
        phone: member.phone === undefined ? '13912345678' : member.phone,
        relation: member.relation ?? 'head',
        education: null,
        healthNotesEncrypted: null,
        maxCommuteKm: null,
        laborCapacity: member.laborCapacity ?? 'full',
        employmentStatus: member.employmentStatus ?? 'unemployed_seeking',
      })
      .returning(['id', 'name'])
      .executeTakeFirstOrThrow();
    persons.push({ ...person, idNumber });
  }
  return { ...household, persons };
}

export async function createSkill(db: Db, code: string, nameZh: string) {
  await db
    .insertInto('skills')
    .values({
      code,
      nameZh,
      nameEn: code,
      category: 'test',
      parentCode: null,
      occupationCode: null,
      occupationEdition: null,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/**
 * A roster file posted to the import endpoint as the portal posts it (multipart, field `file`), in
 * process. `query` is the endpoint's query string (dryRun, keepValid, download).
 */
export async function uploadRoster(
  app: TestContext['app'],
  cookie: string,
  file: string | Buffer,
  query = 'dryRun=false',
  fileName = 'roster.csv',
): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([typeof file === 'string' ? file : new Uint8Array(file)]), fileName);
  return app.request(`/api/imports/roster?${query}`, { method: 'POST', body: form, headers: { cookie } });
}
