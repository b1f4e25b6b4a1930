import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/messages.en.ts';
import { zh } from '../../web/src/i18n/messages.ts';

/**
 * Issue 16, a typed contract: the portal says a refused field in its own words from the API's
 * stable `code`, never by reading (or matching substrings of) the API's English `message`.
 */
async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(full);
      return Promise.resolve(/\.tsx?$/.test(entry.name) ? [full] : []);
    }),
  );
  return nested.flat();
}

describe('the problem contract between API and portal', () => {
  it('the portal never matches the words of an API message', async () => {
    const offending: string[] = [];
    for (const file of await sourceFiles(path.resolve('web/src'))) {
      const text = await readFile(file, 'utf8');
      text.split('\n').forEach((line, index) => {
        if (/message\.(includes|startsWith|endsWith|match)\(|problem\.message\b|\be\.message\]/.test(line))
          offending.push(`${path.relative(process.cwd(), file)}:${index + 1}: ${line.trim()}`);
      });
    }
    expect(offending).toEqual([]);
  });

  it('has words in both languages for every shared field-problem code', () => {
    expect(Object.keys(en.fieldProblems).sort()).toEqual(Object.keys(zh.fieldProblems).sort());
    for (const code of ['required', 'unknown-field', 'invalid', 'taken', 'in-past', 'id-check-digit'])
      expect(zh.fieldProblems, code).toHaveProperty(code);
  });
});
