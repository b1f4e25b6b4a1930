import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { applyIndexSettings, createSearch } from '../../search/src/client.ts';
import { createApp } from './app.ts';
import type { Config } from './config/config.ts';
import type { Logger } from './config/logger.ts';
import { type LocalSecrets, loadLocalSecrets } from './config/secrets.ts';
import { createDb } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { AppDeps } from './http/env.ts';
import { startOpportunities } from './opportunities/start.ts';
import { startEmbeddedMeilisearch } from './runtime/embedded-meilisearch.ts';
import { startEmbeddedPostgres } from './runtime/embedded-postgres.ts';
import { isPortTaken } from './runtime/free-port.ts';
import { commandLineOf, isAlive } from './runtime/processes.ts';
import { seedOnEmptyDatabase } from './seed/demo.ts';
import { ensureWebBuilt } from './web/build.ts';

/** A failure at start-up that we can explain in one line to whoever runs Anju. */
export class StartupError extends Error {}

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
            dataDir: path.join(config.dataDir, 'pg'),
            password: secrets.postgresPassword,
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
    if (config.env !== 'test') await ensureWebBuilt(logger);

    let draining = false;
    const app = createApp(deps, { serveWeb: true });
    const server = await new Promise<Server>((resolve) => {
      const started = serve(
        {
          fetch: (request, env) => {
            if (draining) {
              return new Response('{"title":"Shutting down","status":503}', {
                status: 503,
                headers: { 'content-type': 'application/problem+json', connection: 'close', 'retry-after': '5' },
              });
            }
            return app.fetch(request, env);
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
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 20_000).unref();
      });
      await services.cleanup();
    };
    return { url, server, stop };
  } catch (error) {
    await services.cleanup();
    throw error;
  }
}
