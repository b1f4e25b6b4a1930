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
