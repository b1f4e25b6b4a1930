import { clock } from '@anju/domain/clock';
import type { GeoPoint } from '@anju/domain/geo';
import { type CircleCover, coverCircle } from '@anju/domain/geo-cells';
import { z } from '@hono/zod-openapi';
import type { SearchParams } from 'meilisearch';
import type { Db } from '../db/database.ts';
import { AppError } from '../http/problem.ts';
import type { PostingKind } from './postings.ts';

const bool = z.enum(['true', 'false']).transform((value) => value === 'true');

/** The query string of GET /api/search/{kind}; also what a saved search stores. */
export const searchQuery = z.object({
  q: z.string().trim().max(200).default(''),
  skills: z.string().max(1000).optional().openapi({ description: 'Comma-separated skill codes (any of them)' }),
  category: z.string().max(50).optional(),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
  radiusKm: z.coerce.number().min(0.1).max(2000).optional(),
  payMin: z.coerce
    .number()
    .min(0)
    .max(10_000_000)
    .optional()
    .openapi({ description: 'Lowest pay offered at least this much (yuan, at most 10 million)' }),
  kind: z.string().max(30).optional().openapi({ description: 'jobs: employment type; projects: project kind' }),
  shuttleFromSite: z
    .string()
    .max(30)
    .optional()
    .openapi({ description: 'Site region id or code (班车 / sites served)' }),
  accommodation: bool.optional(),
  subsidyEligible: bool.optional(),
  facets: z.string().max(200).optional().openapi({
    description:
      'Comma-separated facets to count (jobs: skills, skillCategories, employmentType, accommodation, payUnit, employerKind); without it, the one the portal shows as type chips',
  }),
  sort: z.enum(['relevance', 'pay', 'distance', 'newest']).default('relevance'),
  page: z.coerce.number().int().min(1).max(250).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type SearchQuery = z.infer<typeof searchQuery>;

/** The facets a search may count (`facets=` in the query string). */
export const facetsOf: Record<PostingKind, string[]> = {
  jobs: ['skills', 'skillCategories', 'employmentType', 'accommodation', 'payUnit', 'employerKind'],
  trainings: ['skills', 'skillCategories', 'subsidyEligible', 'childcare', 'employerKind'],
  projects: ['kind', 'skills', 'skillCategories', 'participationModes', 'employerKind'],
};

/**
 * The facets a search counts when it names none: the type chips of the portal's search page
 * (`kindFacet` in web/src/features/opportunities/components/opportunity-search-page.tsx;
 * tests/opportunities/search-fields.test.ts holds the two together). Counting all of `facetsOf`
 * was more than half of Meilisearch's CPU per search, most of it the many-valued skills and skill
 * categories (issue 23, bench/results/search-load-50.md).
 */
export const defaultFacetsOf: Record<PostingKind, string[]> = {
  jobs: ['employmentType'],
  trainings: [],
  projects: ['kind'],
};

/** The facets a search counts: those it names (each one `facetsOf` allows), or the default. */
function facetsWanted(kind: PostingKind, named: string | undefined): string[] {
  if (named === undefined) return defaultFacetsOf[kind];
  const facets = [
    ...new Set(
      named
        .split(',')
        .map((facet) => facet.trim())
        .filter(Boolean),
    ),
  ];
  const unknown = facets.filter((facet) => !facetsOf[kind].includes(facet));
  if (unknown.length) {
    throw new AppError('validation', 'Unknown facet', {
      errors: [{ path: 'query.facets', message: `not a facet of ${kind}: ${unknown.join(', ')}` }],
    });
  }
  return facets;
}

/**
 * The fields of a posting a search answers: what the portal's result card reads (`SearchHit` in
 * web/src/features/opportunities/api/search.ts; tests/opportunities/search-fields.test.ts holds the
 * two together) and `_geo` for the distance. Meilisearch sends nothing else (issue 23): the
 * description, requirements, pinyin, grid cells and the `_formatted` copy of each were most of
 * every answer, made by Meilisearch and parsed by the API only to be dropped. The card shows the
 * description as the cropped, highlighted `_formatted.description` alone.
 */
export const hitFields = [
  'id',
  'title',
  'employerName',
  'kind',
  'payMin',
  'payMax',
  'payUnit',
  'incomeUnit',
  'accommodation',
  'shuttleSiteIds',
  'deadline',
  'startDate',
  'certificate',
  'schedule',
  'seats',
  'cost',
  'subsidyEligible',
  'childcare',
  'participationModes',
  '_geo',
];

/** The attributes a result card shows highlighted (`_formatted`; the description also cropped). */
export const highlighted = ['title', 'description', 'employerName'];

/** A number as Meilisearch's filter syntax reads it: `0.0000001`, never `1e-7` (which it refuses). */
const decimal = (value: number) => value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 8 });

const quote = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;

