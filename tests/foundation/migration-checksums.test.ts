import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrationFolder } from '../../api/src/db/migrate.ts';

/**
 * Issue 16: a migration that has landed is never edited (databases that already ran it would
 * never see the change); a change is a new migration. `migrations/checksums.json` holds the
 * SHA-256 of every landed migration; adding a migration means adding its line there, which this
 * test prints when it is missing.
 */
const manifestFile = path.join(migrationFolder, 'checksums.json');

async function migrationHashes(): Promise<Record<string, string>> {
  const names = (await readdir(migrationFolder)).filter((name) => name.endsWith('.ts')).sort();
  const hashes = await Promise.all(
    names.map(async (name) =>
      createHash('sha256')
        .update(await readFile(path.join(migrationFolder, name)))
        .digest('hex'),
    ),
  );
  return Object.fromEntries(names.map((name, i) => [name, hashes[i]]));
}

describe('landed migrations', () => {
  it('are unchanged, and every migration is in migrations/checksums.json', async () => {
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as Record<string, string>;
    const actual = await migrationHashes();
    const edited = Object.keys(manifest)
      .filter((name) => name in actual && actual[name] !== manifest[name])
      .map((name) => `${name} was edited after it landed: undo the edit and make the change in a new migration`);
    const removed = Object.keys(manifest)
      .filter((name) => !(name in actual))
      .map((name) => `${name} was deleted after it landed: restore it`);
    const added = Object.keys(actual)
      .filter((name) => !(name in manifest))
      .map((name) => `${name} is new: add this line to migrations/checksums.json:  "${name}": "${actual[name]}",`);
    expect([...edited, ...removed, ...added]).toEqual([]);
  });

  it('are named <date>T<HHMM>_<what>.ts, so they run in the order they were written', async () => {
    const misnamed = Object.keys(await migrationHashes()).filter(
      (name) => !/^\d{4}-\d{2}-\d{2}T\d{4}_[a-z0-9_]+\.ts$/.test(name),
    );
    expect(misnamed).toEqual([]);
  });
});
