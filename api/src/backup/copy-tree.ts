import { chown, copyFile, lstat, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * What an online copy of a running cluster leaves out (PostgreSQL's "Making a Base Backup Using
 * the Low Level API"): WAL comes from the archive, the rest is rebuilt at start. Folders stay.
 */
const SKIP_FILES = new Set(['postmaster.pid', 'postmaster.opts', 'pg_internal.init']);
const EMPTY_FOLDERS = new Set([
  'pg_wal',
  'pg_replslot',
  'pg_dynshmem',
  'pg_notify',
  'pg_serial',
  'pg_snapshots',
  'pg_stat_tmp',
  'pg_subtrans',
]);

export interface CopyOptions {
  /** Leave out what a running cluster's copy must not carry (see above). */
  liveCluster?: boolean;
}

const gone = (error: unknown) => (error as NodeJS.ErrnoException)?.code === 'ENOENT';

/**
 * Copies a folder tree file by file. A file that vanishes mid-copy (a running server drops
 * temporary files) is skipped: replaying WAL from the backup's start makes the copy consistent.
 * Returns the bytes copied.
 */
export async function copyTree(from: string, to: string, options: CopyOptions = {}, depth = 0): Promise<number> {
  await mkdir(to, { recursive: true, mode: 0o700 });
  let bytes = 0;
  const entries = await readdir(from, { withFileTypes: true }).catch((error) => {
    if (gone(error)) return [];
    throw error;
  });
  for (const entry of entries) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      if (options.liveCluster && (entry.name.startsWith('pgsql_tmp') || entry.name === 'pgsql_tmp')) continue;
      if (options.liveCluster && depth === 0 && EMPTY_FOLDERS.has(entry.name)) {
        await mkdir(target, { recursive: true, mode: 0o700 });
        continue;
      }
      bytes += await copyTree(source, target, options, depth + 1);
    } else if (entry.isFile()) {
      if (options.liveCluster && (SKIP_FILES.has(entry.name) || entry.name.startsWith('pgsql_tmp'))) continue;
      try {
        await copyFile(source, target);
        bytes += (await lstat(target)).size;
      } catch (error) {
        if (!gone(error)) throw error;
      }
    }
  }
  return bytes;
}

/** Hands a tree to the unprivileged PostgreSQL user (a restore run as root). */
export async function chownTree(dir: string, uid: number, gid: number): Promise<void> {
  await chown(dir, uid, gid);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const target = path.join(dir, entry.name);
    if (entry.isDirectory()) await chownTree(target, uid, gid);
    else await chown(target, uid, gid);
  }
}
