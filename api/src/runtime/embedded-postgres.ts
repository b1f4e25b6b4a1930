import { execFile } from 'node:child_process';
import { chown, mkdir, readFile, realpath, rm, stat, symlink } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { Logger } from '../config/logger.ts';
import { APP_ROLE, ensureAppRole } from '../db/app-role.ts';
import { archiveCommand } from './backup-paths.ts';
import { findFreePort } from './free-port.ts';
import { DEFAULT_SYSTEM_DIR, initialiseCluster, locatePostgres, POSTGRES_USER } from './postgres-location.ts';
import { commandLineOf, isAlive, terminate } from './processes.ts';
import { pollUntil, SupervisedProcess } from './supervisor.ts';

export interface EmbeddedPostgres {
  /** As the superuser `postgres`, the owner: migrations, seeders. */
  url: string;
  /** As the app role (when `appPassword` was given): the API's pool. */
  appUrl?: string;
  port: number;
  process: SupervisedProcess;
  stop: () => Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  password: string;
  /** Creates or updates the app role `anju_app` with this password. */
  appPassword?: string;
  database: string;
  logger: Logger;
  port?: number;
  /** As root: where programs and data go that the postgres user cannot reach (ANJU_SYSTEM_DIR). */
  systemDir?: string;
  /** Archive every finished WAL segment here (online backups, point-in-time restore). */
  archiveDir?: string;
}

const run = promisify(execFile);

/** The `postgres` system user's ids when we run as root (restores hand it their files). */
export async function unprivilegedIds(): Promise<{ uid?: number; gid?: number }> {
  if (userInfo().uid !== 0) return {};
  const [uid, gid] = await Promise.all([
    run('id', ['-u', POSTGRES_USER]).then(({ stdout }) => Number(stdout.trim())),
    run('id', ['-g', POSTGRES_USER]).then(({ stdout }) => Number(stdout.trim())),
  ]);
  return { uid, gid };
}

/**
 * The WAL archive folder, made writable by the user PostgreSQL runs as. When that user cannot
 * reach it (DATA_DIR in a 0700 home, so the cluster itself moved under ANJU_SYSTEM_DIR), the
 * archive lives beside the relocated cluster and `archiveDir` links to it; the real path is
 * what `archive_command` writes to.
 */
async function prepareArchive(
  archiveDir: string,
  clusterDir: string,
  ids: { uid?: number; gid?: number },
): Promise<string> {
  await mkdir(path.dirname(archiveDir), { recursive: true });
  const reachable = (dir: string) =>
    ids.uid === undefined
      ? Promise.resolve(true)
      : run('test', ['-w', dir], { uid: ids.uid, gid: ids.gid }).then(
          () => true,
          () => false,
        );
  const exists = await stat(archiveDir).then(
    () => true,
    () => false,
  );
  if (!exists) {
    const beside = path.join(path.dirname(await realpath(clusterDir)), 'wal-archive');
    const relocated = beside !== path.join(path.dirname(await realpath(path.dirname(archiveDir))), 'wal-archive');
    await mkdir(archiveDir, { recursive: true, mode: 0o700 });
    if (ids.uid !== undefined) await chown(archiveDir, ids.uid, ids.gid ?? ids.uid);
    if (relocated && !(await reachable(archiveDir))) {
      await rm(archiveDir, { recursive: true });
      await mkdir(beside, { recursive: true, mode: 0o700 });
      if (ids.uid !== undefined) await chown(beside, ids.uid, ids.gid ?? ids.uid);
      await symlink(beside, archiveDir);
    }
  }
  return realpath(archiveDir);
}

const USER = POSTGRES_USER;

/** A postgres left running by an Anju that was killed with -9 is shut down before we start. */
async function clearStaleServer(dataDir: string, logger: Logger): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  const text = await readFile(pidFile, 'utf8').catch(() => undefined);
  if (!text) return;
  const pid = Number(text.split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    const cmdline = await commandLineOf(pid);
    if (cmdline.includes('postgres') && cmdline.includes(dataDir)) {
      logger.warn({ pid }, 'stopping a PostgreSQL left running by an earlier Anju');
      await terminate(pid, 15_000, 'SIGINT');
      return;
    }
  }
  logger.warn({ pid }, 'removing a stale postmaster.pid');
  await rm(pidFile, { force: true });
}

async function canQuery(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on('error', () => undefined); // a server going down mid-probe is an expected failure
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { logger } = options;
  const location = await locatePostgres(options.dataDir, options.systemDir ?? DEFAULT_SYSTEM_DIR, logger);
  const { dataDir, postgres, ids } = location;
  const initialised = await stat(path.join(dataDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
  if (!initialised) await initialiseCluster(location, options.password, logger);
  await clearStaleServer(dataDir, logger);

  const port = options.port ?? (await findFreePort());
  const archiveDir = options.archiveDir ? await prepareArchive(options.archiveDir, dataDir, ids) : undefined;
  const adminUrl = `postgres://${USER}:${encodeURIComponent(options.password)}@127.0.0.1:${port}/postgres`;
  const supervised = new SupervisedProcess({
    name: 'postgres',
    command: postgres,
    args: [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      '-c',
      'shared_buffers=256MB',
      '-c',
      // Dashboards sort and hash a region's ~50k households in memory (4 MB spilled to disk).
      'work_mem=16MB',
      '-c',
      // autoprewarm (issue 23): PostgreSQL writes the list of its cached blocks on shutdown and
      // every 5 minutes, and reads them back after a start, so a restart does not leave
      // matching's candidates query reading every person's page from disk for its first hours.
      'shared_preload_libraries=pg_prewarm',
      '-c',
      'fsync=on',
      ...(archiveDir
        ? // A quiet server still closes a segment every 5 minutes: at most that much is lost.
          ['-c', 'archive_mode=on', '-c', `archive_command=${archiveCommand(archiveDir)}`, '-c', 'archive_timeout=300']
        : []),
    ],
    spawnOptions: { ...ids, env: { ...process.env, LC_MESSAGES: 'C' } },
    logger,
    stopSignal: 'SIGINT',
    waitUntilReady: () => pollUntil(() => canQuery(adminUrl), 30_000, 'PostgreSQL'),
  });
  await supervised.start();

  const admin = new pg.Client({ connectionString: adminUrl });
  admin.on('error', () => undefined);
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [options.database]);
    if (exists.rowCount === 0) await admin.query(`create database ${admin.escapeIdentifier(options.database)}`);
    if (options.appPassword) await ensureAppRole(admin, options.appPassword);
  } finally {
    await admin.end();
  }

  const urlAs = (user: string, password: string) =>
    `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${options.database}`;
  return {
    url: urlAs(USER, options.password),
    appUrl: options.appPassword ? urlAs(APP_ROLE, options.appPassword) : undefined,
    port,
    process: supervised,
    stop: () => supervised.stop(),
  };
}
