import { takeBackup } from '../backup/take-backup.ts';
import { runCli } from './context.ts';

/**
 * `pnpm backup`: an online physical backup of the embedded PostgreSQL into DATA_DIR/backups/base
 * (or BACKUP_DIR), keeping the BACKUP_KEEP newest. While Anju runs, the nightly job takes them
 * (and 立即运行 on the admin page's 计划任务 starts one at once).
 */
await runCli(async (deps) => {
  const result = await takeBackup(deps);
  console.log(`backup ${result.name}: ${(result.bytes / 1e6).toFixed(1)} MB in ${result.ms} ms → ${result.dir}`);
  if (result.removed.length) console.log(`removed older backups: ${result.removed.join(' ')}`);
  return 0;
});
