import { makeIdNumber } from '@anju/domain/id-number';
import ExcelJS from 'exceljs';
import { checkDrift } from '../../api/src/search-sync/check.ts';
import type { TestContext } from './context.ts';
import { TEST_PASSWORD } from './fixtures.ts';

/** Polls `condition` until it holds; fails after `limitMs` (a safety net, never the assertion itself). */
export async function waitUntil(what: string, condition: () => Promise<boolean>, limitMs = 90_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Signs in over HTTP against a running Anju process; returns the Cookie header. */
export async function signInOver(url: string, login: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: TEST_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0];
}

/** A JSON request over HTTP; rejects when the connection fails (refused, reset). */
export async function sendJson(
  url: string,
  method: string,
  path: string,
  cookie: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : {} };
}

export interface RosterPerson {
  householdNumber: string;
  siteCode: string;
  name: string;
  idNumber: string;
  phone: string;
}

/**
 * `count` one-person households (户主 only) with distinct valid ID numbers, numbered `${prefix}-n`.
 * Rosters that must not share ID numbers with each other take different `idRegion`s.
 */
export function rosterPeople(count: number, prefix: string, siteCode: string, idRegion = '529901'): RosterPerson[] {
  const first = Date.UTC(1960, 0, 1);
  return Array.from({ length: count }, (_, n) => {
    const birth = new Date(first + Math.floor(n / 50) * 86_400_000).toISOString().slice(0, 10);
    return {
      householdNumber: `${prefix}-${n}`,
      siteCode,
      name: `导入户主${n}`,
      idNumber: makeIdNumber(idRegion, birth, 100 + (n % 50) * 2),
      phone: `137${String(n).padStart(8, '0')}`,
    };
  });
}

/** A plain roster workbook (花名册): one header row, one row per person. */
export async function rosterWorkbook(people: RosterPerson[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('花名册');
  sheet.addRow(['户编号', '安置点编码', '姓名', '身份证号', '与户主关系', '联系电话']);
  for (const p of people) sheet.addRow([p.householdNumber, p.siteCode, p.name, p.idNumber, '户主', p.phone]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Waits until the search outbox is empty (drained by a running worker), then counts drifted documents. */
export async function driftAfterDrain(ctx: TestContext): Promise<number> {
  await waitUntil(
    'the search worker to drain the outbox',
    async () => {
      const { n } = await ctx.db
        .selectFrom('searchOutbox')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(n) === 0;
    },
    100_000,
  );
  const drifts = await checkDrift(ctx.deps);
  return drifts.reduce((sum, d) => sum + d.missing.length + d.extra.length + d.stale.length, 0);
}
