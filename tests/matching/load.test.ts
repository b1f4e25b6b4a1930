import { randomBytes } from 'node:crypto';
import { ageOn } from '@anju/domain/dates';
import type { LaborCapacity } from '@anju/domain/enums';
import { distanceKm } from '@anju/domain/geo';
import { type Insertable, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCandidatePool, loadMatchSubject, loadSkillGraph } from '../../api/src/matching/load.ts';
import { rankCandidates } from '../../api/src/matching/rank.ts';
import { scoreOpportunity } from '../../api/src/matching/score.ts';
import type { SkillGraph } from '../../api/src/matching/skill-graph.ts';
import { defaultWeights } from '../../api/src/matching/weights.ts';
import type { PersonTable } from '../../api/src/registry/registry.tables.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { createRegionTree, placeSite, type RegionTree } from '../support/fixtures.ts';
import { addPerson, createHouseholdWithPerson, giveSkill } from '../support/matching-fixtures.ts';
import { job, TODAY } from './builders.ts';
import { skillNodes } from './skill-graph.fixture.ts';

let ctx: TestContext;
let tree: RegionTree;
let graph: SkillGraph;
const A1 = { lat: 26.6, lng: 106.7 };
const B1 = { lat: 26.85, lng: 107.02 }; // ~40 km from A1

beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  await placeSite(ctx.db, tree.siteA1.id, A1.lat, A1.lng);
  await placeSite(ctx.db, tree.siteB1.id, B1.lat, B1.lng);
  // The test taxonomy: rows first, then parents (a parent must exist before a child names it).
  await ctx.db
    .insertInto('skills')
    .values(
      skillNodes.map((s) => ({
        code: s.code,
        nameZh: s.nameZh,
        nameEn: s.nameEn,
        category: 'test',
        aliases: s.aliases,
        certificateRequired: s.certificateRequired,
      })),
    )
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  for (const s of skillNodes.filter((n) => n.parentCode)) {
    await ctx.db.updateTable('skills').set({ parentCode: s.parentCode }).where('code', '=', s.code).execute();
  }
  graph = await loadSkillGraph(ctx.db);
});
afterAll(() => ctx.close());

/** Many one-person households with one skill each, in three statements (hundreds at a time). */
async function insertSkillHolders(
  people: {
    site: RegionTree['siteA1'];
    county: string;
    skill: string;
    level: number;
    person: Partial<Insertable<PersonTable>>;
  }[],
): Promise<string[]> {
  const households = await ctx.db
    .insertInto('households')
    .values(
      people.map((p) => ({
        householdNumber: `H${randomBytes(5).toString('hex')}`,
        countyCode: p.county,
        siteId: p.site.id,
      })),
    )
    .returning('id')
    .execute();
  const persons = await ctx.db
    .insertInto('persons')
    .values(
      people.map((p, i) => ({
        householdId: households[i].id,
        countyCode: p.county,
        name: '王五',
        idNumberEncrypted: null,
        idNumberHash: null,
        idNumberMasked: null,
        sex: null,
        phone: null,
        relation: 'head' as const,
        education: null,
        healthNotesEncrypted: null,
        ...p.person,
      })),
    )
    .returning('id')
    .execute();
  await ctx.db
    .insertInto('personSkills')
    .values(
      people.map((p, i) => ({
        personId: persons[i].id,
        skillCode: p.skill,
        countyCode: p.county,
        level: p.level,
        certificate: null,
        certifiedOn: null,
      })),
    )
    .execute();
  return persons.map((p) => p.id);
}

