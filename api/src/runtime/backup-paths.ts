import path from 'node:path';
import type { Config } from '../config/config.ts';

/** Where backups live: base backups under `base/`, the continuous WAL archive under `wal/`. */
export interface BackupPaths {
  root: string;
  base: string;
  wal: string;
}

export const DEFAULT_BACKUP_KEEP = 7;

export function backupPaths(config: Pick<Config, 'dataDir' | 'backupDir'>): BackupPaths {
  const root = config.backupDir ?? path.join(config.dataDir, 'backups');
  return { root, base: path.join(root, 'base'), wal: path.join(root, 'wal') };
}

/** The data folder of the embedded PostgreSQL (one definition, shared with platform.ts). */
export const postgresDataDir = (config: Pick<Config, 'dataDir'>) => path.join(config.dataDir, 'pg');

/** A WAL segment (timeline + position, 24 hex digits), as opposed to .history / .backup files. */
export const isWalSegment = (name: string) => /^[0-9A-F]{24}$/.test(name);

/** One shell word, and `%` doubled: PostgreSQL expands %f / %p in archive and restore commands. */
function shellWord(value: string): string {
  return `'${value.replaceAll("'", `'\\''`).replaceAll('%', '%%')}'`;
}

/**
 * `archive_command`: copy the finished segment under a temporary name, flush it, then rename, so
 * the archive never holds half a file. A segment already archived (PostgreSQL retries after a
 * crash between copy and bookkeeping) counts as done when identical. Only sh, cp, cmp, sync, mv.
 */
export function archiveCommand(walDir: string): string {
  const target = shellWord(`${walDir}/`);
  return `f=${target}%f; if [ -f "$f" ]; then cmp -s %p "$f"; else cp %p "$f.part" && sync "$f.part" && mv "$f.part" "$f"; fi`;
}

/** `restore_command` for recovery from a folder of archived segments. */
export function restoreCommand(walDir: string): string {
  return `cp ${shellWord(`${walDir}/`)}%f %p`;
}
