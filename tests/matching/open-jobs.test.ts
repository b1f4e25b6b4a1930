import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSkillGraph } from '../../api/src/matching/load.ts';
import { OpenJobs } from '../../api/src/matching/open-jobs.ts';
import type { SkillGraph } from '../../api/src/matching/skill-graph.ts';
import type { RetrievalSubject } from '../../api/src/matching/source.ts';
import { ensureSeedSkills } from '../../api/src/skills/seed.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { createRegionTree, type RegionTree } from '../support/fixtures.ts';
import { insertOpenJob } from '../support/matching-fixtures.ts';
import { createEmployer } from '../support/opportunity-fixtures.ts';
import { person, TODAY } from './builders.ts';

let ctx: TestContext;
let tree: RegionTree;
let graph: SkillGraph;
let employerId: string;

/** A sewer on site A1 (at the fixtures' job coordinates), as retrieval sees them. */
const subject = (): RetrievalSubject => ({
  person: person({
    siteId: tree.siteA1.id,
    siteLocation: { lat: 26.59, lng: 106.72 },
    skills: [{ code: 'garment.sewing', level: 2, certified: false }],
  }),
  radiusKm: 18,
  today: TODAY,
  graph,
});

beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  await ensureSeedSkills(ctx.db);
  graph = await loadSkillGraph(ctx.db);
  employerId = (await createEmployer(ctx)).id;
});
afterAll(() => ctx.close());

/** The ids a fresh read of the index retrieves for the sewer. */
async function retrieved(index: OpenJobs): Promise<string[]> {
  await index.refresh(ctx.db);
  return index.retrieve(subject()).map((job) => job.id);
}

describe('the open-jobs index matching retrieves from', () => {
  it('follows every write to jobs and employers at the next read, whoever made it', async () => {
    const index = new OpenJobs();
    const before = await retrieved(index);
    const job = await insertOpenJob(ctx.db, employerId);
    expect(await retrieved(index)).toEqual([...before, job.id].sort((a, b) => Number(b) - Number(a)));

    await ctx.db.updateTable('jobs').set({ status: 'closed' }).where('id', '=', job.id).execute();
    expect(await retrieved(index)).not.toContain(job.id);
    await ctx.db.updateTable('jobs').set({ status: 'open' }).where('id', '=', job.id).execute();
    expect(await retrieved(index)).toContain(job.id);

    // An employer losing its verification takes every one of its jobs out, and back.
    await ctx.db.updateTable('employers').set({ verified: false }).where('id', '=', employerId).execute();
    expect(await retrieved(index)).toEqual([]);
    await ctx.db.updateTable('employers').set({ verified: true }).where('id', '=', employerId).execute();
    expect(await retrieved(index)).toContain(job.id);

    // A changed field is read again; a past deadline keeps the job out.
    await ctx.db.updateTable('jobs').set({ title: '熟练缝纫工' }).where('id', '=', job.id).execute();
    await index.refresh(ctx.db);
    expect(index.retrieve(subject()).find((j) => j.id === job.id)?.title).toBe('熟练缝纫工');
    await ctx.db.updateTable('jobs').set({ deadline: '2020-01-01' }).where('id', '=', job.id).execute();
    expect(await retrieved(index)).not.toContain(job.id);

    const gone = await insertOpenJob(ctx.db, employerId);
    expect(await retrieved(index)).toContain(gone.id);
    await ctx.db.deleteFrom('jobs').where('id', '=', gone.id).execute();
    expect(await retrieved(index)).not.toContain(gone.id);
  });

  it('misses no write that commits after a later one was read', async () => {
    const index = new OpenJobs();
    await index.refresh(ctx.db);
    let early = '';
    let late = '';
    // The early transaction writes first and commits last: a "newest seen" watermark would skip it.
    await ctx.db.transaction().execute(async (trx) => {
      early = (await insertOpenJob(trx, employerId, { title: '早开始晚提交' })).id;
      late = (await insertOpenJob(ctx.db, employerId, { title: '晚开始早提交' })).id;
      expect(await retrieved(index)).toContain(late);
      expect(index.retrieve(subject()).map((job) => job.id)).not.toContain(early);
    });
    expect(await retrieved(index)).toEqual(expect.arrayContaining([early, late]));
  });

  it('keeps only reachable jobs asking a related skill or none', async () => {
    const index = new OpenJobs();
    const far = await insertOpenJob(ctx.db, employerId, { lat: 27.5, lng: 107.5 });
    const shuttle = await insertOpenJob(ctx.db, employerId, {
      lat: 27.5,
      lng: 107.5,
      shuttleSiteIds: [tree.siteA1.id],
    });
    const away = await insertOpenJob(ctx.db, employerId, { lat: 30.5, lng: 114.3, employmentType: 'labour_export' });
    const welding = await insertOpenJob(ctx.db, employerId, {
      requiredSkills: JSON.stringify([{ code: 'welding', minLevel: 1 }]),
    });
    const anyone = await insertOpenJob(ctx.db, employerId, { requiredSkills: JSON.stringify([]) });
    const ids = await retrieved(index);
    expect(ids).toEqual(expect.arrayContaining([shuttle.id, anyone.id]));
    expect(ids).not.toContain(far.id);
    expect(ids).not.toContain(away.id);
    expect(ids).not.toContain(welding.id);
    const mover = { ...subject(), person: { ...subject().person, willingToWorkAway: true } };
    expect(index.retrieve(mover).map((job) => job.id)).toContain(away.id);
  });
});
