import type { Db } from '../db/database.ts';

/** Up to 50 安置点 by name or code, with their location (no roster figures). */
export async function postingSites(db: Db, q: string | undefined) {
  let rows = db
    .selectFrom('regions')
    .leftJoin('sites', 'sites.regionId', 'regions.id')
    .select(['regions.id', 'regions.code', 'regions.name', 'sites.lat', 'sites.lng'])
    .where('regions.level', '=', 'site');
  if (q) {
    const like = `%${q.replace(/[%_\\]/g, '\\$&')}%`;
    rows = rows.where((eb) => eb.or([eb('regions.name', 'like', like), eb('regions.code', 'like', like)]));
  }
  const items = await rows.orderBy('regions.code').limit(50).execute();
  return items.map((row) => ({ ...row, lat: row.lat ?? null, lng: row.lng ?? null }));
}
