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
const postingSettings = (extra: { filterable: string[]; sortable: string[] }): Settings => ({
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
  filterableAttributes: [
    'id',
    'visible',
    'status',
    'employerId',
    'employerKind',
    'skills',
    'skillCategories',
    'kind',
    'deadlineTs',
    'createdAt',
    '_geo',
    ...extra.filterable,
  ],
  sortableAttributes: ['createdAt', 'deadlineTs', '_geo', ...extra.sortable],
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
      filterable: ['payMin', 'payMax', 'payUnit', 'accommodation', 'shuttleSiteIds', 'employmentType'],
      sortable: ['payMin', 'payMax'],
    }),
  },
  {
    name: 'trainings',
    primaryKey: 'id',
    settings: postingSettings({
      filterable: ['subsidyEligible', 'childcare', 'cost', 'startDate'],
      sortable: ['cost', 'startDate'],
    }),
  },
  {
    name: 'projects',
    primaryKey: 'id',
    settings: postingSettings({
      filterable: ['siteIds', 'participationModes', 'payMin', 'payMax'],
      sortable: ['payMin', 'payMax'],
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
