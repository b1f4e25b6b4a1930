import type { Server } from 'node:http';
import net from 'node:net';
import { serve } from '@hono/node-server';
import { applyIndexSettings, createSearch } from '../../search/src/client.ts';
import { createApp } from './app.ts';
import type { Config } from './config/config.ts';
import type { Logger } from './config/logger.ts';
import { excessPrivilegeOf } from './db/app-role.ts';
import { createDb } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { AppDeps } from './http/env.ts';
import { startJobQueue } from './jobs/scheduler.ts';
import { startNotificationDelivery } from './notifications/delivery.ts';
import { smsProviderFor } from './notifications/sms.ts';
import { startOpportunities } from './opportunities/start.ts';
import { isPortTaken } from './runtime/free-port.ts';
import { type RunningServices, startServices } from './runtime/services.ts';
import { StartupError } from './runtime/startup-error.ts';
import { rebuildOutdatedIndexes } from './search-sync/reindex.ts';
import { startSearchSync } from './search-sync/worker.ts';
import { seedOnEmptyDatabase } from './seed/demo.ts';
import { ensureWebBuilt } from './web/build.ts';

export { type RunningServices, startServices } from './runtime/services.ts';
// Defined under runtime/ so that `pnpm start`'s small supervising process need not load the app.
export { StartupError } from './runtime/startup-error.ts';

const ACCEPT_GRACE_MS = 1_000;

export interface RunningPlatform {
  url: string;
  server: Server;
  stop: () => Promise<void>;
}

function describeConnectionError(what: string, error: unknown): string {
  const err = error as { code?: string; message?: string };
  return `cannot connect to ${what}: ${err.code ?? ''} ${err.message ?? String(error)}`.replace(/\s+/g, ' ');
}

/**
 * Whose connection `deps.db` is: the app role (the API, and CLIs that only read and write rows),
 * or the owner (CLIs that migrate or ANALYZE: `pnpm migrate`, `pnpm seed`, the bench's generator).
 */
export type DbRole = 'app' | 'owner';

/**
 * Connects to the database and search, applies migrations (as the owner) and index settings.
 * `deps.db` connects as `role`. `outdatedIndexes`: indexes whose documents an older Anju built
 * (applyIndexSettings); startPlatform rebuilds them before it serves.
 */
export async function connect(
  config: Config,
  logger: Logger,
  services: RunningServices,
  role: DbRole = 'app',
): Promise<AppDeps & { outdatedIndexes: string[] }> {
  const poolFor = (url: string, poolSize: number) =>
    createDb({
      url,
      poolSize,
      statementTimeoutMs: config.requestTimeoutMs,
      onPoolError: (error) => logger.warn({ err: error }, 'database connection lost'),
    });
  const owner = poolFor(services.databaseUrl, role === 'owner' ? config.databasePoolSize : 1);
  let db = owner;
  services.onCleanup(() => db.destroy()); // whichever pool `db` is by then
  const applied = await migrateToLatest(owner).catch((error) => {
    if (error?.name === 'MigrationError') throw error;
    throw new StartupError(describeConnectionError('DATABASE_URL', error));
  });
  if (applied.length) logger.info({ migrations: applied }, 'migrations applied');
  if (role === 'app') {
    await owner.destroy();
    db = poolFor(services.appDatabaseUrl, config.databasePoolSize);
    const excess = await excessPrivilegeOf(db).catch((error) => {
      throw new StartupError(
        describeConnectionError(config.databaseAppUrl ? 'DATABASE_APP_URL' : 'DATABASE_URL', error),
      );
    });
    if (excess) logger.warn(`${excess}: set DATABASE_APP_URL to the role anju_app (README, Database roles)`);
  }
  const search = createSearch({
    url: services.meiliUrl,
    masterKey: services.meiliMasterKey,
    indexPrefix: config.meiliIndexPrefix,
  });
  const outdatedIndexes = await applyIndexSettings(search).catch((error) => {
    throw new StartupError(describeConnectionError('MEILI_URL', error));
  });
  const effectiveConfig: Config = {
    ...config,
    sessionSecret: config.sessionSecret ?? services.secrets.sessionSecret,
    dataEncryptionKey: config.dataEncryptionKey ?? services.secrets.dataEncryptionKey,
  };
  return { config: effectiveConfig, db, search, logger, outdatedIndexes };
}

export interface PlatformOptions {
  /**
   * Run the background work (the outbox → Meilisearch drain loop, the start-up synonym push).
   * On by default; test platforms leave it off unless a test asks, and drain the outbox
   * themselves, so that ten idle platforms do not poll PostgreSQL ten times a second each.
   */
  background?: boolean;
}

export async function startPlatform(
  config: Config,
  logger: Logger,
  options: PlatformOptions = {},
): Promise<RunningPlatform> {
  if (config.port !== 0 && (await isPortTaken(config.port, config.host))) {
    throw new StartupError(`port ${config.port} is already in use; set PORT to a free port`);
  }
  const services = await startServices(config, logger, { publish: true });
  try {
    const deps = await connect(config, logger, services);
    await rebuildOutdatedIndexes(deps, deps.outdatedIndexes);
    await startOpportunities(deps, { background: options.background ?? true });
    if (options.background ?? true) {
      services.onCleanup(startSearchSync(deps, { listenUrl: services.appDatabaseUrl }));
      services.onCleanup(
        startNotificationDelivery({
          ...deps,
          sms: smsProviderFor(deps.config),
          encryptionKey: deps.config.dataEncryptionKey,
        }),
      );
    }
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
