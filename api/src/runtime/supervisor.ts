import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import type { Logger } from '../config/logger.ts';
import { dieWithParent } from './parent-death.ts';
import { sleep, terminate } from './processes.ts';

export interface SupervisedProcessOptions {
  name: string;
  command: string;
  args: string[];
  spawnOptions?: SpawnOptions;
  logger: Logger;
  /** Resolves once the freshly spawned process serves requests. */
  waitUntilReady: (child: ChildProcess) => Promise<void>;
  /** Signal that asks the process for a clean, fast shutdown. */
  stopSignal?: NodeJS.Signals;
  onPid?: (pid: number | undefined) => Promise<void> | void;
  /** What the kernel sends the process when this one dies unannounced; default `stopSignal`. */
  parentDeathSignal?: NodeJS.Signals;
}

/** The process ended before it was ready; `code` 1 from an Anju process means it printed why. */
export class ExitedDuringStartup extends Error {
  constructor(
    name: string,
    readonly code: number | null,
    readonly signal: NodeJS.Signals | null,
  ) {
    super(`${name} exited during start-up (code ${code}, signal ${signal})`);
  }
}

/**
 * Runs a child process and restarts it with exponential backoff when it dies unexpectedly,
 * so that an embedded PostgreSQL or Meilisearch crash heals without restarting Anju.
 */
export class SupervisedProcess {
  private child?: ChildProcess;
  private stopping = false;
  private restarts = 0;

  constructor(private readonly options: SupervisedProcessOptions) {}

  get pid() {
    return this.child?.pid;
  }

  get restartCount() {
    return this.restarts;
  }

  /** Starts the process; after `stop()` it starts it again (supervised as before). */
  async start(): Promise<void> {
    this.stopping = false;
    await this.spawnOnce();
  }

  private async spawnOnce(): Promise<void> {
    const { name, spawnOptions, logger } = this.options;
    const deathSignal = this.options.parentDeathSignal ?? this.options.stopSignal ?? 'SIGTERM';
    const { command, args } = dieWithParent(this.options.command, this.options.args, deathSignal);
    // Own process group: a terminal's Ctrl-C reaches only Anju, which drains requests first
    // and then stops its services itself.
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...spawnOptions });
    this.child = child;
    // A failed spawn (EACCES, ENOENT) is an 'error' event: without a listener it would crash
    // Anju before the clean-up that stops the other services.
    child.on('error', (error) => logger.error({ component: name, err: error }, `${name} could not be run`));
    // Pipes must be read or a chatty child blocks once the buffer fills.
    child.stdout?.on('data', (chunk: Buffer) => logger.debug({ component: name }, chunk.toString().trim()));
    child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString().trim();
      const serious = /\b(FATAL|PANIC|ERROR)\b/.test(text) && !text.includes('is starting up');
      logger[serious ? 'warn' : 'debug']({ component: name }, text);
    });
    await this.options.onPid?.(child.pid);
    const exited = new Promise<never>((_, reject) => {
      child.once('exit', (code, signal) => reject(new ExitedDuringStartup(name, code, signal)));
      child.once('error', reject);
    });
    child.once('exit', (code, signal) => {
      if (this.child !== child || this.stopping) return;
      logger.error({ component: name, code, signal }, `${name} died; restarting`);
      void this.restartWithBackoff();
    });
    await Promise.race([this.options.waitUntilReady(child), exited]);
    logger.info({ component: name, pid: child.pid }, `${name} is ready`);
  }

  private async restartWithBackoff(): Promise<void> {
    let delayMs = 250;
    while (!this.stopping) {
      this.restarts += 1;
      await sleep(delayMs);
      if (this.stopping) return;
      try {
        await this.spawnOnce();
        return;
      } catch (error) {
        this.options.logger.error({ component: this.options.name, err: error }, 'restart failed');
        delayMs = Math.min(delayMs * 2, 10_000);
      }
    }
  }

  async stop(graceMs = 15_000): Promise<void> {
    this.stopping = true;
    const pid = this.child?.pid;
    if (pid) await terminate(pid, graceMs, this.options.stopSignal ?? 'SIGTERM');
    await this.options.onPid?.(undefined);
  }
}

/** Resolves when `probe` succeeds, polling every 100 ms, or rejects after `timeoutMs`. */
export async function pollUntil(probe: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`${what} was not ready within ${timeoutMs} ms`);
}
