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
