import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * The README's test command: runs vitest and ends with one plain line that CI reads,
 * `tests: N passed, N failed` (plus skipped when any were).
 */
const resultsFile = path.resolve('.vitest-results.json');
await rm(resultsFile, { force: true });
const vitest = path.resolve('node_modules/vitest/vitest.mjs');
const code: number = await new Promise((resolve) => {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      vitest,
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${resultsFile}`,
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit' },
  );
  child.on('exit', (exitCode) => resolve(exitCode ?? 1));
});

interface JsonReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
}
const report: JsonReport | undefined = await readFile(resultsFile, 'utf8').then(JSON.parse, () => undefined);
if (!report) {
  console.log('tests: 0 passed, 1 failed');
  process.exit(code || 1);
}
const failed =
  report.numFailedTests + (report.numFailedTests === 0 && code !== 0 ? Math.max(report.numFailedTestSuites, 1) : 0);
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`tests: ${report.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(code);
