import type {
  EducationLevel,
  EmploymentStatus,
  LaborCapacity,
  MonitoringCategory,
  Relation,
  WorkMode,
} from '@anju/domain/enums';
import type { Db } from '../../db/database.ts';
import { insertRegion } from '../../regions/queries.ts';
import { personName, placeName } from './names.ts';
import type { Random } from './random.ts';

export interface RegistryScale {
  counties: number;
  sites: number;
  households: number;
}

export interface IdentityCodec {
  /** Builds a valid 18-character 身份证号 for a region code, birth date and sequence. */
  make: (regionCode: string, birthDate: string, sequence: number, sex: 'male' | 'female') => string;
  /** What the registry stores for it: encrypted value, keyed hash and masked form. */
  protect: (idNumber: string) => { encrypted: string; hash: string; masked: string };
}

export interface GeneratedSite {
  id: string;
  code: string;
  countyCode: string;
  lat: number;
  lng: number;
}

export interface GeneratedRegistry {
  cityCode: string;
  counties: { id: string; code: string; lat: number; lng: number }[];
  sites: GeneratedSite[];
  households: number;
  persons: number;
}

const BATCH = 1000;
const isoDate = (date: Date) => date.toISOString().slice(0, 10);

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

/** 1 city → counties → townships → resettlement sites, a few large urban ones and many small. */
async function generateRegions(db: Db, random: Random, scale: RegistryScale, cityCode: string) {
  await insertRegion(db, { code: cityCode, name: placeName(random, '市（虚构）'), level: 'city' });
  const counties: GeneratedRegistry['counties'] = [];
  const sites: (GeneratedSite & { weight: number })[] = [];
  const sitesPerCounty = Math.ceil(scale.sites / scale.counties);
  for (let c = 1; c <= scale.counties; c++) {
    const countyCode = `${cityCode.slice(0, 4)}${String(c).padStart(2, '0')}`;
    const county = await insertRegion(db, {
      code: countyCode,
      name: placeName(random, '县'),
      level: 'county',
      parentCode: cityCode,
    });
    const center = { lat: 26 + random.next() * 1.5, lng: 106.5 + random.next() * 2 };
    counties.push({ id: county.id, code: countyCode, ...center });
    const townships = Math.max(1, Math.ceil(sitesPerCounty / 5));
    for (let t = 1; t <= townships; t++) {
      const townshipCode = `${countyCode}${String(t).padStart(3, '0')}`;
      await insertRegion(db, {
        code: townshipCode,
        name: placeName(random, '镇'),
        level: 'township',
        parentCode: countyCode,
      });
      for (let s = 1; s <= 5 && sites.length < Math.min(scale.sites, c * sitesPerCounty); s++) {
        const siteCode = `${townshipCode}${String(s).padStart(3, '0')}`;
        const site = await insertRegion(db, {
          code: siteCode,
          name: `${placeName(random, '')}${random.pick(['家园', '新村', '社区', '小区'])}安置点`,
          level: 'site',
          parentCode: townshipCode,
        });
        const large = sites.length % 25 === 0; // about one in 25 is a large urban site
        sites.push({
          id: site.id,
          code: siteCode,
          countyCode,
          lat: center.lat + random.normal(0, 0.12),
          lng: center.lng + random.normal(0, 0.12),
          weight: large ? random.int(40, 80) : random.int(1, 8),
        });
      }
    }
  }
  for (const site of sites) {
    const large = site.weight >= 40;
    await db
      .insertInto('sites')
      .values({
        regionId: site.id,
        kind: large || random.chance(0.7) ? 'concentrated' : 'scattered',
        setting: large || random.chance(0.4) ? 'urban' : 'rural',
        address: null,
        lat: site.lat,
        lng: site.lng,
        capacityHouseholds: null,
        facilities: random.sample(
          ['school', 'clinic', 'workshop', 'job_service_point', 'kindergarten'],
          large ? 5 : random.int(0, 3),
        ),
      })
      .execute();
  }
  return { counties, sites };
}

interface PersonDraft {
  relation: Relation;
  sex: 'male' | 'female';
  age: number;
}

