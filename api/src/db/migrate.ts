import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Kysely, type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from 'kysely';
import { withoutStatementTimeout } from './database.ts';

export const migrationFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

/**
 * Loads `migrations/*.ts` with this module's own `import()`, so the same code works under
 * tsx (start, CLI) and inside the test runner's module loader.
 */
class TypeScriptMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await fs.readdir(migrationFolder)).filter((name) => /\.ts$/.test(name)).sort();
    const entries = await Promise.all(
      files.map(async (name) => {
        const module = (await import(pathToFileURL(path.join(migrationFolder, name)).href)) as Migration;
        return [name.replace(/\.ts$/, ''), module] as const;
      }),
    );
    return Object.fromEntries(entries);
  }
}

export function createMigrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: new TypeScriptMigrationProvider() });
}

export class MigrationError extends Error {}

function unwrap(result: MigrationResultSet): MigrationResultSet {
  if (result.error) {
    const failed = result.results?.find((item) => item.status === 'Error');
    if (!failed) throw result.error;
    throw new MigrationError(
      `migration ${failed.migrationName} failed: ${(result.error as Error).message ?? result.error}`,
    );
  }
  return result;
}

/**
 * Runs the migrator on one connection without the request-sized statement timeout the pool sets
 * (REQUEST_TIMEOUT_MS, 15 s by default): a migration that rewrites a big table (a backfill on a
 * city's 800k people) is batch work, and a timeout half-way would stop the platform from starting.
 */
async function runMigrator(
  db: Kysely<any>,
  run: (migrator: Migrator) => Promise<MigrationResultSet>,
): Promise<string[]> {
  const result = await withoutStatementTimeout(db, (connection) => run(createMigrator(connection)));
  return (unwrap(result).results ?? []).map((item) => item.migrationName);
}

export function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  return runMigrator(db, (migrator) => migrator.migrateToLatest());
}

export function migrateDown(db: Kysely<any>): Promise<string[]> {
  return runMigrator(db, (migrator) => migrator.migrateDown());
}
