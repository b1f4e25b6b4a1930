import { parseArgs } from 'node:util';
import { parseRecoveryTarget, restoreBackup } from '../backup/restore.ts';
import { ConfigError, parseConfig } from '../config/config.ts';
import { createLogger } from '../config/logger.ts';
import { StartupError } from '../platform.ts';

/**
 * `pnpm restore --from <backup> [--to '2026-12-05 10:00:00+08'] [--wal <dir>]`: restores a base
 * backup into an EMPTY DATA_DIR, replays archived WAL up to --to (all of it without), then
 * rebuilds the search indexes. Afterwards `pnpm start` runs the restored install.
 */
const usage = "usage: pnpm restore --from <backup folder> [--to '2026-12-05 10:00:00+08'] [--wal <wal archive>]";

async function main(): Promise<number> {
  let values: { from?: string; to?: string; wal?: string };
  try {
    ({ values } = parseArgs({
      options: { from: { type: 'string' }, to: { type: 'string' }, wal: { type: 'string' } },
    }));
  } catch (error) {
    console.error(`anju: ${(error as Error).message}\n${usage}`);
    return 2;
  }
  if (!values.from) {
    console.error(`anju: --from is required\n${usage}`);
    return 2;
  }
  const to = values.to === undefined ? undefined : parseRecoveryTarget(values.to);
  if (values.to !== undefined && !to) {
    console.error(`anju: --to must be a time such as '2026-12-05 10:00:00+08' (China time without an offset)`);
    return 2;
  }
  try {
    const config = parseConfig();
    const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
    const result = await restoreBackup(config, logger, { from: values.from, to, walDir: values.wal });
    console.log(
      `restored ${result.backup} into ${config.dataDir} (${result.walFiles} WAL files; last transaction ${result.recoveredTo ?? 'in the backup'}) in ${result.ms} ms`,
    );
    for (const [index, count] of Object.entries(result.reindexed))
      console.log(`reindexed ${index}: ${count} documents`);
    return 0;
  } catch (error) {
    const known = error instanceof ConfigError || error instanceof StartupError;
    console.error(`anju: ${known ? (error as Error).message : ((error as Error)?.stack ?? error)}`);
    return 1;
  }
}

process.exit(await main());
