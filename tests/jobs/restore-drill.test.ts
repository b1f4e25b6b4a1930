import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os, { userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { restoreBackup } from '../../api/src/backup/restore.ts';
import { takeBackup } from '../../api/src/backup/take-backup.ts';
import type { Config } from '../../api/src/config/config.ts';
import { createLogger } from '../../api/src/config/logger.ts';
import type { Db } from '../../api/src/db/database.ts';
import { connect, startServices } from '../../api/src/platform.ts';
import { SYNCED_INDEXES } from '../../api/src/search-sync/loaders.ts';
import { testConfig } from '../support/context.ts';

/**
 * The restore drill (恢复演练): an install with WAL archiving takes an online backup, keeps
 * writing, and is restored to a point in time into a new DATA_DIR. Every write acknowledged
 * before that point is there, none after it, and search is rebuilt from PostgreSQL.
 */
const run = promisify(execFile);
const logger = createLogger('warn');
const folders: string[] = [];
const prefix = `drill${randomBytes(3).toString('hex')}_`;

async function folder(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `anju-${name}-`));
  folders.push(dir);
  // A restore lays the cluster straight into DATA_DIR/pg, so the postgres user must pass the
  // folder (a restore into a 0700 home is not supported yet: the README says so).
  await chmod(dir, 0o755);
  return dir;
}

function drillConfig(dataDir: string): Config {
  return testConfig({
    dataDir,
    meiliUrl: inject('meiliUrl'),
    meiliMasterKey: inject('meiliMasterKey'),
    meiliIndexPrefix: prefix,
  });
}

async function start(config: Config) {
  const services = await startServices(config, logger);
  const deps = await connect(config, logger, services, 'owner');
  return { services, deps };
}

/** Each row in its own transaction: when the insert returns, the write is acknowledged. */
async function writeRows(db: Db, batch: string, count: number): Promise<void> {
  for (let n = 0; n < count; n++) await sql`insert into restore_drill (batch, n) values (${batch}, ${n})`.execute(db);
}

const countOf = async (db: Db, batch: string) =>
  Number(
    (await sql<{ n: string }>`select count(*) as n from restore_drill where batch = ${batch}`.execute(db)).rows[0].n,
  );

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterAll(async () => {
  for (const dir of folders) await rm(dir, { recursive: true, force: true });
});

describe('backup and point-in-time restore', () => {
  it('restores every write acknowledged before --to, none after, and rebuilds search', async () => {
    const source = drillConfig(await folder('drill-source'));
    let target: string;
    let backupDir: string;
    {
      const { services, deps } = await start(source);
      try {
        await sql`create table restore_drill (batch text not null, n int not null, primary key (batch, n))`.execute(
          deps.db,
        );
        await writeRows(deps.db, 'before-backup', 50);
        const backup = await takeBackup(deps);
        backupDir = backup.dir;
        expect(backup.bytes).toBeGreaterThan(1e6);
        await writeRows(deps.db, 'after-backup', 100);
        await sleep(300);
        const at = await sql<{ now: Date }>`select clock_timestamp() as now`.execute(deps.db);
        target = at.rows[0].now.toISOString();
        await sleep(300);
        await writeRows(deps.db, 'after-target', 100);
        // Close the current WAL segment and wait until it is archived (archive_timeout does this
        // within 5 minutes on a live install).
        const switched = await sql<{ file: string }>`select pg_walfile_name(pg_switch_wal()) as file`.execute(deps.db);
        await expect
          .poll(
            async () =>
              (
                await sql<{ last: string | null }>`select last_archived_wal as last from pg_stat_archiver`.execute(
                  deps.db,
                )
              ).rows[0].last ?? '',
          )
          .toSatisfy((last: string) => last >= switched.rows[0].file);
      } finally {
        await services.cleanup();
      }
    }

    const restored = drillConfig(await folder('drill-restored'));
    const result = await restoreBackup(restored, logger, { from: backupDir, to: target });
    expect(Object.keys(result.reindexed).sort()).toEqual([...SYNCED_INDEXES].sort());
    expect(result.walFiles).toBeGreaterThan(0);
    if (userInfo().uid === 0) {
      // As root, PostgreSQL runs as the postgres user: the restored files must be its own.
      const owner = (await stat(path.join(restored.dataDir, 'pg', 'PG_VERSION'))).uid;
      expect(owner).not.toBe(0);
    }

    const { services, deps } = await start(restored);
    try {
      expect(await countOf(deps.db, 'before-backup')).toBe(50);
      expect(await countOf(deps.db, 'after-backup')).toBe(100);
      expect(await countOf(deps.db, 'after-target')).toBe(0);
      // A primary again, not stuck in recovery: it takes writes.
      await writeRows(deps.db, 'after-restore', 1);
      expect(await countOf(deps.db, 'after-restore')).toBe(1);
      const indexes = await deps.search.client.getRawIndexes({ limit: 1000 });
      for (const name of SYNCED_INDEXES)
        expect(indexes.results.map((index) => index.uid)).toContain(deps.search.indexUid(name));
    } finally {
      await services.cleanup();
      const { results } = await deps.search.client.getRawIndexes({ limit: 1000 });
      for (const index of results.filter((i) => i.uid.startsWith(prefix)))
        await deps.search.client.deleteIndex(index.uid);
    }
  }, 300_000);

  it('refuses to restore into a DATA_DIR that is not empty', async () => {
    const dataDir = await folder('drill-busy');
    await writeFile(path.join(dataDir, 'keep.txt'), 'data');
    const failed = await run(process.execPath, ['--import', 'tsx', 'api/src/cli/restore.ts', '--from', dataDir], {
      env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test' },
    }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain('is not empty');
  });
});
