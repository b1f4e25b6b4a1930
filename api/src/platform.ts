import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { applyIndexSettings, createSearch } from '../../search/src/client.ts';
import { createApp } from './app.ts';
import { backupPaths, postgresDataDir } from './backup/paths.ts';
import type { Config } from './config/config.ts';
import type { Logger } from './config/logger.ts';
import { type LocalSecrets, loadLocalSecrets } from './config/secrets.ts';
import { createDb } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { AppDeps } from './http/env.ts';
import { startJobQueue } from './jobs/scheduler.ts';
import { startOpportunities } from './opportunities/start.ts';
import { startEmbeddedMeilisearch } from './runtime/embedded-meilisearch.ts';
import { startEmbeddedPostgres } from './runtime/embedded-postgres.ts';
import { isPortTaken } from './runtime/free-port.ts';
import { commandLineOf, isAlive } from './runtime/processes.ts';
import { seedOnEmptyDatabase } from './seed/demo.ts';
import { ensureWebBuilt } from './web/build.ts';

/** A failure at start-up that we can explain in one line to whoever runs Anju. */
export class StartupError extends Error {}

const ACCEPT_GRACE_MS = 1_000;

export interface RunningPlatform {
  url: string;
  server: Server;
  stop: () => Promise<void>;
}

async function takeInstanceLock(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'anju.pid');
  const pid = Number(await readFile(lockFile, 'utf8').catch(() => ''));
  if (pid && pid !== process.pid && isAlive(pid) && /node|tsx/.test(await commandLineOf(pid))) {
    throw new StartupError(`Anju is already running on DATA_DIR ${dataDir} (pid ${pid})`);
  }
  await writeFile(lockFile, String(process.pid));
  return () => rm(lockFile, { force: true });
}

function describeConnectionError(what: string, error: unknown): string {
  const err = error as { code?: string; message?: string };
  return `cannot connect to ${what}: ${err.code ?? ''} ${err.message ?? String(error)}`.replace(/\s+/g, ' ');
}

export interface RunningServices {
  databaseUrl: string;
  meiliUrl: string;
  meiliMasterKey: string;
  secrets: LocalSecrets;
  /** Runs the registered clean-ups in reverse order. */
  cleanup: () => Promise<void>;
  onCleanup: (step: () => Promise<void>) => void;
}

/**
 * Takes the DATA_DIR lock and starts the embedded PostgreSQL and Meilisearch unless
 * DATABASE_URL / MEILI_URL point elsewhere. Used by `start` and by the CLIs.
 */
