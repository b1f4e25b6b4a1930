import { monitorEventLoopDelay } from 'node:perf_hooks';
import { makeIdNumber } from '@anju/domain/id-number';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitingReads } from '../../api/src/spreadsheet/read-limits.ts';
import { readCsv, readXlsx } from '../../api/src/spreadsheet/read-table.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import { deflateRepeated, sheetXml, workbookParts, zip } from '../support/xlsx-files.ts';

/**
 * The upload parsers under the files of issue 15, each built here: a zip whose shared strings
 * inflate to 290 MB, a 19 MB CSV with one unclosed quote, a 1.5 KB sheet of unclosed <row>s,
 * and a bad date cell. Each answers a 4xx problem or a report, never a 500 or a dead process.
 */
let ctx: TestContext;
let tree: RegionTree;
let worker: string;

beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  worker = await signIn(
    ctx.app,
    (await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] })).login,
  );
});
afterAll(() => ctx.close());

const upload = (file: Uint8Array, name: string) => {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), name);
  return ctx.app.request('/api/imports/roster?dryRun=true', {
    method: 'POST',
    headers: { cookie: worker },
    body: form,
  });
};

async function expectProblem(response: Response, status: number) {
  const text = await response.text();
  expect(response.status, text.slice(0, 300)).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  return JSON.parse(text);
}

/** Reads a file while sampling the event loop; the longest stall in ms. */
async function longestStall(read: () => Promise<unknown>): Promise<{ stallMs: number; result: unknown }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  // The first sample is taken a turn after enabling: a read that starts synchronously would be missed.
  await new Promise((resolve) => setTimeout(resolve, 20));
  let result: unknown;
  try {
    result = await read();
  } catch (error) {
    result = error;
  }
  // The histogram samples on a timer: let it fire once after a last synchronous stretch.
  await new Promise((resolve) => setTimeout(resolve, 50));
  histogram.disable();
  return { stallMs: Math.round(histogram.max / 1e6), result };
}

const HEADER = ['户编号', '安置点编码', '姓名', '身份证号', '与户主关系', '出生日期', '搬迁日期'];

