import { execFile } from 'node:child_process';
import { appendFile, chmod, copyFile, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { Config } from '../config/config.ts';
import type { Logger } from '../config/logger.ts';
import { connect, StartupError, startServices } from '../platform.ts';
import { isWalSegment, postgresDataDir, restoreCommand } from '../runtime/backup-paths.ts';
import { unprivilegedIds } from '../runtime/embedded-postgres.ts';
import { pollUntil } from '../runtime/supervisor.ts';
import { rebuildSearch } from '../search-sync/reindex.ts';
import { chownTree, copyTree } from './copy-tree.ts';
import { readManifest } from './take-backup.ts';

const run = promisify(execFile);

export interface RestoreOptions {
  /** The base backup folder (DATA_DIR/backups/base/<name>). */
  from: string;
  /** Recovery target: a timestamp with offset (ISO 8601); absent means all archived WAL. */
  to?: string;
  /** The WAL archive; by default the `wal` folder beside the backup's `base` folder. */
  walDir?: string;
  /** How long WAL replay may take before we give up (a city's day of writes replays in minutes). */
  replayTimeoutMs?: number;
}

export interface RestoreResult {
  backup: string;
  /** The time of the last transaction replayed (null when none after the backup). */
  recoveredTo: string | null;
  walFiles: number;
  reindexed: Record<string, number>;
  ms: number;
}

/**
 * `--to` as PostgreSQL and Date both read it: '2026-12-05 10:00:00+08' → '2026-12-05T10:00:00+08:00'.
 * Without an offset the time is China time.
 */
export function parseRecoveryTarget(text: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(
    text.trim(),
  );
  if (!match) return undefined;
  const [, date, time, zone] = match;
  const offset = !zone
    ? '+08:00'
    : zone === 'Z'
      ? 'Z'
      : /^[+-]\d{2}$/.test(zone)
        ? `${zone}:00`
        : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const iso = `${date}T${time.length === 5 ? `${time}:00` : time}${offset}`;
  return Number.isNaN(Date.parse(iso)) ? undefined : iso;
}

async function postgresIds(): Promise<{ uid?: number; gid?: number }> {
  if (userInfo().uid !== 0) return {};
  try {
    return await unprivilegedIds();
  } catch {
    // A fresh machine: the user that embedded-postgres would create on first start.
    await run('groupadd', ['postgres']).catch(() => undefined);
    await run('useradd', ['-g', 'postgres', 'postgres']);
    return unprivilegedIds();
  }
}

/**
 * Restores a base backup into an EMPTY DATA_DIR, replays the archived WAL up to `to` (or all of
 * it), promotes the server, then rebuilds every search index from the restored PostgreSQL.
 * Services are stopped again at the end; `pnpm start` then runs the restored install.
 */
export async function restoreBackup(config: Config, logger: Logger, options: RestoreOptions): Promise<RestoreResult> {
  const began = Date.now();
  if (config.databaseUrl) throw new StartupError('DATABASE_URL is set: restore that PostgreSQL with its own tools');
  const existing = await readdir(config.dataDir).catch(() => [] as string[]);
  if (existing.length > 0)
    throw new StartupError(`DATA_DIR ${config.dataDir} is not empty: restore only into an empty (or new) folder`);
  const from = path.resolve(options.from);
  const manifest = await readManifest(from).catch(() => {
    throw new StartupError(`${from} is not a finished backup (no backup.json)`);
  });
  if (options.to && Date.parse(options.to) < Date.parse(manifest.finishedAt))
    throw new StartupError(`--to ${options.to} is before the backup finished (${manifest.finishedAt})`);
  const walDir = path.resolve(options.walDir ?? path.join(from, '..', '..', 'wal'));

  const pgDir = postgresDataDir(config);
  await mkdir(config.dataDir, { recursive: true });
  await copyTree(path.join(from, 'pg'), pgDir);
  await chmod(pgDir, 0o700);
  if (await stat(path.join(from, 'secrets.json')).catch(() => undefined)) {
    await copyFile(path.join(from, 'secrets.json'), path.join(config.dataDir, 'secrets.json'));
    await chmod(path.join(config.dataDir, 'secrets.json'), 0o600);
  }
  // The segments this restore replays, staged inside DATA_DIR where the postgres user may read them.
  const staged = path.join(config.dataDir, 'restore-wal');
  await mkdir(staged, { mode: 0o700 });
  let walFiles = 0;
  for (const file of await readdir(walDir).catch(() => [] as string[])) {
    const segment = file.slice(0, 24);
    const needed = file.endsWith('.history') || (isWalSegment(file) && segment >= manifest.startWalFile);
    if (!needed) continue;
    await copyFile(path.join(walDir, file), path.join(staged, file));
    walFiles++;
  }
  await writeFile(path.join(pgDir, 'recovery.signal'), '');
  const settings = [`restore_command = '${restoreCommand(staged).replaceAll("'", "''")}'`];
  if (options.to) {
    // PostgreSQL reads '2026-12-05 02:00:00.000+00', not ISO 8601's T and Z.
    const target = new Date(options.to).toISOString().replace('T', ' ').replace('Z', '+00');
    settings.push(`recovery_target_time = '${target}'`, `recovery_target_action = 'promote'`);
  }
  await appendFile(path.join(pgDir, 'postgresql.auto.conf'), `\n${settings.join('\n')}\n`);
  const ids = await postgresIds();
  if (ids.uid !== undefined) {
    await chownTree(pgDir, ids.uid, ids.gid ?? ids.uid);
    await chownTree(staged, ids.uid, ids.gid ?? ids.uid);
  }

  const services = await startServices(config, logger);
  try {
    const client = new pg.Client({ connectionString: services.databaseUrl });
    client.on('error', () => undefined);
    await client.connect();
    let recoveredTo: string | null = null;
    try {
      await pollUntil(
        async () => (await client.query('select pg_is_in_recovery() as r')).rows[0].r === false,
        options.replayTimeoutMs ?? 60 * 60_000,
        'WAL replay',
      );
      const last = await client.query('select pg_last_xact_replay_timestamp() as at');
      recoveredTo = last.rows[0].at ? (last.rows[0].at as Date).toISOString() : null;
      // The restored server is a primary now: recovery settings go, its own archiving goes on.
      for (const name of ['restore_command', 'recovery_target_time', 'recovery_target_action'])
        await client.query(`alter system reset ${name}`);
      await client.query('select pg_reload_conf()');
    } finally {
      await client.end();
    }
    const deps = await connect(config, logger, services);
    const reindexed = await rebuildSearch(deps);
    await rm(staged, { recursive: true, force: true });
    return { backup: manifest.name, recoveredTo, walFiles, reindexed, ms: Date.now() - began };
  } finally {
    await services.cleanup();
  }
}
