import { readFile } from 'node:fs/promises';
import type { Figure } from './measure.ts';

/**
 * `node --import tsx bench/growth.ts A/latest.json B/latest.json`: how each figure grows from
 * run A to run B (e.g. `--scale small` to `--scale small4`), as a Markdown table. Figures are
 * paired by name with their counts taken out ("at 2k jobs" and "at 8k jobs" are one figure).
 * The exponent k says figure ∝ size^k for the size ratio of the two runs' households.
 */
interface Report {
  scale: string;
  seeded: Record<string, number>;
  figures: Figure[];
}

const [fileA, fileB] = process.argv.slice(2);
if (!fileA || !fileB) throw new Error('usage: bench/growth.ts A/latest.json B/latest.json');
const [a, b] = await Promise.all([fileA, fileB].map(async (f) => JSON.parse(await readFile(f, 'utf8')) as Report));

const key = (name: string) => name.replace(/\d+(\.\d+)?k?/g, 'N');
/** The figure's headline value: p95 where there is one, else the total, else the RSS. */
const headline = (f: Figure): [string, number] | undefined =>
  f.p95Ms !== undefined
    ? ['p95 ms', f.p95Ms]
    : f.totalMs !== undefined
      ? ['total ms', f.totalMs]
      : f.rssMb !== undefined
        ? ['RSS MB', f.rssMb]
        : undefined;
const sizeRatio = (b.seeded.households ?? 1) / (a.seeded.households ?? 1);
const byKey = new Map(b.figures.map((f) => [key(f.name), f]));
const rows = [
  `| figure (${a.scale} → ${b.scale}) | metric | ${a.scale} | ${b.scale} | growth | k (∝ size^k) | throughput/s ${a.scale} → ${b.scale} |`,
  '| --- | --- | --- | --- | --- | --- | --- |',
];
for (const fa of a.figures) {
  const fb = byKey.get(key(fa.name));
  const ha = headline(fa);
  const hb = fb && headline(fb);
  if (!fb || !ha || !hb || ha[0] !== hb[0]) continue;
  const growth = ha[1] > 0 ? hb[1] / ha[1] : Number.NaN;
  const k = Math.log(growth) / Math.log(sizeRatio);
  const through = fa.throughputPerSec !== undefined ? `${fa.throughputPerSec} → ${fb.throughputPerSec}` : '';
  rows.push(
    `| ${key(fa.name).replace(/\|/g, '/')} | ${ha[0]} | ${ha[1]} | ${hb[1]} | ${Number.isFinite(growth) ? growth.toFixed(2) : ''}× | ${Number.isFinite(k) ? k.toFixed(2) : ''} | ${through} |`,
  );
}
console.log(
  `${a.scale} ${JSON.stringify(a.seeded)}\n${b.scale} ${JSON.stringify(b.seeded)}\nsize ratio (households) ${sizeRatio}\n\n${rows.join('\n')}`,
);
