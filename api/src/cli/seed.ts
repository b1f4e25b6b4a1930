import { seedOnEmptyDatabase } from '../seed/demo.ts';
import { type CityScaleName, cityScales, generateCity } from '../seed/generator/city.ts';
import { runCli } from './context.ts';

/**
 * `pnpm seed [--scale demo|tiny|city] [--seed N]`: demo data (what `start` loads on an empty
 * database), or a deterministic fictional city generated into an empty database.
 */
function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const scale = option('scale', 'demo');
const seed = Number(option('seed', '2026'));
if (scale !== 'demo' && !(scale in cityScales)) {
  console.error(`anju: unknown --scale ${scale}; known: demo, ${Object.keys(cityScales).join(', ')}`);
  process.exit(2);
}

await runCli(async (deps) => {
  const started = Date.now();
  if (scale === 'demo') {
    await seedOnEmptyDatabase(deps);
  } else {
    // How long each step took, printed at the end: where a slow seed spends its time.
    const steps: { step: string; startedAt: number }[] = [];
    const city = await generateCity(deps, scale as CityScaleName, {
      seed,
      onProgress: (step, done, total) => {
        if (steps.at(-1)?.step !== step) steps.push({ step, startedAt: Date.now() });
        const width = 30;
        const filled = total ? Math.round((done / total) * width) : 0;
        process.stderr.write(
          `\r${step.padEnd(14)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}   `,
        );
      },
    });
    process.stderr.write('\n');
    const seconds = (from: number, to: number) => `${((to - from) / 1000).toFixed(1)} s`;
    console.log(
      steps
        .map(({ step, startedAt }, i) => `${step} ${seconds(startedAt, steps[i + 1]?.startedAt ?? Date.now())}`)
        .join(', '),
    );
    console.log(JSON.stringify(city.counts));
    console.log(`accounts (password anju-demo-2026, GENERATED DATA ONLY): ${Object.values(city.logins).join(', ')}`);
  }
  console.log(`seeded: ${scale} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}, 'owner');
