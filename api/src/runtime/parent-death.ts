import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/**
 * Wraps a command so the kernel signals it when the process that spawned it dies, however it
 * dies (`kill -9`, out of memory): util-linux's `setpriv --pdeathsig` sets PR_SET_PDEATHSIG and
 * then execs the command, so the pid, arguments and exit status stay the command's own. Without
 * it, services spawned in their own process group outlive a killed Anju.
 *
 * The setting survives exec but not a change of user, so a child that runs as another user
 * (PostgreSQL as `postgres` under root) must get its uid from `spawn` (applied before this exec),
 * never from a later `su`. Where `setpriv` is missing the command runs unwrapped, as before;
 * the next start still clears what a killed one left behind (pid files).
 */
export function dieWithParent(
  command: string,
  args: readonly string[],
  signal: NodeJS.Signals,
): { command: string; args: string[] } {
  const setpriv = setprivPath();
  if (!setpriv) return { command, args: [...args] };
  return { command: setpriv, args: ['--pdeathsig', signal.replace(/^SIG/, ''), '--', command, ...args] };
}

let cached: string | null | undefined;

function setprivPath(): string | null {
  if (cached !== undefined) return cached;
  cached = null;
  for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/bin', '/bin']) {
    if (!dir) continue;
    const candidate = path.join(dir, 'setpriv');
    try {
      accessSync(candidate, constants.X_OK);
      cached = candidate;
      break;
    } catch {}
  }
  return cached;
}
