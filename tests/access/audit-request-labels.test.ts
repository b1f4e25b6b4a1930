import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestWords } from '../../web/src/features/audit-log/request-labels.ts';
import { en } from '../../web/src/i18n/messages.en.ts';
import { zh } from '../../web/src/i18n/messages.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createUser, signIn } from '../support/fixtures.ts';

// Issue 19: a refused request is audited as its route (`GET /api/...`); the audit log shows it in
// words, Chinese in zh and English in en, for every part of the API.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

/** The message at a dotted key (`audit.requestVerbs.read`), or undefined. */
function messageAt(messages: object, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined),
      messages,
    );
}

describe('words for a refused request in the audit log', () => {
  it('reads a refused request of the API as a verb, what was asked for and its ids', async () => {
    const resident = await createUser(ctx.db, { role: 'resident' });
    const cookie = await signIn(ctx.app, resident.login);
    expect((await call(ctx.app, 'GET', '/api/users', { cookie })).status).toBe(403);
    const entry = await ctx.db
      .selectFrom('auditLog')
      .select(['action', 'resourceId'])
      .where('userId', '=', resident.id)
      .where('outcome', '=', 'denied')
      .executeTakeFirstOrThrow();
    expect(entry.action).toMatch(/^GET \/api\/users/);
    const words = requestWords(entry.action, entry.resourceId);
    expect(words).toEqual({ verbKey: 'audit.requestVerbs.read', pathKey: 'audit.requestPaths.users', ids: [] });
    expect(messageAt(zh, words?.verbKey ?? '')).toBe('查看');
    expect(messageAt(zh, words?.pathKey ?? '')).toBe('账号');
    expect(messageAt(en, words?.pathKey ?? '')).toBe('Accounts');
  });

  it('names the method and the ids of the path; other actions are not requests', () => {
    expect(requestWords('DELETE /api/households/:id/members/:personId', '/api/households/12/members/34')).toEqual({
      verbKey: 'audit.requestVerbs.delete',
      pathKey: 'audit.requestPaths.households',
      ids: ['12', '34'],
    });
    expect(requestWords('PATCH /api/persons/:id', '/api/persons/7')?.verbKey).toBe('audit.requestVerbs.update');
    expect(requestWords('POST /api/applications', '/api/applications')?.verbKey).toBe('audit.requestVerbs.submit');
    expect(requestWords('read', '12')).toBeNull();
    expect(requestWords('login', null)).toBeNull();
  });

  it('has Chinese and English words for every part of the API a request can be refused in', () => {
    const segments = new Set(
      ctx.app.routes
        .map((route) => /^\/api\/([^/:*]+)/.exec(route.path)?.[1])
        .filter((segment): segment is string => segment !== undefined && segment !== 'openapi.json'),
    );
    expect(segments.size).toBeGreaterThan(20);
    const missing = [...segments].flatMap((segment) =>
      [
        ['zh', zh],
        ['en', en],
      ].flatMap(([locale, messages]) =>
        typeof messageAt(messages as object, `audit.requestPaths.${segment}`) === 'string'
          ? []
          : [`${locale}:${segment}`],
      ),
    );
    expect(missing).toEqual([]);
    for (const verb of ['read', 'submit', 'update', 'delete']) {
      expect(messageAt(zh, `audit.requestVerbs.${verb}`)).toMatch(/^[\u4e00-\u9fff]+$/);
      expect(messageAt(en, `audit.requestVerbs.${verb}`)).toMatch(/^[A-Z][a-z]+$/);
    }
  });
});

describe('words for every audited action', () => {
  it('has Chinese and English words for every action the API writes to the audit log', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const path = await import('node:path');
    const root = path.resolve(import.meta.dirname, '../../api/src');
    const files = (await readdir(root, { recursive: true })).filter((file) => file.endsWith('.ts'));
    const actions = new Set<string>();
    for (const file of files) {
      const source = await readFile(path.join(root, file), 'utf8');
      if (!source.includes('writeAudit')) continue;
      for (const match of source.matchAll(/\baction: '([^']+)'/g)) actions.add(match[1]);
    }
    expect(actions.size).toBeGreaterThan(10);
    const missing = [...actions].flatMap((action) =>
      [
        ['zh', zh.audit.actions],
        ['en', en.audit.actions],
      ].flatMap(([locale, words]) =>
        typeof (words as Record<string, unknown>)[action.replaceAll('.', '_')] === 'string'
          ? []
          : [`${locale}:${action}`],
      ),
    );
    expect(missing).toEqual([]);
  });
});