describe('loading people for matching', () => {
  it('reads the skill graph from the skills table', () => {
    expect(graph.relation('industrial_sewing', 'sewing')).toBe('child');
    expect(graph.resolve('电焊')).toBe('welding');
    expect(graph.certificateRequired('forklift')).toBe(true);
  });

  it('maps a person, their skills, site and household to the matching inputs', async () => {
    const { personId, householdId } = await createHouseholdWithPerson(ctx.db, tree.siteA1, tree.countyA.code, {
      birthDate: '1990-12-02',
      workModes: ['part_time'],
      hasCareDuties: true,
    });
    await giveSkill(ctx.db, personId, tree.countyA.code, 'sewing', 2, 'C-1');
    const subject = await loadMatchSubject(ctx.db, personId, TODAY);
    expect(subject?.person).toMatchObject({
      id: personId,
      age: 35,
      skills: [{ code: 'sewing', level: 2, certified: true }],
      workModes: ['part_time'],
      hasCareDuties: true,
      siteId: tree.siteA1.id,
      siteLocation: A1,
      employed: false,
    });
    expect(subject?.household).toMatchObject({
      id: householdId,
      membersCount: 1,
      membersEmployed: 0,
      anyMemberWithLaborCapacity: true,
      perCapitaAnnualIncome: null,
    });
    expect(await loadMatchSubject(ctx.db, '999999999', TODAY)).toBeUndefined();
  });

  it('retrieves only visible or applying people with a related skill, within reach, then ranks them', async () => {
    const make = async (site: RegionTree['siteA1'], county: string, skill: string | null, visible: boolean) => {
      const { personId } = await createHouseholdWithPerson(ctx.db, site, county, { visibleToEmployers: visible });
      if (skill) await giveSkill(ctx.db, personId, county, skill, 2);
      return personId;
    };
    const sewer = await make(tree.siteA1, tree.countyA.code, 'industrial_sewing', true);
    const related = await make(tree.siteA1, tree.countyA.code, 'garment_finishing', true);
    const hidden = await make(tree.siteA1, tree.countyA.code, 'industrial_sewing', false);
    const applicant = await make(tree.siteA1, tree.countyA.code, 'industrial_sewing', false);
    const unrelated = await make(tree.siteA1, tree.countyA.code, 'cooking', true);
    const farAway = await make(tree.siteB1, tree.countyB.code, 'industrial_sewing', true);

    const sewing = job({
      id: '1',
      location: { lat: 26.62, lng: 106.72 },
      requiredSkills: [{ code: 'industrial_sewing', minLevel: 1 }],
    });
    const pool = await loadCandidatePool(ctx.db, sewing, graph, { today: TODAY, appliedPersonIds: [applicant] });
    const ids = pool.map((c) => c.person.id);
    expect(ids).toEqual(expect.arrayContaining([sewer, related, applicant]));
    for (const excluded of [hidden, unrelated, farAway]) expect(ids).not.toContain(excluded);

    const ranked = rankCandidates(sewing, pool, graph, defaultWeights, { today: TODAY });
    expect(ranked.at(-1)?.personId).toBe(related);
    expect(
      ranked
        .slice(0, 2)
        .map((c) => c.personId)
        .sort(),
    ).toEqual([sewer, applicant].sort());

    // A shuttle from the far site brings its people into reach.
    const withShuttle = await loadCandidatePool(ctx.db, { ...sewing, shuttleSiteIds: [tree.siteB1.id] }, graph, {
      today: TODAY,
    });
    expect(withShuttle.map((c) => c.person.id)).toContain(farAway);
  });
});

