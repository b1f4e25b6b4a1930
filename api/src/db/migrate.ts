import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Kysely, type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from 'kysely';

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

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const result = unwrap(await createMigrator(db).migrateToLatest());
  return (result.results ?? []).map((item) => item.migrationName);
}

export async function migrateDown(db: Kysely<any>): Promise<string[]> {
  const result = unwrap(await createMigrator(db).migrateDown());
  return (result.results ?? []).map((item) => item.migrationName);
}