export async function startServices(config: Config, logger: Logger): Promise<RunningServices> {
  const releaseLock = await takeInstanceLock(config.dataDir);
  const cleanups: (() => Promise<void>)[] = [releaseLock];
  const cleanup = async () => {
    for (const step of cleanups.splice(0).reverse()) {
      await step().catch((error) => logger.error({ err: error }, 'cleanup'));
    }
  };
  try {
    const secrets = await loadLocalSecrets(config.dataDir);
    const [postgres, meili] = await Promise.all([
      config.databaseUrl
        ? undefined
        : startEmbeddedPostgres({
            dataDir: postgresDataDir(config),
            password: secrets.postgresPassword,
            database: 'anju',
            logger,
            archiveDir: backupPaths(config).wal,
          }),
      config.meiliUrl
        ? undefined
        : startEmbeddedMeilisearch({
            dataDir: path.join(config.dataDir, 'meili'),
            masterKey: secrets.meiliMasterKey,
            logger,
          }),
    ]);
    if (postgres) cleanups.push(postgres.stop);
    if (meili) cleanups.push(meili.stop);
    return {
      databaseUrl: config.databaseUrl ?? (postgres?.url as string),
      meiliUrl: config.meiliUrl ?? (meili?.url as string),
      meiliMasterKey: config.meiliMasterKey ?? secrets.meiliMasterKey,
      secrets,
      cleanup,
      onCleanup: (step) => cleanups.push(step),
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** Connects to the database and search, applies migrations and index settings. */
export async function connect(config: Config, logger: Logger, services: RunningServices): Promise<AppDeps> {
  const db = createDb({
    url: services.databaseUrl,
    poolSize: config.databasePoolSize,
    statementTimeoutMs: config.requestTimeoutMs,
    onPoolError: (error) => logger.warn({ err: error }, 'database connection lost'),
  });
  services.onCleanup(() => db.destroy());
  const applied = await migrateToLatest(db).catch((error) => {
    if (error?.name === 'MigrationError') throw error;
    throw new StartupError(describeConnectionError('DATABASE_URL', error));
  });
  if (applied.length) logger.info({ migrations: applied }, 'migrations applied');
  const search = createSearch({
    url: services.meiliUrl,
    masterKey: services.meiliMasterKey,
    indexPrefix: config.meiliIndexPrefix,
  });
  await applyIndexSettings(search).catch((error) => {
    throw new StartupError(describeConnectionError('MEILI_URL', error));
  });
  const effectiveConfig: Config = {
    ...config,
    sessionSecret: config.sessionSecret ?? services.secrets.sessionSecret,
    dataEncryptionKey: config.dataEncryptionKey ?? services.secrets.dataEncryptionKey,
  };
  return { config: effectiveConfig, db, search, logger };
}

export async function startPlatform(config: Config, logger: Logger): Promise<RunningPlatform> {
  if (config.port !== 0 && (await isPortTaken(config.port, config.host))) {
    throw new StartupError(`port ${config.port} is already in use; set PORT to a free port`);
  }
  const services = await startServices(config, logger);
  try {
    const deps = await connect(config, logger, services);
    services.onCleanup(await startOpportunities(deps));
    if (config.demo) await seedOnEmptyDatabase(deps);
    if (config.scheduler) {
      deps.jobs = await startJobQueue(deps, { databaseUrl: services.databaseUrl });
      services.onCleanup(deps.jobs.stop);
    }
    if (config.env !== 'test') await ensureWebBuilt(logger);

    let draining = false;
    const app = createApp(deps, { serveWeb: true });
    const server = await new Promise<Server>((resolve) => {
      const started = serve(
        {
          fetch: async (request, env) => {
            const response = await app.fetch(request, env);
            // While draining, requests that already reached us are served in full, and the
            // connection is closed after them; the closed listener refuses new connections.
            if (draining) response.headers.set('connection', 'close');
            return response;
          },
          port: config.port,
          hostname: config.host,
        },
        () => resolve(started as Server),
      );
    });
    server.requestTimeout = config.requestTimeoutMs * 2;
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://127.0.0.1:${port}`;
    logger.info({ url, external: { db: Boolean(config.databaseUrl), search: Boolean(config.meiliUrl) } }, 'Anju is up');

    const stop = async () => {
      draining = true;
      // Keep accepting for a moment: connections the kernel has completed but Node has not yet
      // accepted would otherwise be reset when the listener closes.
      await new Promise((resolve) => setTimeout(resolve, ACCEPT_GRACE_MS));
      await new Promise<void>((resolve) => {
        // net.Server's close stops accepting without http.Server's immediate idle sweep, which
        // would reset connections whose request bytes are not parsed yet.
        net.Server.prototype.close.call(server, () => resolve());
        // No sweep of "idle" connections: one accepted just before the stop may not have had its
        // request parsed yet and would be reset. Served requests close their connection
        // (Connection: close), idle keep-alives end after keepAliveTimeout, the rest at 20 s.
        const cut = setTimeout(() => server.closeAllConnections(), 20_000);
        server.once('close', () => clearTimeout(cut));
      });
      await services.cleanup();
    };
    return { url, server, stop };
  } catch (error) {
    await services.cleanup();
    throw error;
  }
}