/** A household's members: a head, usually a spouse, children, sometimes elders and grandchildren. */
function householdMembers(random: Random): PersonDraft[] {
  const headAge = Math.round(random.normal(47, 12, 22, 82));
  const headSex = random.chance(0.82) ? 'male' : 'female';
  const members: PersonDraft[] = [{ relation: 'head', sex: headSex, age: headAge }];
  if (random.chance(headAge > 70 ? 0.5 : 0.85)) {
    members.push({
      relation: 'spouse',
      sex: headSex === 'male' ? 'female' : 'male',
      age: Math.round(random.normal(headAge - 2, 3, 20, 90)),
    });
  }
  const children =
    headAge < 30
      ? random.int(0, 2)
      : random.weighted([
          [0, 1],
          [1, 3],
          [2, 4],
          [3, 2],
        ] as const);
  for (let i = 0; i < children; i++) {
    const age = Math.max(0, Math.round(random.normal(headAge - 26, 5, 0, headAge - 16)));
    members.push({ relation: 'child', sex: random.chance(0.52) ? 'male' : 'female', age });
  }
  if (headAge < 55 && random.chance(0.3)) {
    members.push({
      relation: 'parent',
      sex: random.chance(0.45) ? 'male' : 'female',
      age: Math.round(random.normal(headAge + 27, 4, headAge + 17, 98)),
    });
  }
  if (headAge > 50 && random.chance(0.35)) {
    for (let i = random.int(1, 2); i > 0; i--) {
      members.push({ relation: 'grandchild', sex: random.chance(0.52) ? 'male' : 'female', age: random.int(0, 14) });
    }
  }
  return members;
}

/** Labour capacity by age, with some illness and disability at every age. */
function laborCapacityFor(random: Random, age: number): LaborCapacity {
  if (age < 16 || age > 75) return 'none';
  if (age > 65) return random.chance(0.6) ? 'weak' : 'none';
  if (age > 58)
    return random.weighted([
      ['full', 5],
      ['weak', 4],
      ['none', 1],
    ] as const);
  return random.weighted([
    ['full', 88],
    ['weak', 8],
    ['none', 4],
  ] as const);
}

function educationFor(random: Random, age: number): EducationLevel | null {
  if (age < 7) return null;
  if (age < 13) return 'primary';
  if (age < 16) return 'junior';
  if (age > 60)
    return random.weighted([
      ['none', 5],
      ['primary', 4],
      ['junior', 1],
    ] as const);
  if (age > 40)
    return random.weighted([
      ['none', 1],
      ['primary', 4],
      ['junior', 4],
      ['senior', 1],
    ] as const);
  return random.weighted([
    ['primary', 1],
    ['junior', 5],
    ['senior', 2],
    ['vocational', 2],
    ['college', 1],
  ] as const);
}

function employmentFor(random: Random, capacity: LaborCapacity, age: number): EmploymentStatus {
  if (capacity === 'none' || age < 16) return 'not_seeking';
  if (capacity === 'weak')
    return random.weighted([
      ['public_welfare', 3],
      ['flexible', 3],
      ['not_seeking', 4],
      ['unemployed_seeking', 1],
    ] as const);
  return random.weighted([
    ['employed_local', 30],
    ['labour_export', 25],
    ['flexible', 12],
    ['public_welfare', 5],
    ['self_employed', 6],
    ['unemployed_seeking', 14],
    ['not_seeking', 8],
  ] as const);
}

export interface RegistryGenerationOptions {
  seedDate: Date;
  codec: IdentityCodec;
  skillCodes: string[];
  onProgress?: (done: number, total: number) => void;
}

