import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createLogger } from '../../api/src/config/logger.ts';
import { createDb } from '../../api/src/db/database.ts';
import { migrateToLatest } from '../../api/src/db/migrate.ts';
import { startEmbeddedMeilisearch } from '../../api/src/runtime/embedded-meilisearch.ts';
import { startEmbeddedPostgres } from '../../api/src/runtime/embedded-postgres.ts';
import { ensureWebBuilt } from '../../api/src/web/build.ts';

export const TEMPLATE_DATABASE = 'anju_template';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    /** The app role `anju_app` on the `postgres` database; tests swap in their own database. */
    postgresAppUrl: string;
    templateDatabase: string;
    meiliUrl: string;
    meiliMasterKey: string;
  }
}

/**
 * Starts one real PostgreSQL and one real Meilisearch for the whole run, migrates a template
 * database that every test file clones, and builds the portal for the browser tests.
 */
export default async function setup(project: TestProject) {
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'warn');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'anju-test-'));
  await chmod(dataDir, 0o755);
  const masterKey = 'test-master-key-0123456789';
  const [postgres, meili] = await Promise.all([
    startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'pg'),
      password: 'test',
      appPassword: 'test-app',
      database: TEMPLATE_DATABASE,
      logger,
    }),
    startEmbeddedMeilisearch({ dataDir: path.join(dataDir, 'meili'), masterKey, logger }),
  ]);
  const stop = async () => {
    await Promise.all([postgres.stop(), meili.stop()]);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const template = createDb({ url: postgres.url });
    await migrateToLatest(template);
    await template.destroy();
    await ensureWebBuilt(logger);
  } catch (error) {
    await stop();
    throw error;
  }

  project.provide('postgresAdminUrl', postgres.url.replace(/\/[^/]+$/, '/postgres'));
  project.provide('postgresAppUrl', (postgres.appUrl as string).replace(/\/[^/]+$/, '/postgres'));
  project.provide('templateDatabase', TEMPLATE_DATABASE);
  project.provide('meiliUrl', meili.url);
  project.provide('meiliMasterKey', masterKey);

  return stop;
}
