import { ConfigError, parseConfig } from '../config/config.ts';
import { createLogger } from '../config/logger.ts';
import type { AppDeps } from '../http/env.ts';
import { connect, type DbRole, StartupError, startServices } from '../platform.ts';

/**
 * Runs a command-line task with the same database and search that `start` uses: those of the
 * Anju running on DATA_DIR when one is (found through DATA_DIR/run.json; nothing is stopped
 * afterwards), otherwise embedded ones started for the task (unless DATABASE_URL / MEILI_URL
 * are set) and stopped again. Its `db` connects as the app role unless the task needs the
 * owner (migrating, ANALYZE after bulk loads).
 */
export async function runCli(
  task: (deps: AppDeps) => Promise<number | undefined>,
  role: DbRole = 'app',
): Promise<never> {
  let exitCode = 1;
  try {
    const config = parseConfig();
    const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
    const services = await startServices(config, logger);
    try {
      const deps = await connect(config, logger, services, role);
      exitCode = (await task(deps)) ?? 0;
    } finally {
      await services.cleanup();
    }
  } catch (error) {
    const known = error instanceof ConfigError || error instanceof StartupError;
    console.error(`anju: ${known ? (error as Error).message : ((error as Error)?.stack ?? error)}`);
  }
  process.exit(exitCode);
}
