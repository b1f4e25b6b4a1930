import type { Settings } from 'meilisearch';

/**
 * Every Meilisearch index Anju keeps, defined in code so that settings are reviewed
 * like code and applied idempotently at start. Features add their definitions here.
 */
export interface IndexDefinition {
  name: string;
  primaryKey: string;
  settings: Settings;
}

export const indexDefinitions: IndexDefinition[] = [];

// —— Opportunities (岗位, 技能培训, 产业项目). Synonyms come from the skill taxonomy at run time
// (api/src/skills/synonyms.ts), so they are not listed here.
const chineseFields = ['title', 'description', 'requirements', 'skillNames', 'employerName', 'placeNames', 'extraText'];
/**
 * Each filterable attribute costs Meilisearch work on EVERY write, so only what a query uses is
 * declared, and only with the features it uses (api/src/opportunities/search-query.ts and
 * alerts.ts): `equality` for `=`/`IN` and for the facet counts, `comparison` only where a
 * query says `>=`, and no facet search (we show facet counts, never search inside facet values).
 * Measured with bench/index-latency.ts at 20k jobs: a single-job upsert ~5–10 % faster at the
 * median and 15–20 % at p95 than declaring every attribute with every feature. Most of such a
 * task (~65 %, ~4 s at 100k jobs) was Meilisearch rewriting its whole geo R-tree, which no setting
 * avoids while `_geo` is filterable or sortable: so `_geo` is neither (issue 23). A radius filters
 * on `geoCells` (grid cell ids, @anju/domain/geo-cells) and the API checks the exact distance and
 * orders by it (api/src/opportunities/search-run.ts); `_geo` stays in the document for that.
 */
const filterable = (equality: string[], comparison: string[]): Settings['filterableAttributes'] => [
  { attributePatterns: equality, features: { facetSearch: false, filter: { equality: true, comparison: false } } },
  { attributePatterns: comparison, features: { facetSearch: false, filter: { equality: true, comparison: true } } },
];
const postingSettings = (extra: { equality: string[]; comparison: string[]; sortable: string[] }): Settings => ({
  searchableAttributes: [
    'title',
    'skillNames',
    'employerName',
    'placeNames',
    'extraText',
    'description',
    'requirements',
    'pinyin',
  ],
  // `id` for saved-search alerts; `employerKind` and the extras' facet-only names for counts.
  filterableAttributes: filterable(
    ['id', 'visible', 'employerKind', 'skills', 'skillCategories', 'kind', 'geoCells', ...extra.equality],
    ['deadlineTs', ...extra.comparison],
  ),
  facetSearch: false,
  // newest and pay (per index); distance is ordered by the API (search-run.ts).
  sortableAttributes: ['createdAt', ...extra.sortable],
  displayedAttributes: ['*'],
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
  // Chinese fields are segmented as Mandarin (jieba) rather than guessed per document.
  localizedAttributes: [{ attributePatterns: chineseFields, locales: ['cmn'] }],
  // Chinese words are one to three characters, where a "typo" is a different word: typos only
  // apply from 5 characters on, which in practice means pinyin and Latin text.
  typoTolerance: {
    enabled: true,
    minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
    disableOnAttributes: ['skills', 'status', 'kind'],
    disableOnNumbers: true,
  },
  faceting: { maxValuesPerFacet: 200 },
  pagination: { maxTotalHits: 5000 },
});

indexDefinitions.push(
  {
    name: 'jobs',
    primaryKey: 'id',
    settings: postingSettings({
      equality: [
        'payUnit',
        'accommodation',
        'shuttleSiteIds',
        'employmentType',
        'schedule',
        'materialsDelivered',
        'publicWelfare',
      ],
      comparison: ['payMin'],
      sortable: ['payMax'],
    }),
  },
  {
    name: 'trainings',
    primaryKey: 'id',
    settings: postingSettings({
      equality: ['subsidyEligible', 'childcare'],
      comparison: [],
      sortable: ['cost'],
    }),
  },
  {
    name: 'projects',
    primaryKey: 'id',
    settings: postingSettings({
      equality: ['siteIds', 'participationModes'],
      comparison: ['payMin'],
      sortable: ['payMax'],
    }),
  },
);
/**
 * 搬迁群众 residents: finding a person fast by name, pinyin or initials ("zs" → 张三), household
 * number or the last 4 digits of a phone. Deliberately holds NO ID number, income or health data.
 */
indexDefinitions.push({
  name: 'residents',
  primaryKey: 'id',
  settings: {
    searchableAttributes: ['name', 'initials', 'pinyin', 'pinyinSpaced', 'householdNumber', 'phoneLast4'],
    filterableAttributes: ['regionIds', 'householdId', 'siteId'],
    displayedAttributes: [
      'id',
      'name',
      'householdId',
      'householdNumber',
      'siteId',
      'siteName',
      'relation',
      'phoneLast4',
    ],
    typoTolerance: { enabled: true, disableOnAttributes: ['initials', 'householdNumber', 'phoneLast4'] },
  },
});