describe('the candidate pool’s per-person reads (issue 23)', () => {
  it('gives each candidate their own skills, their household’s summary and income, asking income once', async () => {
    const { siteA1, countyA } = tree;
    const first = await createHouseholdWithPerson(ctx.db, siteA1, countyA.code, {
      visibleToEmployers: true,
      employmentStatus: 'unemployed_seeking',
    });
    // A second member of the same household, in work; and a person of another household.
    const second = await ctx.db
      .insertInto('persons')
      .values({
        householdId: first.householdId,
        countyCode: countyA.code,
        name: '李四',
        idNumberEncrypted: null,
        idNumberHash: null,
        idNumberMasked: null,
        birthDate: '1985-03-01',
        sex: null,
        phone: null,
        relation: 'spouse',
        education: null,
        laborCapacity: 'full',
        healthNotesEncrypted: null,
        employmentStatus: 'employed_local',
        maxCommuteKm: 10,
        visibleToEmployers: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const other = await createHouseholdWithPerson(ctx.db, siteA1, countyA.code, { visibleToEmployers: true });
    await giveSkill(ctx.db, first.personId, countyA.code, 'sewing', 3, 'C-7');
    await giveSkill(ctx.db, first.personId, countyA.code, 'garment_finishing', 1);
    await giveSkill(ctx.db, second.id, countyA.code, 'industrial_sewing', 2);
    await giveSkill(ctx.db, other.personId, countyA.code, 'industrial_sewing', 4);
    await giveSkill(ctx.db, other.personId, countyA.code, 'cooking', 2, 'K-1');

    const asked: string[][] = [];
    const income = async (householdIds: string[]) => {
      asked.push([...householdIds].sort());
      return new Map([[first.householdId, { perCapitaAnnualIncome: 5200, monitoringLine: 7000 }]]);
    };
    const sewing = job({
      id: '3',
      location: { lat: 26.62, lng: 106.72 },
      requiredSkills: [{ code: 'industrial_sewing', minLevel: 1 }],
    });
    const pool = await loadCandidatePool(ctx.db, sewing, graph, { today: TODAY }, income);
    const byId = new Map(pool.map((c) => [c.person.id, c]));
    const skillsOf = (id: string) =>
      [...(byId.get(id)?.person.skills ?? [])].sort((a, b) => a.code.localeCompare(b.code));
    // One call, each household once (other tests' people on the site are in the pool too).
    expect(asked).toHaveLength(1);
    expect(asked[0]).toEqual(expect.arrayContaining([first.householdId, other.householdId]));
    expect(new Set(asked[0]).size).toBe(asked[0].length);

    // Each person's own skills (a shortcut that joined skills by household would mix them).
    expect(skillsOf(first.personId)).toEqual([
      { code: 'garment_finishing', level: 1, certified: false },
      { code: 'sewing', level: 3, certified: true },
    ]);
    expect(skillsOf(second.id)).toEqual([{ code: 'industrial_sewing', level: 2, certified: false }]);
    expect(skillsOf(other.personId)).toEqual([
      { code: 'cooking', level: 2, certified: true },
      { code: 'industrial_sewing', level: 4, certified: false },
    ]);
    for (const id of [first.personId, second.id]) {
      expect(byId.get(id)?.household).toEqual({
        id: first.householdId,
        membersCount: 2,
        membersEmployed: 1,
        anyMemberWithLaborCapacity: true,
        anyMemberLaborUnknown: false,
        perCapitaAnnualIncome: 5200,
        monitoringLine: 7000,
      });
    }
    expect(byId.get(other.personId)?.household).toEqual({
      id: other.householdId,
      membersCount: 1,
      membersEmployed: 0,
      anyMemberWithLaborCapacity: true,
      anyMemberLaborUnknown: false,
      perCapitaAnnualIncome: null,
      monitoringLine: null,
    });
    // The person → jobs side reads the same way.
    const subject = await loadMatchSubject(ctx.db, second.id, TODAY, income);
    expect(subject?.person.skills).toEqual([{ code: 'industrial_sewing', level: 2, certified: false }]);
    expect(subject?.household).toEqual(byId.get(second.id)?.household);
  });
});

describe('households whose labour capacity is 未登记 (a roster without the column)', () => {
  /** A household of a visible sewer (the candidate) and more members, as the roster gave them. */
  async function household(members: { laborCapacity: LaborCapacity; employed: boolean }[]) {
    const [head, ...others] = members;
    const { householdId, personId } = await createHouseholdWithPerson(ctx.db, tree.siteA1, tree.countyA.code, {
      laborCapacity: head.laborCapacity,
      employmentStatus: head.employed ? 'employed_local' : 'unemployed_seeking',
      visibleToEmployers: true,
    });
    for (const member of others)
      await addPerson(ctx.db, householdId, tree.countyA.code, {
        name: '李四',
        relation: 'spouse',
        laborCapacity: member.laborCapacity,
        employmentStatus: member.employed ? 'employed_local' : 'unemployed_seeking',
      });
    await giveSkill(ctx.db, personId, tree.countyA.code, 'industrial_sewing', 2);
    return personId;
  }

  it('gives a household where no one works and no one is known able the no-one-employed boost, to verify', async () => {
    const unverified = await household([
      { laborCapacity: 'unknown', employed: false },
      { laborCapacity: 'unknown', employed: false },
    ]);
    const someoneWorks = await household([
      { laborCapacity: 'unknown', employed: false },
      { laborCapacity: 'unknown', employed: true },
    ]);
    const knownAble = await household([
      { laborCapacity: 'unknown', employed: false },
      { laborCapacity: 'full', employed: false },
    ]);
    const sewing = job({
      id: '5',
      location: { lat: 26.62, lng: 106.72 },
      requiredSkills: [{ code: 'industrial_sewing', minLevel: 1 }],
    });
    const pool = await loadCandidatePool(ctx.db, sewing, graph, { today: TODAY });
    const of = (id: string) => {
      const found = pool.find((c) => c.person.id === id);
      if (!found) throw new Error(`${id} is not in the pool`);
      return found;
    };
    expect(of(unverified).household).toMatchObject({
      membersEmployed: 0,
      anyMemberWithLaborCapacity: false,
      anyMemberLaborUnknown: true,
    });
    const needOf = (id: string) => {
      const { person, household } = of(id);
      const result = scoreOpportunity(person, household, sewing, graph, defaultWeights, { today: TODAY });
      if (result.excluded) throw new Error(`${id} is excluded`);
      return { score: result.score, need: result.reasons.filter((r) => r.kind === 'need').map((r) => r.code) };
    };
    const [u, w, a] = [needOf(unverified), needOf(someoneWorks), needOf(knownAble)];
    expect(u.need).toContain('need.no_one_employed_unverified');
    expect(u.need).not.toContain('need.no_one_employed');
    expect(w.need).not.toContain('need.no_one_employed_unverified');
    expect(w.need).not.toContain('need.no_one_employed');
    expect(a.need).toContain('need.no_one_employed');
    expect(a.need).not.toContain('need.no_one_employed_unverified');
    // The boost: above the otherwise equal household with someone in work, and a priority.
    expect(u.score).toBeGreaterThan(w.score);
    const ranked = rankCandidates(sewing, pool, graph, defaultWeights, { today: TODAY, limit: 500 });
    const rank = (id: string) => ranked.findIndex((c) => c.personId === id);
    expect(rank(unverified)).toBeGreaterThanOrEqual(0);
    expect(rank(unverified)).toBeLessThan(rank(someoneWorks));
    expect(ranked[rank(unverified)].priority).toBe(true);
    expect(ranked[rank(someoneWorks)].priority).toBe(false);
    expect(ranked[rank(unverified)].reasons.map((r) => r.code)).toContain('need.priority_household');
  });
});

describe('retrieving candidates within reach (issue 23)', () => {
  const near = { lat: 26.62, lng: 106.72 }; // ~3 km from site A1, ~37 km from B1
  const sewing = job({ id: '2', location: near, requiredSkills: [{ code: 'industrial_sewing', minLevel: 1 }] });
  const holder = async (
    site: RegionTree['siteA1'],
    county: string,
    person: Parameters<typeof createHouseholdWithPerson>[3],
  ) => {
    const made = await createHouseholdWithPerson(ctx.db, site, county, { visibleToEmployers: true, ...person });
    await giveSkill(ctx.db, made.personId, county, 'industrial_sewing', 2);
    return made;
  };
  const poolIds = async (forJob = sewing, appliedPersonIds: string[] = []) =>
    (await loadCandidatePool(ctx.db, forJob, graph, { today: TODAY, appliedPersonIds })).map((c) => c.person.id);
  /** Skill rows whose copied site, commute, willingness or visibility differ from the truth. */
  const drifted = async () =>
    (
      await sql<{ n: string }>`select count(*) as n from person_skills ps
        join persons p on p.id = ps.person_id join households h on h.id = p.household_id
        where (ps.site_id, ps.max_commute_km, ps.willing_to_work_away, ps.visible_to_employers)
          is distinct from (h.site_id, p.max_commute_km, p.willing_to_work_away, p.visible_to_employers)`.execute(
        ctx.db,
      )
    ).rows[0].n;

  it('leaves out a far-away skill holder and keeps those on a shuttle site, willing to go that far, or on an unplaced site', async () => {
    const { countyA, countyB, siteA1, siteA2, siteB1 } = tree;
    const close = await holder(siteA1, countyA.code, { maxCommuteKm: 10 });
    const far = await holder(siteB1, countyB.code, { maxCommuteKm: 10 });
    const farLongCommute = await holder(siteB1, countyB.code, { maxCommuteKm: 50 });
    const farWillingAway = await holder(siteB1, countyB.code, { maxCommuteKm: 10, willingToWorkAway: true });
    const unplaced = await holder(siteA2, countyA.code, { maxCommuteKm: 5 });
    const farApplicant = await holder(siteB1, countyB.code, { maxCommuteKm: 10, visibleToEmployers: false });

    const ids = await poolIds();
    expect(ids).toEqual(expect.arrayContaining([close.personId, farLongCommute.personId, unplaced.personId]));
    for (const out of [far, farWillingAway, farApplicant]) expect(ids).not.toContain(out.personId);
    // Applying does not bring a far-away person into reach either.
    expect(await poolIds(sewing, [farApplicant.personId])).not.toContain(farApplicant.personId);

    // A shuttle (班车) from the far site brings all its people into reach, the applicant too.
    const shuttled = await poolIds({ ...sewing, shuttleSiteIds: [siteB1.id] }, [farApplicant.personId]);
    expect(shuttled).toEqual(expect.arrayContaining([far.personId, farWillingAway.personId, farApplicant.personId]));

    // A dormitory (包住) brings those willing to work away; labour export takes only them, anywhere.
    const dormitory = await poolIds({ ...sewing, accommodation: true });
    expect(dormitory).toContain(farWillingAway.personId);
    expect(dormitory).not.toContain(far.personId);
    const abroad = await poolIds({ ...sewing, workMode: 'labour_export' });
    expect(abroad).toContain(farWillingAway.personId);
    for (const out of [close, far, farLongCommute]) expect(abroad).not.toContain(out.personId);
    // Piecework whose materials are brought to the site, and a job with no place, leave distance
    // out; piecework fetched from the workshop does not (scoring removes those too far to fetch it).
    for (const placeless of [
      { ...sewing, workMode: 'piecework_home' as const, materialsDelivered: true },
      { ...sewing, location: null },
    ]) {
      expect(await poolIds(placeless)).toEqual(expect.arrayContaining([close.personId, far.personId]));
    }
    const fetched = await poolIds({ ...sewing, workMode: 'piecework_home' });
    expect(fetched).toEqual(expect.arrayContaining([close.personId, farLongCommute.personId, unplaced.personId]));
    expect(fetched).not.toContain(far.personId);
  });

  it('the pool within reach ranks exactly as every skill holder would (take-home piecework, shuttle, dormitory, labour export), hundreds fewer', async () => {
    const { countyA, countyB, siteA1, siteA2, siteB1 } = tree;
    // 苗绣 fetched from a workshop 3 km from A1 and 37 km from B1; its related skills are held by
    // no one else in this file, so the pools are this test's people only.
    const embroidery = job({
      id: '4',
      location: near,
      workMode: 'piecework_home',
      physicalDemand: 'light',
      requiredSkills: [{ code: 'embroidery', minLevel: 2 }],
      pay: { min: 2, max: 3, unit: 'piece', piecesPerMonth: 1200 },
    });
    const farKm = distanceKm(near, B1);
    const related = ['embroidery', 'handicraft', 'batik', 'bamboo_weaving'];
    // People far and near, with every fact scoring reads varied: the commute around the tolerance
    // (kept up to 1.2 × the commute, removed past it), none said, care duties, stated
    // availability, work modes, willingness to go away, age, employment, skill and level.
    const people: Parameters<typeof insertSkillHolders>[0] = Array.from({ length: 360 }, (_, i) => {
      const far = i % 6 !== 0;
      const commute = far
        ? [10, null, 10, farKm / 1.2 - 0.3, 10, farKm / 1.2 + 0.3, 10, 10, farKm + 1, 10][i % 10]
        : [10, null, 2, 5, 30, 1][i % 6];
      return {
        site: i % 37 === 0 ? siteA2 : far ? siteB1 : siteA1,
        county: far ? countyB.code : countyA.code,
        skill: related[i % 4],
        level: 1 + (i % 4),
        person: {
          maxCommuteKm: commute,
          hasCareDuties: i % 5 === 0,
          willingToWorkAway: i % 7 === 0 || i % 19 === 0,
          workModes: i % 3 === 0 ? ['piecework_home'] : i % 3 === 1 ? ['full_time'] : [],
          // Said "away" only with the box ticked: retrieval reads the box (willing_to_work_away),
          // scoring the stated place first; the two disagree when only "away" is said.
          availableWhere:
            i % 19 === 0
              ? ('away' as const)
              : i % 11 === 0
                ? ('home' as const)
                : i % 13 === 0
                  ? ('commute' as const)
                  : null,
          availableHours: i % 11 === 0 || i % 13 === 0 || i % 19 === 0 ? ['full_time'] : [],
          birthDate: `${1960 + (i % 40)}-03-01`,
          employmentStatus: i % 4 === 0 ? ('employed_local' as const) : ('unemployed_seeking' as const),
          // 未登记 is retrieved and scored like full; none only for light work.
          laborCapacity:
            i % 9 === 0
              ? ('weak' as const)
              : i % 8 === 3
                ? ('unknown' as const)
                : i % 23 === 5
                  ? ('none' as const)
                  : ('full' as const),
          visibleToEmployers: i % 17 !== 0,
        },
      };
    });
    const ids = await insertSkillHolders(people);
    const applicants = ids.filter((_, i) => i % 17 === 0);
    const poolOf = async (forJob: typeof embroidery) =>
      loadCandidatePool(ctx.db, forJob, graph, { today: TODAY, appliedPersonIds: applicants });
    const ranked = async (forJob: typeof embroidery) => {
      const pool = await poolOf(forJob);
      // Every skill holder, as retrieval of placeless full-time work (the real job still scores them).
      const everyone = await poolOf({ ...forJob, workMode: 'full_time', location: null, accommodation: false });
      return {
        pool: pool.length,
        everyone: everyone.length,
        within: rankCandidates(forJob, pool, graph, defaultWeights, { limit: 200, today: TODAY }),
        all: rankCandidates(forJob, everyone, graph, defaultWeights, { limit: 200, today: TODAY }),
      };
    };
    for (const forJob of [
      embroidery,
      { ...embroidery, shuttleSiteIds: [siteB1.id] },
      { ...embroidery, accommodation: true },
      { ...embroidery, shuttleSiteIds: [siteB1.id], shuttleMinutes: 90 },
      // Labour export, and full-time work with a dormitory: those who must stay close stay out.
      { ...embroidery, workMode: 'labour_export' as const, location: { lat: 23.1, lng: 113.3 } },
      { ...embroidery, workMode: 'full_time' as const, accommodation: true },
      // Physical work: the labour capacity filters (none out of medium, only full and 未登记 in heavy).
      { ...embroidery, physicalDemand: 'medium' as const },
      { ...embroidery, physicalDemand: 'heavy' as const },
    ]) {
      const { pool, everyone, within, all } = await ranked(forJob);
      expect(within).toEqual(all);
      expect(everyone).toBeGreaterThan(300);
      expect(within.length).toBeGreaterThan(forJob.workMode === 'labour_export' ? 10 : 50);
      if (forJob.shuttleSiteIds.length === 0 && !forJob.accommodation) expect(pool).toBeLessThan(everyone / 2);
    }
    // 未登记 people are among the candidates for heavy work, each with the reason to check first.
    const heavy = (await ranked({ ...embroidery, physicalDemand: 'heavy' })).within;
    const unknown = heavy.filter((c) => people[ids.indexOf(c.personId)].person.laborCapacity === 'unknown');
    expect(unknown.length).toBeGreaterThan(5);
    for (const c of heavy) expect(c.reasons.some((r) => r.code === 'fit.capacity_unknown')).toBe(unknown.includes(c));
    // Those just inside the tolerance are among them, far from the workshop and still kept.
    const { within } = await ranked(embroidery);
    const overMax = within.filter((c) => c.reasons.some((r) => r.code === 'reach.distance' && r.params.overMax));
    expect(overMax.length).toBeGreaterThan(0);
  });

  it('applies age limits as ageOn counts them, on 29 February too', async () => {
    const { countyA, siteA1 } = tree;
    const births = ['2010-02-28', '2010-03-01', '1972-02-29', '1973-03-01', '2009-03-01'];
    const ids = await insertSkillHolders(
      births.map((birthDate) => ({
        site: siteA1,
        county: countyA.code,
        skill: 'lathe',
        level: 2,
        person: { birthDate, maxCommuteKm: 10, visibleToEmployers: true },
      })),
    );
    const turning = job({
      id: '5',
      location: near,
      minAge: 18,
      maxAge: 55,
      requiredSkills: [{ code: 'lathe', minLevel: 1 }],
    });
    for (const today of ['2028-02-29', '2027-02-28', '2027-03-01']) {
      const pool = await loadCandidatePool(ctx.db, turning, graph, { today });
      const expected = ids.filter((_, i) => {
        const age = ageOn(births[i], today);
        return age >= 18 && age <= 55;
      });
      expect(pool.map((c) => c.person.id).sort()).toEqual(expected.sort());
    }
  });

  it('follows every write that moves a skill holder into or out of reach', async () => {
    const { countyA, countyB, siteA1, siteB1 } = tree;
    const moving = await holder(siteB1, countyB.code, { maxCommuteKm: 10 });
    expect(await poolIds()).not.toContain(moving.personId);

    // The household moves to the near site: its member's skills follow.
    await ctx.db.updateTable('households').set({ siteId: siteA1.id }).where('id', '=', moving.householdId).execute();
    expect(await poolIds()).toContain(moving.personId);
    // Hiding from employers takes the person out; showing again brings them back.
    await ctx.db.updateTable('persons').set({ visibleToEmployers: false }).where('id', '=', moving.personId).execute();
    expect(await poolIds()).not.toContain(moving.personId);
    await ctx.db.updateTable('persons').set({ visibleToEmployers: true }).where('id', '=', moving.personId).execute();
    expect(await poolIds()).toContain(moving.personId);

    // A person far away who accepts a longer commute comes into reach.
    const commuter = await holder(siteB1, countyB.code, { maxCommuteKm: 10 });
    expect(await poolIds()).not.toContain(commuter.personId);
    await ctx.db.updateTable('persons').set({ maxCommuteKm: 45 }).where('id', '=', commuter.personId).execute();
    expect(await poolIds()).toContain(commuter.personId);

    // A person who joins a household on the near site, and a skill learnt after that.
    const joiner = await createHouseholdWithPerson(ctx.db, siteB1, countyB.code, { visibleToEmployers: true });
    const nearHousehold = await createHouseholdWithPerson(ctx.db, siteA1, countyA.code);
    await ctx.db
      .updateTable('persons')
      .set({ householdId: nearHousehold.householdId })
      .where('id', '=', joiner.personId)
      .execute();
    expect(await poolIds()).not.toContain(joiner.personId);
    await giveSkill(ctx.db, joiner.personId, countyA.code, 'industrial_sewing', 1);
    expect(await poolIds()).toContain(joiner.personId);

    // A skill row moved to another person (a duplicate merged) takes that person's facts.
    const duplicate = await holder(siteB1, countyB.code, { maxCommuteKm: 10 });
    const kept = await createHouseholdWithPerson(ctx.db, siteA1, countyA.code, { visibleToEmployers: true });
    await ctx.db
      .updateTable('personSkills')
      .set({ personId: kept.personId })
      .where('personId', '=', duplicate.personId)
      .execute();
    expect(await poolIds()).toContain(kept.personId);

    expect(await drifted()).toBe('0');
  });
});
