import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config/config.ts';
import type { Logger } from '../config/logger.ts';
import { type LocalSecrets, loadLocalSecrets } from '../config/secrets.ts';
import { backupPaths, postgresDataDir } from './backup-paths.ts';
import { startEmbeddedMeilisearch } from './embedded-meilisearch.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { commandLineOf, isAlive, sleep } from './processes.ts';
import { StartupError } from './startup-error.ts';

export interface RunningServices {
  /** As the owner: migrations, seeders. */
  databaseUrl: string;
  /** As the app role `anju_app`: the API's pool. */
  appDatabaseUrl: string;
  meiliUrl: string;
  meiliMasterKey: string;
  secrets: LocalSecrets;
  /** Runs the registered clean-ups in reverse order. */
  cleanup: () => Promise<void>;
  onCleanup: (step: () => Promise<void>) => void;
  /**
   * Stops and starts the embedded PostgreSQL on the same data directory and port (the bench's
   * "cold after a restart" figure); absent when PostgreSQL is not embedded here.
   */
  restartPostgres?: () => Promise<void>;
}

export interface StartServicesOptions {
  /**
   * A long-running start (`pnpm start`, the API process): refuses a DATA_DIR another start
   * runs on, and publishes its services in DATA_DIR/run.json for the commands run meanwhile.
   */
  publish?: boolean;
}

/**
 * DATA_DIR/run.json: what a running start serves, so that CLIs (and the API process that
 * `pnpm start` supervises) use its PostgreSQL and Meilisearch instead of starting their own.
 * The URLs carry credentials, so the file is readable by its owner only, like secrets.json.
 */
interface RunState {
  pid: number;
  state: 'starting' | 'ready';
  databaseUrl?: string;
  appDatabaseUrl?: string;
  meiliUrl?: string;
  meiliMasterKey?: string;
}

const WAIT_FOR_STARTING_MS = 180_000;

const lockFileOf = (dataDir: string) => path.join(dataDir, 'anju.pid');
const runFileOf = (dataDir: string) => path.join(dataDir, 'run.json');

/** The pid of the live Anju process holding DATA_DIR, if any. */
async function lockHolder(dataDir: string): Promise<number | undefined> {
  const pid = Number(await readFile(lockFileOf(dataDir), 'utf8').catch(() => ''));
  if (!pid || pid === process.pid || !isAlive(pid)) return undefined;
  return /node|tsx/.test(await commandLineOf(pid)) ? pid : undefined;
}

async function readRunState(dataDir: string, holder: number): Promise<RunState | undefined> {
  return readFile(runFileOf(dataDir), 'utf8').then(
    (text) => JSON.parse(text) as RunState,
    (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EACCES') return undefined;
      throw new StartupError(
        `cannot read ${runFileOf(dataDir)} of the Anju running on it (pid ${holder}); run this as the user who started it`,
      );
    },
  );
}

async function writeRunState(dataDir: string, state: RunState): Promise<void> {
  const partial = `${runFileOf(dataDir)}.${process.pid}`;
  await writeFile(partial, JSON.stringify(state), { mode: 0o600 });
  await rename(partial, runFileOf(dataDir));
}

async function takeInstanceLock(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  await writeFile(lockFileOf(dataDir), String(process.pid));
  await rm(runFileOf(dataDir), { force: true }); // left by a start that was killed
  return () => rm(lockFileOf(dataDir), { force: true });
}

/** Waits for the start holding DATA_DIR to publish its services; refuses when a CLI holds it. */
async function servicesOfRunningStart(dataDir: string, holder: number): Promise<RunState> {
  const deadline = Date.now() + WAIT_FOR_STARTING_MS;
  for (;;) {
    const state = await readRunState(dataDir, holder).catch((error) => {
      if (error instanceof StartupError) throw error;
      return undefined; // caught half-written
    });
    if (state?.pid !== holder) {
      throw new StartupError(
        `DATA_DIR ${dataDir} is in use by another Anju command (pid ${holder}); run this again when it has finished`,
      );
    }
    if (state.state === 'ready') return state;
    if (Date.now() > deadline || !isAlive(holder)) {
      throw new StartupError(
        `Anju (pid ${holder}) is still starting on DATA_DIR ${dataDir}; run this again when it is up`,
      );
    }
    await sleep(250);
  }
}

