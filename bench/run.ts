import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseConfig } from '../api/src/config/config.ts';
import { createLogger } from '../api/src/config/logger.ts';
import { connect, startServices } from '../api/src/platform.ts';
import { DEMO_PASSWORD } from '../api/src/seed/access-demo.ts';
import { ensureWebBuilt } from '../api/src/web/build.ts';
import { startApiProcess } from './api-process.ts';
import { benchFigures } from './figures.ts';
import { markdownTable } from './measure.ts';
import { hasChromium, portalFigures } from './portal-figures.ts';
import { type BenchScale, benchScales, seedForBench } from './seed.ts';

/**
 * `pnpm bench [--scale tiny|small|small4|city|city4] [--duration S]`: a fresh embedded stack, loaded at the
 * given scale, the API as its own process, every figure beside a baseline from the same run.
 * Writes bench/results/latest.json and latest.md.
 */
function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const scale = option('scale', 'city') as BenchScale;
if (!benchScales.includes(scale)) {
  console.error(`unknown --scale ${scale}; known: ${benchScales.join(', ')}`);
  process.exit(2);
}
const durationSec = Number(option('duration', scale === 'tiny' ? '1' : '10'));
const outDir = path.resolve(option('out', 'bench/results'));

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'anju-bench-'));
await chmod(dataDir, 0o755);
const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
const config = parseConfig({ ...process.env, DATA_DIR: dataDir, ANJU_DEMO: '0', NODE_ENV: 'test', PORT: '0' });
const services = await startServices(config, logger);
// Ctrl-C or a kill mid-run must not leave the embedded PostgreSQL and Meilisearch behind.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the embedded services`);
    void services
      .cleanup()
      .then(() => rm(dataDir, { recursive: true, force: true }))
      .finally(() => process.exit(130));
  });
}
let exitCode = 0;
try {
  const deps = await connect(config, logger, services, 'owner'); // generates data, runs ANALYZE
  const seeded = await seedForBench(deps, scale);
  // The API serves the built portal (as in production) for the phone figures below.
  const phoneFigures = hasChromium() && scale === 'city';
  if (phoneFigures) await ensureWebBuilt(logger);
  const api = await startApiProcess(services, deps.config, path.join(dataDir, 'api'));
  try {
    const figures = await benchFigures({ deps, api, scale, durationSec, seeded, services });
    // The portal on the throttled phone (issue 19) for each role of the generated city, and the
    // offline shell from cache (issue 22); `pnpm bench:portal` measures the same on the demo data.
    // (Only at `--scale city`: a throttled phone takes minutes.)
    if (phoneFigures) {
      const accounts = Object.entries(seeded.logins).map(([role, login]) => ({ role, login, password: DEMO_PASSWORD }));
      figures.push(...(await portalFigures(api.url, accounts)));
    } else console.warn('portal figures left out (no Chromium, or not --scale city)');
    const machine = {
      cores: os.cpus().length,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      cpu: os.cpus()[0]?.model,
      node: process.version,
    };
    const report = { at: new Date().toISOString(), scale, durationSec, machine, seeded: seeded.counts, figures };
    await mkdir(outDir, { recursive: true });
    const table = markdownTable(figures);
    await writeFile(path.join(outDir, 'latest.json'), JSON.stringify(report, null, 2));
    await writeFile(
      path.join(outDir, 'latest.md'),
      `# Anju benchmark (${report.at})\n\nScale: ${scale} (${JSON.stringify(seeded.counts)}); machine: ${machine.cores} cores, ${machine.memoryGb} GB, ${machine.cpu}, Node ${machine.node}.\n\n${table}\n`,
    );
    console.log(`\n${table}\n`);
    console.log(`written: ${path.join(outDir, 'latest.json')} and latest.md`);
  } finally {
    await api.stop();
  }
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await services.cleanup();
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