describe('hostile roster uploads (issue 15)', () => {
  it('refuses a ~700 KB workbook whose shared strings inflate to 290 MB, declared honestly or not', async () => {
    const items = Math.floor((290 * 1024 * 1024) / '<si><t>a</t></si>'.length);
    const deflated = await deflateRepeated('<sst>', '<si><t>a</t></si>', items, '</sst>');
    const sheet = { data: sheetXml([HEADER]) };
    const honest = zip(workbookParts(sheet, { deflated, declaredSize: 290 * 1024 * 1024 }));
    const lying = zip(workbookParts(sheet, { deflated, declaredSize: 1_000 }));
    expect(lying.length).toBeLessThan(800 * 1024);
    const refused = await expectProblem(await upload(honest, 'bomb.xlsx'), 413);
    expect(refused.detail).toContain('sharedStrings.xml');
    // The lying one is refused as it inflates: counted shared strings, not the declared size.
    const { stallMs, result } = await longestStall(() => readXlsx(lying));
    expect(result).toMatchObject({ code: 'payload-too-large' });
    await expectProblem(await upload(lying, 'bomb.xlsx'), 413);
    console.log(`hostile: 290 MB shared strings refused, longest event-loop stall ${stallMs} ms`);
  });

  it('refuses a 19 MB CSV with one unclosed quote with a 400 naming its row', async () => {
    const rows = Array.from({ length: 10 }, (_, n) => `H${n},S,名${n},x,户主,,`);
    const csv = `${HEADER.join(',')}\n${rows.join('\n')}\nH10,S,"未闭合,x,户主,,\n${'H,S,名,x,户主,,\n'.repeat(1_100_000)}`;
    expect(Buffer.byteLength(csv)).toBeGreaterThan(19_000_000);
    const problem = await expectProblem(await upload(Buffer.from(csv), 'roster.csv'), 400);
    expect(problem.errors).toEqual([
      { path: 'file', message: 'row 12: a quoted field is never closed (a " is missing)', code: 'unreadable-file' },
    ]);
    expect(problem.row).toBe(12);
    // When a quote far below closes it, the field passes the cell cap: 413, naming the same row.
    const closedLate = await expectProblem(await upload(Buffer.from(`${csv}"\n`), 'roster.csv'), 413);
    expect(closedLate.detail).toContain('row 12');
    const { stallMs } = await longestStall(() => readCsv(Buffer.from(csv)));
    console.log(`hostile: 19 MB CSV with an unclosed quote, longest event-loop stall ${stallMs} ms`);
  });

  it('reads a 1.5 KB sheet of unclosed <row>s in linear time', async () => {
    const unclosed = (count: number) =>
      zip(workbookParts({ data: `<worksheet><sheetData>${'<row>'.repeat(count)}</sheetData></worksheet>` }));
    const small = unclosed(250_000);
    // About 1.3 KB of sheet, plus the workbook's other parts.
    expect(small.length).toBeLessThan(3_000);
    // 250,000 rows pass the row cap: refused as soon as the 100,001st starts.
    await expectProblem(await upload(small, 'rows.xlsx'), 413);
    const withCells = zip(
      workbookParts({
        data: `<worksheet><sheetData>${'<row><c t="inlineStr"><is><t>x</t></is>'.repeat(90_000)}</sheetData></worksheet>`,
      }),
    );
    const { stallMs, result } = await longestStall(() => readXlsx(withCells));
    const rows = result as { row: number; cells: unknown[] }[];
    expect(rows).toHaveLength(90_000);
    expect(rows[89_999]).toEqual({ row: 90_000, cells: ['x'] });
    console.log(`hostile: 90,000 unclosed rows read, longest event-loop stall ${stallMs} ms`);
    const report = await (await upload(withCells, 'rows.xlsx')).json();
    expect(report.rejected[0]).toMatchObject({ reason: '没有找到表头：表中应有 户编号、姓名、身份证号 等列' });
  });

  it('reports a bad date cell as a rejected value, not a 500', async () => {
    const id = makeIdNumber('529901', '1980-05-01', 11);
    const cells = HEADER.map((h, i) => `<c r="${String.fromCharCode(65 + i)}1" t="inlineStr"><is><t>${h}</t></is></c>`);
    const values = ['H-DATE', tree.siteA1.code, '张三', id, '户主'].map(
      (v, i) => `<c r="${String.fromCharCode(65 + i)}2" t="inlineStr"><is><t>${v}</t></is></c>`,
    );
    const sheet = `<worksheet><sheetData><row r="1">${cells.join('')}</row><row r="2">${values.join('')}<c r="F2" t="d"><v>2024-13-45x</v></c><c r="G2" s="1"><v>1e300</v></c></row></sheetData></worksheet>`;
    const styles = '<styleSheet><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>';
    const file = zip([...workbookParts({ data: sheet }), { name: 'xl/styles.xml', data: styles }]);
    const response = await upload(file, 'dates.xlsx');
    expect(response.status).toBe(200);
    expect((await response.json()).rejected).toEqual([
      {
        row: 2,
        column: '出生日期',
        code: 'not-a-date',
        reason: '不是日期：“2024-13-45x”',
        reasonEn: 'not a date: “2024-13-45x”',
      },
      {
        row: 2,
        column: '搬迁日期',
        code: 'not-a-date',
        reason: '不是日期：“1e+300”',
        reasonEn: 'not a date: “1e+300”',
      },
    ]);
  });

  it('stops a read past its wall-clock budget with a 413', async () => {
    await expect(readCsv(Buffer.from('a,b\n'), { limits: { budgetMs: -1 } })).rejects.toMatchObject({
      code: 'payload-too-large',
      message: expect.stringContaining('took longer than'),
    });
    const book = zip(workbookParts({ data: sheetXml([['a']]) }));
    await expect(readXlsx(book, { limits: { budgetMs: -1 } })).rejects.toMatchObject({ code: 'payload-too-large' });
  });

  it('reads one upload at a time, before its body: waiting uploads queue, one past the queue gets a 429', async () => {
    // The first upload's body is still arriving: it holds the turn while it streams.
    const boundary = 'anju-slow-upload';
    const encoder = new TextEncoder();
    let finish: (() => void) | undefined;
    const slowBody = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(
          encoder.encode(
            `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="slow.csv"\r\ncontent-type: text/csv\r\n\r\n户编号,安置点编码,姓名\r\n`,
          ),
        );
        finish = () => {
          controller.enqueue(encoder.encode(`\r\n--${boundary}--\r\n`));
          controller.close();
        };
      },
    });
    const slow = ctx.app.request(
      new Request('http://anju.test/api/imports/roster?dryRun=true', {
        method: 'POST',
        headers: { cookie: worker, 'content-type': `multipart/form-data; boundary=${boundary}` },
        body: slowBody,
        duplex: 'half',
      } as RequestInit),
    );
    const csv = new TextEncoder().encode('户编号,安置点编码,姓名\n');
    const queued = Array.from({ length: 4 }, () => upload(csv, 'queued.csv'));
    try {
      await expect.poll(waitingReads, { timeout: 10_000 }).toBe(4);
      const refused = await expectProblem(await upload(csv, 'refused.csv'), 429);
      expect(refused.type).toMatch(/rate-limited$/);
    } finally {
      finish?.();
    }
    for (const response of [await slow, ...(await Promise.all(queued))]) {
      const text = await response.text();
      expect(response.status, text.slice(0, 300)).toBe(200);
      expect(JSON.parse(text)).toMatchObject({ dryRun: true, rejected: expect.any(Array) });
    }
  });

  it('caps cells, columns and strings, and decodes impossible character references safely', async () => {
    const wide = zip(
      workbookParts({ data: '<worksheet><sheetData><row r="1"><c r="IW1"><v>1</v></c></row></sheetData></worksheet>' }),
    );
    await expectProblem(await upload(wide, 'wide.xlsx'), 413);
    const long = zip(workbookParts({ data: sheetXml([['x'.repeat(32_768)]]) }));
    expect((await expectProblem(await upload(long, 'long.xlsx'), 413)).detail).toContain('A1');
    const odd = zip(
      workbookParts({
        data: '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&#99999999;&#x41;&amp;<![CDATA[<b>&]]></t><rPh><t>ふ</t></rPh></is></c><c r="IZ1"/></row></sheetData></worksheet>',
      }),
    );
    expect(await readXlsx(odd)).toEqual([{ row: 1, cells: ['\uFFFDA&<b>&'] }]);
    const small = zip(workbookParts({ data: sheetXml([['a', 'b']]) }));
    await expect(readXlsx(small, { limits: { maxHeldBytes: 100 } })).rejects.toMatchObject({
      code: 'payload-too-large',
      message: expect.stringContaining('MB of cells'),
    });
    const longCsv = Buffer.from(`a,${'x'.repeat(32_768)}\n`);
    await expect(readCsv(longCsv)).rejects.toMatchObject({ code: 'payload-too-large' });
  });

  it('keeps CSV details: BOM, GBK fallback, doubled quotes, line breaks in quotes and rows numbered by record', async () => {
    const csv = 'a,"b""c\nd",e\r\nf,\n\n"g"h';
    const expected = [
      { row: 1, cells: ['a', 'b"c\nd', 'e'] },
      { row: 2, cells: ['f', null] },
      { row: 3, cells: [null] },
      { row: 4, cells: ['gh'] },
    ];
    expect(await readCsv(Buffer.from(csv))).toEqual(expected);
    expect(await readCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]))).toEqual(expected);
    const { default: iconv } = await import('iconv-lite');
    expect(await readCsv(iconv.encode('户编号,姓名\n', 'gbk'))).toEqual([{ row: 1, cells: ['户编号', '姓名'] }]);
  });
});