/** Regions, sites, households, people, skills and their first history rows. */
export async function generateRegistry(
  db: Db,
  random: Random,
  scale: RegistryScale,
  options: RegistryGenerationOptions,
): Promise<GeneratedRegistry> {
  const cityCode = '529800';
  const { counties, sites } = await generateRegions(db, random, scale, cityCode);
  const totalWeight = sites.reduce((sum, site) => sum + site.weight, 0);
  let householdCounter = 0;
  let personCounter = 0;
  let idSequence = 0;
  const today = options.seedDate;

  for (const site of sites) {
    const count =
      site === sites[sites.length - 1]
        ? scale.households - householdCounter
        : Math.round((site.weight / totalWeight) * scale.households);
    const householdRows = [];
    const drafts: PersonDraft[][] = [];
    for (let h = 0; h < count; h++) {
      householdCounter++;
      const relocated = new Date(Date.UTC(random.int(2016, 2020), random.int(0, 11), random.int(1, 28)));
      const category: MonitoringCategory = random.weighted([
        ['none', 88],
        ['unstable', 5],
        ['marginal', 5],
        ['sudden_hardship', 2],
      ] as const);
      householdRows.push({
        householdNumber: `${site.code}-${String(householdCounter).padStart(6, '0')}`,
        countyCode: site.countyCode,
        siteId: site.id,
        building: String(random.int(1, 30)),
        unit: String(random.int(1, 4)),
        room: `${random.int(1, 18)}0${random.int(1, 6)}`,
        originCounty: placeName(random, '县'),
        originTownship: placeName(random, '乡'),
        originVillage: placeName(random, '村'),
        relocationDate: isoDate(relocated),
        monitoringCategory: category,
        responsibleWorkerId: null,
      });
      drafts.push(householdMembers(random));
    }
    const inserted: { id: string; relocationDate: string | null }[] = [];
    await insertInBatches(householdRows, async (batch) => {
      inserted.push(...(await db.insertInto('households').values(batch).returning(['id', 'relocationDate']).execute()));
    });

    const personRows = [];
    const personMeta: {
      householdId: string;
      employment: EmploymentStatus;
      validFrom: string;
      age: number;
      sex: 'male' | 'female';
      /** Shown to employers, so consented at registration. */
      visible: boolean;
    }[] = [];
    for (let h = 0; h < inserted.length; h++) {
      for (const member of drafts[h]) {
        personCounter++;
        const birth = new Date(Date.UTC(today.getUTCFullYear() - member.age, random.int(0, 11), random.int(1, 28)));
        const birthDate = isoDate(birth);
        const idNumber = options.codec.make(site.code.slice(0, 6), birthDate, idSequence++, member.sex);
        const identity = options.codec.protect(idNumber);
        const capacity = laborCapacityFor(random, member.age);
        const employment = employmentFor(random, capacity, member.age);
        const modes: WorkMode[] =
          capacity === 'none' ? [] : random.chance(0.3) ? ['full_time', 'piecework_home'] : ['full_time'];
        personRows.push({
          householdId: inserted[h].id,
          countyCode: site.countyCode,
          name: personName(random, member.sex),
          idNumberEncrypted: identity.encrypted,
          idNumberHash: identity.hash,
          idNumberMasked: identity.masked,
          birthDate,
          sex: member.sex,
          phone:
            member.age >= 16 && random.chance(0.8)
              ? `1${random.pick(['3', '5', '8', '9'])}${String(random.int(0, 999_999_999)).padStart(9, '0')}`
              : null,
          relation: member.relation,
          education: educationFor(random, member.age),
          laborCapacity: capacity,
          healthNotesEncrypted: null,
          employmentStatus: employment,
          maxCommuteKm:
            capacity === 'none'
              ? null
              : random.weighted([
                  [5, 3],
                  [10, 4],
                  [20, 2],
                  [50, 1],
                ] as const),
          workModes: modes,
          willingToWorkAway: member.age < 45 && random.chance(0.35),
          hasCareDuties: member.sex === 'female' && member.age > 22 && member.age < 60 && random.chance(0.35),
          visibleToEmployers: capacity !== 'none' && random.chance(0.4),
        });
        personMeta.push({
          householdId: inserted[h].id,
          employment,
          validFrom: inserted[h].relocationDate ?? isoDate(today),
          age: member.age,
          sex: member.sex,
          visible: personRows[personRows.length - 1].visibleToEmployers,
        });
      }
    }
    const personIds: string[] = [];
    await insertInBatches(personRows, async (batch) => {
      personIds.push(...(await db.insertInto('persons').values(batch).returning('id').execute()).map((row) => row.id));
    });

    const history = personIds.map((personId, i) => ({
      countyCode: site.countyCode,
      householdId: personMeta[i].householdId,
      personId,
      attribute: 'employment_status' as const,
      value: personMeta[i].employment,
      detail: null,
      validFrom: personMeta[i].validFrom,
      recordedBy: null,
    }));
    await insertInBatches(history, (batch) => db.insertInto('registryHistory').values(batch).execute());
    // Those shown to employers consented at registration (授权): the flag never stands without its record.
    const consents = personIds.flatMap((personId, i) =>
      personMeta[i].visible
        ? [
            {
              personId,
              countyCode: site.countyCode,
              given: true,
              dated: personMeta[i].validFrom,
              givenBy: 'register' as const,
              recordedBy: null,
              note: '登记时已允许',
            },
          ]
        : [],
    );
    await insertInBatches(consents, (batch) => db.insertInto('consents').values(batch).execute());

    if (options.skillCodes.length) {
      const skills = personIds.flatMap((personId, i) => {
        const meta = personMeta[i];
        if (meta.age < 16) return [];
        const count = random.weighted([
          [0, 3],
          [1, 4],
          [2, 3],
          [3, 1],
        ] as const);
        return random.sample(options.skillCodes, count).map((skillCode) => ({
          personId,
          skillCode,
          countyCode: site.countyCode,
          level: random.weighted([
            [1, 6],
            [2, 3],
            [3, 1],
          ] as const),
          certificate: random.chance(0.15) ? '职业技能等级证书' : null,
          certifiedOn: null,
        }));
      });
      await insertInBatches(skills, (batch) => db.insertInto('personSkills').values(batch).execute());
    }
    options.onProgress?.(householdCounter, scale.households);
  }
  return { cityCode, counties, sites, households: householdCounter, persons: personCounter };
}
