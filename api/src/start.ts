import path from 'node:path';
import { ConfigError, parseConfig } from './config/config.ts';
import { createLogger } from './config/logger.ts';
import { isPortTaken } from './runtime/free-port.ts';
import { type RunningServices, startServices } from './runtime/services.ts';
import { API_NODE_ARGS } from './runtime/start-command.ts';
import { StartupError } from './runtime/startup-error.ts';
import { ExitedDuringStartup, SupervisedProcess } from './runtime/supervisor.ts';

/**
 * `pnpm start`: a small process that starts the embedded PostgreSQL and Meilisearch (unless
 * configured), publishes them in DATA_DIR/run.json, and runs the API process (api/src/main.ts)
 * as a supervised child: if the API dies (out of memory, `kill -9`) it is started again on the
 * same port. Every child gets a parent-death signal, so a `kill -9` of this process leaves
 * nothing running. It loads no application code, so it stays small.
 */
const root = path.resolve(import.meta.dirname, '../..');

function fail(message: string): never {
  console.error(`anju: ${message}`);
  process.exit(1);
}

async function main() {
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const logger = createLogger(config.logLevel);
  let services: RunningServices;
  try {
    if (config.port !== 0 && (await isPortTaken(config.port, config.host))) {
      throw new StartupError(`port ${config.port} is already in use; set PORT to a free port`);
    }
    services = await startServices(config, logger, { publish: true });
  } catch (error) {
    fail(error instanceof StartupError ? error.message : `start-up failed: ${(error as Error)?.message ?? error}`);
  }

  const env: NodeJS.ProcessEnv = { ...process.env };
  const api = new SupervisedProcess({
    name: 'api',
    command: process.execPath,
    args: [...API_NODE_ARGS],
    // The API's logs and its "running at" line go straight to our stdout; 'ipc' says when it is up.
    spawnOptions: { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    logger,
    stopSignal: 'SIGTERM',
    // Should this process die unannounced, the API goes at once: PostgreSQL is stopping too.
    parentDeathSignal: 'SIGKILL',
    waitUntilReady: (child) =>
      new Promise<void>((resolve) => {
        child.on('message', (message: { type?: string; url?: string }) => {
          if (message?.type !== 'anju:ready' || !message.url) return;
          // A restarted API listens where the first one did, also when PORT=0 picked the port.
          env.PORT = new URL(message.url).port;
          resolve();
        });
      }),
  });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // The API drains in-flight requests first (it gives up after 30 s), then the services stop.
    await api.stop(35_000);
    await services.cleanup();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  try {
    await api.start();
  } catch (error) {
    if (stopping) return; // stopped while the API was starting
    await api.stop();
    await services.cleanup();
    // Exit code 1 means the API process has already printed its one line.
    if (error instanceof ExitedDuringStartup && error.code === 1) process.exit(1);
    fail(`the API process failed to start: ${(error as Error)?.message ?? error}`);
  }
}

void main();
