import { ConfigError, parseConfig } from './config/config.ts';
import { createLogger } from './config/logger.ts';
import { StartupError, startPlatform } from './platform.ts';

/**
 * The API process: migrations, demo data, API and portal. Under `pnpm start` (api/src/start.ts)
 * it uses the services its parent started; run alone (`pnpm dev`, tests) it starts them itself.
 */
async function main() {
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`anju: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  try {
    platform = await startPlatform(config, logger);
  } catch (error) {
    const message =
      error instanceof StartupError || (error as Error)?.name === 'MigrationError'
        ? (error as Error).message
        : `start-up failed: ${(error as Error)?.message ?? error}`;
    console.error(`anju: ${message}`);
    process.exit(1);
  }
  console.log(`\n  Anju 安居 is running at ${platform.url.replace('127.0.0.1', 'localhost')}\n`);
  process.send?.({ type: 'anju:ready', url: platform.url });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took longer than 30 s; exiting');
      process.exit(1);
    }, 30_000);
    force.unref();
    await platform.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

void main();