async function siteIdOf(db: Db, value: string): Promise<string> {
  const site = await db
    .selectFrom('regions')
    .select('id')
    .where('level', '=', 'site')
    .where((eb) =>
      /^\d{1,12}$/.test(value) ? eb.or([eb('id', '=', value), eb('code', '=', value)]) : eb('code', '=', value),
    )
    .orderBy('id')
    .executeTakeFirst();
  if (!site) {
    throw new AppError('validation', 'Unknown site', {
      errors: [{ path: 'query.shuttleFromSite', message: 'no resettlement site with this id or code' }],
    });
  }
  return site.id;
}

/** `geoCells IN [...]`: postings in any of these grid cells (@anju/domain/geo-cells). */
export const cellFilter = (cells: string[]) => `geoCells IN [${cells.map(quote).join(', ')}]`;

export interface GeoQuery {
  point: GeoPoint;
  radiusKm?: number;
  /** The grid cells covering the radius, when there is one. */
  cover?: CircleCover;
}

/**
 * The point, radius and distance order of a search, checked: both lat and lng or neither, a
 * radius or a distance order only with a point. `_geo` is neither filterable nor sortable in
 * Meilisearch (it rewrites its geo index on every write: issue 23), so a radius becomes the grid
 * cells covering it, and the API checks the exact distance of postings in the border cells.
 */
export function geoOf(query: SearchQuery): GeoQuery | undefined {
  if ((query.lat === undefined) !== (query.lng === undefined)) {
    throw new AppError('validation', 'Give both lat and lng', {
      errors: [{ path: query.lat === undefined ? 'query.lat' : 'query.lng', message: 'required with the other' }],
    });
  }
  if (query.radiusKm !== undefined && query.lat === undefined) {
    throw new AppError('validation', 'radiusKm needs lat and lng', {
      errors: [{ path: 'query.radiusKm', message: 'needs lat and lng' }],
    });
  }
  if (query.sort === 'distance' && query.lat === undefined) {
    throw new AppError('validation', 'Sorting by distance needs lat and lng', {
      errors: [{ path: 'query.sort', message: 'distance needs lat and lng' }],
    });
  }
  if (query.lat === undefined || query.lng === undefined) return undefined;
  const point = { lat: query.lat, lng: query.lng };
  if (query.radiusKm === undefined) return { point };
  return { point, radiusKm: query.radiusKm, cover: coverCircle(point, query.radiusKm) };
}

/**
 * The Meilisearch request for a resident's search: only visible postings whose deadline has not
 * passed, plus the filters asked for. One builder for the API and for saved-search alerts.
 */
export async function buildSearch(
  db: Db,
  kind: PostingKind,
  query: SearchQuery,
  nowSeconds = Math.floor(clock().getTime() / 1000),
): Promise<SearchParams & { q: string }> {
  const facets = facetsWanted(kind, query.facets);
  const filter: string[] = ['visible = true', `deadlineTs >= ${nowSeconds}`];
  const codes = (query.skills ?? '')
    .split(',')
    .map((code) => code.trim())
    .filter(Boolean);
  if (codes.length) filter.push(`skills IN [${codes.map(quote).join(', ')}]`);
  if (query.category) filter.push(`skillCategories = ${quote(query.category)}`);
  const geo = geoOf(query);
  if (geo?.cover) filter.push(cellFilter([...geo.cover.inner, ...geo.cover.border]));
  if (query.payMin !== undefined && kind !== 'trainings') filter.push(`payMin >= ${decimal(query.payMin)}`);
  if (query.kind) filter.push(`kind = ${quote(query.kind)}`);
  if (query.shuttleFromSite) {
    const siteId = await siteIdOf(db, query.shuttleFromSite);
    if (kind === 'jobs') filter.push(`shuttleSiteIds = ${quote(siteId)}`);
    else if (kind === 'projects') filter.push(`siteIds = ${quote(siteId)}`);
  }
  if (query.accommodation !== undefined && kind === 'jobs') filter.push(`accommodation = ${query.accommodation}`);
  if (query.subsidyEligible !== undefined && kind === 'trainings')
    filter.push(`subsidyEligible = ${query.subsidyEligible}`);

  // Distance order is made by the API over the matches' positions (search-run.ts): `_geo` is not sortable.
  let sort: string[] | undefined;
  if (query.sort === 'pay') sort = kind === 'trainings' ? ['cost:asc'] : ['payMax:desc'];
  else if (query.sort === 'newest') sort = ['createdAt:desc'];

  return {
    q: query.q,
    filter,
    sort,
    facets: facets.length ? facets : undefined,
    page: query.page,
    hitsPerPage: query.pageSize,
    attributesToRetrieve: hitFields,
    attributesToHighlight: highlighted,
    highlightPreTag: '<mark>',
    highlightPostTag: '</mark>',
    attributesToCrop: ['description'],
    cropLength: 40,
  };
}
