import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import type { AppDeps } from '../http/env.ts';
import {
  type BackupPaths,
  backupPaths,
  DEFAULT_BACKUP_KEEP,
  isWalSegment,
  postgresDataDir,
} from '../runtime/backup-paths.ts';
import { copyTree } from './copy-tree.ts';

/** What `backup.json` in each base backup records. */
export interface BackupManifest {
  name: string;
  startedAt: string;
  finishedAt: string;
  startLsn: string;
  stopLsn: string;
  /** The first WAL segment a restore of this backup replays (older ones are not needed). */
  startWalFile: string;
  bytes: number;
  postgresVersion: string;
}

export interface BackupResult extends BackupManifest {
  dir: string;
  ms: number;
  removed: string[];
}

export class BackupUnavailableError extends Error {}

const MANIFEST = 'backup.json';
const PARTIAL = '.partial';

/** Folder name of a backup taken at `at`: sortable, UTC, safe in any shell. */
const backupName = (at: Date) =>
  `${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}`;

export async function readManifest(dir: string): Promise<BackupManifest> {
  return JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8')) as BackupManifest;
}

/** The finished base backups, oldest first. */
export async function listBackups(paths: BackupPaths): Promise<BackupManifest[]> {
  const names = await readdir(paths.base).catch(() => [] as string[]);
  const manifests: BackupManifest[] = [];
  for (const name of names.filter((n) => !n.endsWith(PARTIAL)).sort()) {
    const manifest = await readManifest(path.join(paths.base, name)).catch(() => undefined);
    if (manifest) manifests.push(manifest);
  }
  return manifests;
}

/**
 * An online physical backup of the embedded PostgreSQL (no pg_dump or pg_basebackup ship with
 * it): `pg_backup_start`, a file copy of the data folder while it keeps serving, `pg_backup_stop`
 * (which waits until the WAL the copy needs is archived), its backup_label beside the copy, and
 * the local secrets (without them encrypted ID numbers are unreadable). Then only the `keep`
 * newest backups, and the archived WAL from the oldest of them on, are kept.
 */
export async function takeBackup(deps: Pick<AppDeps, 'db' | 'config' | 'logger'>): Promise<BackupResult> {
  const { config, db } = deps;
  if (config.databaseUrl)
    throw new BackupUnavailableError('DATABASE_URL is set: back up that PostgreSQL with its own tools');
  const paths = backupPaths(config);
  const began = Date.now();
  const startedAt = new Date(began);
  const name = backupName(startedAt);
  const partial = path.join(paths.base, name + PARTIAL);
  await mkdir(partial, { recursive: true, mode: 0o700 });
  try {
    // pg_backup_start and pg_backup_stop must run on one session, which stays open in between.
    const manifest = await db.connection().execute(async (conn) => {
      // pg_backup_stop waits for the archive; a broken archive_command fails the backup, not hangs it.
      await sql`set statement_timeout = '10min'`.execute(conn);
      try {
        const started = await sql<{ lsn: string; walFile: string; version: string }>`
          select lsn::text, pg_walfile_name(lsn) as wal_file, current_setting('server_version') as version
          from pg_backup_start(${`anju ${name}`}, true) as lsn`.execute(conn);
        const bytes = await copyTree(postgresDataDir(config), path.join(partial, 'pg'), { liveCluster: true });
        const stopped = await sql<{ lsn: string; labelfile: string; spcmapfile: string }>`
          select lsn::text, labelfile, spcmapfile from pg_backup_stop(true)`.execute(conn);
        const { lsn, labelfile, spcmapfile } = stopped.rows[0];
        await writeFile(path.join(partial, 'pg', 'backup_label'), labelfile);
        if (spcmapfile) await writeFile(path.join(partial, 'pg', 'tablespace_map'), spcmapfile);
        return {
          name,
          startedAt: startedAt.toISOString(),
          finishedAt: new Date().toISOString(),
          startLsn: started.rows[0].lsn,
          stopLsn: lsn,
          startWalFile: started.rows[0].walFile,
          bytes,
          postgresVersion: started.rows[0].version,
        } satisfies BackupManifest;
      } finally {
        await sql`reset statement_timeout`.execute(conn);
      }
    });
    const secrets = path.join(config.dataDir, 'secrets.json');
    if (await stat(secrets).catch(() => undefined)) await copyFile(secrets, path.join(partial, 'secrets.json'));
    await writeFile(path.join(partial, MANIFEST), JSON.stringify(manifest, null, 2));
    const dir = path.join(paths.base, name);
    await rename(partial, dir);
    const removed = await pruneBackups(paths, config.backupKeep ?? DEFAULT_BACKUP_KEEP);
    deps.logger.info({ backup: name, bytes: manifest.bytes, removed }, 'backup taken');
    return { ...manifest, dir, ms: Date.now() - began, removed };
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Keeps the `keep` newest base backups and the archived WAL a restore of the oldest of them
 * needs; removes the rest (and copies a crashed backup left half done).
 */
export async function pruneBackups(paths: BackupPaths, keep: number): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(paths.base).catch(() => [] as string[])) {
    if (name.endsWith(PARTIAL)) await rm(path.join(paths.base, name), { recursive: true, force: true });
  }
  const backups = await listBackups(paths);
  for (const old of backups.slice(0, Math.max(0, backups.length - keep))) {
    await rm(path.join(paths.base, old.name), { recursive: true, force: true });
    removed.push(old.name);
  }
  const oldest = backups.at(-keep) ?? backups[0];
  if (oldest) {
    // Segment names sort by timeline, then position: everything before the oldest start goes.
    for (const file of await readdir(paths.wal).catch(() => [] as string[])) {
      const segment = file.slice(0, 24);
      if (isWalSegment(segment) && segment < oldest.startWalFile) await rm(path.join(paths.wal, file), { force: true });
    }
  }
  return removed;
}
