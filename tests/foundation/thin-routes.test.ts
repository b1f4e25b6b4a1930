import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 16: routes stay thin. A `routes.ts` / `*.routes.ts` parses the request (zod), asks the
 * access policy, calls a domain function or a query from the domain's `queries.ts`, and shapes the
 * answer. It builds no SQL and opens no transaction: atomic writes live in a domain function.
 */
const root = path.resolve(import.meta.dirname, '../..');
const apiSrc = path.join(root, 'api/src');

/** Kysely calls a route file must not make. */
const kyselyCall = /\.(selectFrom|insertInto|updateTable|deleteFrom|transaction)\(|\bsql`/;

/**
 * Route files not thinned yet (issue 16). The list only shrinks: a file thinned is taken off,
 * and a file listed here that holds no SQL any more fails the test too, so the list stays true.
 */
const notYetThin = new Set<string>([]);

function routeFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const file = path.join(folder, name);
    if (statSync(file).isDirectory()) return routeFiles(file);
    return /(^|\.)routes\.ts$/.test(name) ? [path.relative(root, file)] : [];
  });
}

/** Each line of the file that makes a Kysely call, as `line: text`. */
function kyselyLines(file: string): string[] {
  return readFileSync(path.join(root, file), 'utf8')
    .split('\n')
    .flatMap((text, index) => (kyselyCall.test(text) ? [`${index + 1}: ${text.trim()}`] : []));
}

describe('thin routes', () => {
  const files = routeFiles(apiSrc);

  it('finds the route files', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files).toContain('api/src/users/routes.ts');
  });

  it('no route file outside the list builds SQL or opens a transaction', () => {
    const offenders = Object.fromEntries(
      files
        .filter((file) => !notYetThin.has(file))
        .map((file) => [file, kyselyLines(file)] as const)
        .filter(([, lines]) => lines.length > 0),
    );
    expect(offenders).toEqual({});
  });

  it('every listed file still exists and still holds SQL (take thinned files off the list)', () => {
    const stale = [...notYetThin].filter((file) => !files.includes(file) || kyselyLines(file).length === 0);
    expect(stale).toEqual([]);
  });

  it('catches a Kysely call', () => {
    expect(kyselyCall.test("const row = await db.selectFrom('users')")).toBe(true);
    expect(kyselyCall.test('await db.transaction().execute(async (trx) => {')).toBe(true);
    expect(kyselyCall.test('const when = sql`now()`;')).toBe(true);
    expect(kyselyCall.test('return c.json(await listUsers(db, actor, query), 200);')).toBe(false);
  });
});
