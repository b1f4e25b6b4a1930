import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCandidatePool, loadMatchSubject, loadSkillGraph } from '../../api/src/matching/load.ts';
import { rankCandidates } from '../../api/src/matching/rank.ts';
import type { SkillGraph } from '../../api/src/matching/skill-graph.ts';
import { defaultWeights } from '../../api/src/matching/weights.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { createRegionTree, placeSite, type RegionTree } from '../support/fixtures.ts';
import { createHouseholdWithPerson, giveSkill } from '../support/matching-fixtures.ts';
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
