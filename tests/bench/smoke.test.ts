import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

describe('pnpm bench', () => {
  it('runs end to end at tiny scale and writes every figure', { timeout: 300_000 }, async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'anju-bench-out-'));
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'bench/run.ts', '--scale', 'tiny', '--duration', '1', '--out', out],
        {
          cwd: root,
          env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'error' },
          stdio: 'ignore',
        },
      );
      child.on('exit', resolve);
    });
    expect(code).toBe(0);
    const report = JSON.parse(await readFile(path.join(out, 'latest.json'), 'utf8'));
    expect(report.machine.cores).toBeGreaterThan(0);
    expect(report.figures.length).toBeGreaterThanOrEqual(5);
    for (const figure of report.figures) {
      expect(figure.medianMs ?? figure.rssMb ?? figure.totalMs).toBeGreaterThan(0);
    }
    expect(await readFile(path.join(out, 'latest.md'), 'utf8')).toContain('| figure |');
    await rm(out, { recursive: true, force: true });
  });
});