/**
 * The database and search for `start` and the CLIs: those of the Anju already running on
 * DATA_DIR when there is one (nothing is started or stopped then), otherwise the embedded
 * PostgreSQL and Meilisearch under a DATA_DIR lock, unless DATABASE_URL / MEILI_URL point
 * elsewhere.
 */
export async function startServices(
  config: Config,
  logger: Logger,
  options: StartServicesOptions = {},
): Promise<RunningServices> {
  const holder = await lockHolder(config.dataDir);
  // The API process that `pnpm start` supervises shares its parent's services.
  if (holder && options.publish && holder !== process.ppid) {
    throw new StartupError(`Anju is already running on DATA_DIR ${config.dataDir} (pid ${holder})`);
  }
  if (holder) return attach(config, await servicesOfRunningStart(config.dataDir, holder));

  const releaseLock = await takeInstanceLock(config.dataDir);
  const cleanups: (() => Promise<void>)[] = [releaseLock];
  const cleanup = async () => {
    if (options.publish) await rm(runFileOf(config.dataDir), { force: true });
    for (const step of cleanups.splice(0).reverse()) {
      await step().catch((error) => logger.error({ err: error }, 'cleanup'));
    }
  };
  try {
    if (options.publish) await writeRunState(config.dataDir, { pid: process.pid, state: 'starting' });
    const secrets = await loadLocalSecrets(config.dataDir);
    // allSettled: when one service fails to start, the other is still stopped again.
    const [postgres, meili] = await Promise.allSettled([
      config.databaseUrl
        ? undefined
        : startEmbeddedPostgres({
            dataDir: postgresDataDir(config),
            systemDir: config.systemDir,
            archiveDir: backupPaths(config).wal,
            password: secrets.postgresPassword,
            appPassword: secrets.postgresAppPassword,
            database: 'anju',
            logger,
          }),
      config.meiliUrl
        ? undefined
        : startEmbeddedMeilisearch({
            dataDir: path.join(config.dataDir, 'meili'),
            masterKey: secrets.meiliMasterKey,
            logger,
          }),
    ]);
    for (const started of [postgres, meili])
      if (started.status === 'fulfilled' && started.value) cleanups.push(started.value.stop);
    for (const started of [postgres, meili]) if (started.status === 'rejected') throw started.reason;
    const embeddedPostgres = postgres.status === 'fulfilled' ? postgres.value : undefined;
    const services: RunningServices = {
      databaseUrl: config.databaseUrl ?? embeddedPostgres?.url ?? '',
      appDatabaseUrl: config.databaseAppUrl ?? config.databaseUrl ?? embeddedPostgres?.appUrl ?? '',
      meiliUrl: config.meiliUrl ?? (meili.status === 'fulfilled' ? meili.value?.url : undefined) ?? '',
      meiliMasterKey: config.meiliMasterKey ?? secrets.meiliMasterKey,
      secrets,
      cleanup,
      onCleanup: (step) => cleanups.push(step),
      ...(embeddedPostgres
        ? {
            restartPostgres: async () => {
              await embeddedPostgres.process.stop();
              await embeddedPostgres.process.start();
            },
          }
        : {}),
    };
    if (options.publish) {
      const { databaseUrl, appDatabaseUrl, meiliUrl, meiliMasterKey } = services;
      const state = { databaseUrl, appDatabaseUrl, meiliUrl, meiliMasterKey };
      await writeRunState(config.dataDir, { pid: process.pid, state: 'ready', ...state });
    }
    return services;
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** The running start's services; this process only adds its own clean-ups (its pool). */
async function attach(config: Config, state: RunState): Promise<RunningServices> {
  const cleanups: (() => Promise<void>)[] = [];
  return {
    databaseUrl: config.databaseUrl ?? state.databaseUrl ?? '',
    appDatabaseUrl: config.databaseAppUrl ?? config.databaseUrl ?? state.appDatabaseUrl ?? '',
    meiliUrl: config.meiliUrl ?? state.meiliUrl ?? '',
    meiliMasterKey: config.meiliMasterKey ?? state.meiliMasterKey ?? '',
    secrets: await loadLocalSecrets(config.dataDir),
    cleanup: async () => {
      for (const step of cleanups.splice(0).reverse()) await step().catch(() => undefined);
    },
    onCleanup: (step) => cleanups.push(step),
  };
}
