import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { enqueueSearch } from '../../db/search-outbox.ts';
import { insertJobs, type JobEmployer, makeJob } from './opportunities.ts';
import { Random } from './random.ts';

const BATCH = 2000;

/**
 * Grows a generated city's job market until it holds `openJobs` open jobs (岗位), with the same
 * generator as the city (so closed ones come along in the same share), from the city's own
 * employers. Each batch and its search-outbox entries commit together, as any posting does, so
 * the search worker indexes them the ordinary way. Deterministic for a seed number.
 */
export async function growOpenJobs(
  db: Db,
  options: { openJobs: number; today: Date; seed?: number; onProgress?: (open: number, target: number) => void },
): Promise<{ added: number; open: number }> {
  const random = new Random(options.seed ?? 2027);
  const skills = await db.selectFrom('skills').select(['code', 'nameZh', 'category']).orderBy('code').execute();
  const sites = await db.selectFrom('sites').select(['regionId', 'lat', 'lng']).orderBy('regionId').execute();
  const employerRows = await db.selectFrom('employers').select(['id', 'lat', 'lng']).orderBy('id').execute();
  // An employer works near the nearest site (the generator anchored it to one).
  const employers: JobEmployer[] = employerRows
    .filter((e) => e.lat !== null && e.lng !== null && sites.length > 0)
    .map((e) => {
      let nearest = sites[0];
      let best = Number.POSITIVE_INFINITY;
      for (const site of sites) {
        const d = ((site.lat ?? 0) - (e.lat as number)) ** 2 + ((site.lng ?? 0) - (e.lng as number)) ** 2;
        if (d < best) [best, nearest] = [d, site];
      }
      return { id: e.id, lat: e.lat as number, lng: e.lng as number, siteId: nearest.regionId };
    });
  if (employers.length === 0 || skills.length === 0) throw new Error('generate the city first');

  const countOpen = async () =>
    Number(
      (
        await db
          .selectFrom('jobs')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('status', '=', 'open')
          .executeTakeFirstOrThrow()
      ).n,
    );
  let open = await countOpen();
  let added = 0;
  while (open < options.openJobs) {
    const batch: ReturnType<typeof makeJob>[] = [];
    while (open < options.openJobs && batch.length < BATCH) {
      const job = makeJob(random, employers, skills, options.today);
      if (job.status === 'open') open++;
      batch.push(job);
    }
    await db.transaction().execute(async (trx) => {
      await enqueueSearch(trx, 'jobs', await insertJobs(trx, batch));
    });
    added += batch.length;
    options.onProgress?.(open, options.openJobs);
  }
  await sql`analyze jobs`.execute(db);
  return { added, open };
}
