import { readFile } from 'node:fs/promises';
import { makeIdNumber } from '@anju/domain/id-number';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { createRegionTree, createUser, type RegionTree } from '../support/fixtures.ts';
import { type AnjuProcess, spawnAnju } from '../support/process.ts';
import { rosterPeople, rosterWorkbook, signInOver } from '../support/reliability-fixtures.ts';
import { deflateRepeated, sheetXml, workbookParts, type ZipPart, zip } from '../support/xlsx-files.ts';

/**
 * Thousands of generated and mutated roster files (truncated zips, lying sizes, unclosed tags,
 * giant strings, deep nesting, broken quotes, wrong encodings) through the real upload endpoint
 * of the real start command (384 MB heap): every answer is a 4xx problem or a report, never
 * ≥ 500; the process's peak RSS stays under 512 MB; and a probe of /api/health/live every 100 ms
 * measures how long any request waited while the files were read.
 */
const FILES = Number(process.env.FUZZ_UPLOADS ?? 1_000);
const CONCURRENCY = 4;
const SEED = 20261205;

let ctx: TestContext;
let tree: RegionTree;
let anju: AnjuProcess;
let cookie: string;

beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  const worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] });
  anju = await spawnAnju(ctx);
  cookie = await signInOver(anju.url, worker.login);
});
afterAll(async () => {
  if (anju && anju.child.exitCode === null && anju.child.signalCode === null) anju.child.kill('SIGKILL');
  await ctx.close();
});

/** mulberry32: seeded, so a failing file replays. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(items: readonly T[]): T => items[int(items.length)] };
}
type Random = ReturnType<typeof seededRandom>;

const HEADER = ['户编号', '安置点编码', '姓名', '身份证号', '与户主关系', '出生日期', '联系电话', '搬迁日期'];
const hostileValues = [
  '',
  '"',
  '""',
  '<',
  '&',
  '&#99999999;',
  '\u0000',
  '=cmd|"/c calc"!A1',
  '2024-13-45',
  '1e300',
  '-1',
  'NaN',
  '𠀀'.repeat(20),
  'x'.repeat(40_000),
  '户主',
  '配偶',
];

function rosterRows(random: Random, count: number, site: string): string[][] {
  return Array.from({ length: count }, (_, n) => {
    const row = [
      `FZ-${random.int(50)}`,
      random.next() < 0.8 ? site : random.pick(hostileValues),
      `名${n}`,
      makeIdNumber('529901', `19${50 + random.int(40)}-0${1 + random.int(9)}-1${random.int(9)}`, random.int(999)),
      random.pick(['户主', '配偶', '子', '女']),
      random.next() < 0.5 ? '' : random.pick(['1980-01-01', '2024年3月5日', '45356']),
      `13${String(random.int(1e9)).padStart(9, '0')}`,
      '',
    ];
    if (random.next() < 0.3) row[random.int(row.length)] = random.pick(hostileValues);
    return row;
  });
}

const csvOf = (rows: string[][], random: Random) =>
  rows
    .map((row) => row.map((v) => (random.next() < 0.2 || /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)))
    .map((row) => row.join(','))
    .join(random.pick(['\n', '\r\n', '\r']));

/** Hostile sheet XML: unclosed tags, deep nesting, giant or impossible values, bad references. */
function hostileSheet(random: Random): string {
  const n = 1 + random.int(5_000);
  const pieces = [
    () => '<row>'.repeat(n),
    () => '<row><c t="inlineStr"><is><t>x'.repeat(n),
    () => `<row r="1"><c r="A1" t="inlineStr"><is><t>${'<a>'.repeat(n * 10)}x</t></is></c></row>`,
    () =>
      `<row r="1"><c r="A1" t="inlineStr"><is><t>${'x'.repeat(random.pick([100, 32_767, 32_768, 200_000]))}</t></is></c></row>`,
    () =>
      `<row r="${'9'.repeat(1 + random.int(400))}"><c r="${random.pick(['ZZZZZZ1', 'XFD1', '1A', '', 'A0'])}"><v>1</v></c></row>`,
    () => `<row r="1"><c r="A1" t="s"><v>${random.pick(['-1', '1e9', 'abc', '99999999999', ''])}</v></c></row>`,
    () =>
      `<row r="1"><c r="A1" t="d"><v>${random.pick(['junk', '+275760-09-14', '2024-02-30'])}</v></c><c r="B1" s="${random.pick(['1', '99999', '-1', 'x'])}"><v>${random.pick(['1e300', '-1e300', 'NaN', '45356'])}</v></c></row>`,
    () => `<row r="1"><c r="A1" t="inlineStr"><is><t>&#99999999;&#xFFFFFFFF;&bogus;&#0;&amp</t></is></c></row>`,
    () => `<!--${'x'.repeat(n * 100)}`,
    () => `<![CDATA[${'<row>'.repeat(n)}`,
    () => `<row r="1"><c r="A1 t="s"><v>0</v></c></row>`,
    () =>
      `<row r="1">${Array.from({ length: Math.min(n, 400) }, (_, c) => `<c r="${columnName(c)}1"><v>${c}</v></c>`).join('')}</row>`,
    () => `<row ${'a="1" '.repeat(n)}>`,
    () => `<${'x'.repeat(n * 300)}`,
  ];
  const rows = sheetXml([HEADER, ...rosterRows(random, 1 + random.int(20), tree.siteA1.code)]);
  const insert = Array.from({ length: 1 + random.int(3) }, () => random.pick(pieces)()).join('');
  const at = rows.indexOf('</sheetData>');
  return random.next() < 0.2 ? insert : `${rows.slice(0, at)}${insert}${rows.slice(at)}`;
}

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const STYLES =
  '<styleSheet><numFmts><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>';

function generatedXlsx(random: Random): Buffer {
  const sheet: Omit<ZipPart, 'name'> = { data: hostileSheet(random), method: random.next() < 0.2 ? 0 : 8 };
  if (random.next() < 0.2) sheet.declaredSize = random.pick([0, 1, 2 ** 31, 0xfffffffe, random.int(1e6)]);
  const shared =
    random.next() < 0.3
      ? {
          data: `<sst>${Array.from({ length: 1 + random.int(50) }, () => `<si><t>${random.pick(hostileValues)}</t><rPh><t>x</t></rPh></si>`).join('')}${random.next() < 0.3 ? '<si><t>' : '</sst>'}`,
        }
      : undefined;
  const parts = workbookParts(sheet, shared);
  if (random.next() < 0.5)
    parts.push({
      name: 'xl/styles.xml',
      data: random.next() < 0.8 ? STYLES : STYLES.slice(0, random.int(STYLES.length)),
    });
  if (random.next() < 0.1) parts.splice(random.int(parts.length), 1);
  if (random.next() < 0.1) parts[random.int(parts.length)].method = random.pick([1, 12, 99]);
  return zip(parts);
}

/** Byte-level damage to any file: truncation, flipped bytes, lying directory fields, inserted junk. */
function mutate(file: Buffer, random: Random): Buffer {
  let out = Buffer.from(file);
  for (let k = 1 + random.int(3); k > 0; k--) {
    const directory = [];
    for (let at = out.indexOf('PK\u0001\u0002'); at >= 0; at = out.indexOf('PK\u0001\u0002', at + 4))
      directory.push(at);
    const entry = directory.length ? random.pick(directory) : -1;
    switch (random.int(7)) {
      case 0:
        out = out.subarray(0, random.int(out.length));
        break;
      case 1:
        for (let f = 1 + random.int(20); f > 0 && out.length; f--) out[random.int(out.length)] = random.int(256);
        break;
      case 2: // lying inflated size
        if (entry >= 0 && entry + 28 <= out.length)
          out.writeUInt32LE(random.pick([0, 1, 2 ** 30, 0xffffffff, random.int(2 ** 32)]), entry + 24);
        break;
      case 3: // lying compressed size or local offset
        if (entry >= 0 && entry + 46 <= out.length)
          out.writeUInt32LE(random.int(2 ** 32), entry + random.pick([20, 42]));
        break;
      case 4: {
        const at = random.int(out.length + 1);
        out = Buffer.concat([
          out.subarray(0, at),
          Buffer.from(random.pick(['"', '<row>', '\u0000', '\r', ',', 'PK\u0005\u0006', '\xff\xfe'])),
          out.subarray(at),
        ]);
        break;
      }
      case 5: {
        const at = random.int(out.length);
        out = Buffer.concat([out, out.subarray(at, at + random.int(2_000))]);
        break;
      }
      default:
        out = out.subarray(random.int(Math.max(1, out.length >> 3)));
    }
  }
  return out;
}

interface Upload {
  file: Buffer;
  name: string;
}

async function generate(random: Random, count: number): Promise<Upload[]> {
  const valid = await rosterWorkbook(rosterPeople(5, 'FZV', tree.siteA1.code));
  const validCsv = csvOf([HEADER, ...rosterRows(random, 5, tree.siteA1.code)], random);
  const uploads: Upload[] = [];
  while (uploads.length < count) {
    const kind = random.int(6);
    if (kind === 0) uploads.push({ file: mutate(valid, random), name: 'book.xlsx' });
    else if (kind === 1 || kind === 2) {
      const file = generatedXlsx(random);
      uploads.push({ file: random.next() < 0.3 ? mutate(file, random) : file, name: 'gen.xlsx' });
    } else {
      const rows = [HEADER, ...rosterRows(random, 1 + random.int(30), tree.siteA1.code)];
      let text = random.next() < 0.3 ? validCsv : csvOf(rows, random);
      if (random.next() < 0.3) {
        const at = random.int(text.length);
        text = `${text.slice(0, at)}"${text.slice(at)}`;
      }
      if (random.next() < 0.1) text += ','.repeat(random.int(2_000));
      if (random.next() < 0.05) text += '\n'.repeat(100_001);
      let file = random.next() < 0.3 ? iconv.encode(text, 'gbk') : Buffer.from(text);
      if (random.next() < 0.1) file = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), file]);
      if (random.next() < 0.2) file = mutate(file, random);
      uploads.push({ file, name: random.next() < 0.9 ? 'roster.csv' : 'roster.xlsx' });
    }
  }
  return uploads;
}

/** The worst files of issue 15 and the biggest a read may hold, each once. */
async function worstFiles(): Promise<Upload[]> {
  const bombStrings = await deflateRepeated('<sst>', '<si><t>a</t></si>', 17_000_000, '</sst>');
  const header = sheetXml([HEADER]);
  const wideRow = `<row>${Array.from({ length: 30 }, () => '<c s="1"><v>45356.25</v></c>').join('')}</row>`;
  const widest = await deflateRepeated('<worksheet><sheetData>', wideRow, 66_000, '</sheetData></worksheet>');
  const styles = '<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>';
  return [
    { file: zip(workbookParts({ data: header }, { deflated: bombStrings, declaredSize: 1_000 })), name: 'bomb.xlsx' },
    {
      file: Buffer.from(`${HEADER.join(',')}\nH,S,"未闭合,x\n${'H,S,名,x,户主,,\n'.repeat(1_100_000)}`),
      name: 'unclosed.csv',
    },
    { file: zip(workbookParts({ data: `<worksheet><sheetData>${'<row>'.repeat(250_000)}` })), name: 'rows.xlsx' },
    // 1.98 million date cells (under the 2 million cell cap): refused once their ~200 MB pass the 128 MB a read may hold.
    {
      file: zip([...workbookParts({ deflated: widest }), { name: 'xl/styles.xml', data: styles }]),
      name: 'widest.xlsx',
    },
  ];
}

async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

describe('fuzzing the roster upload', () => {
  it('answers every hostile file with a 4xx problem or a report, within 512 MB', { timeout: 300_000 }, async () => {
    const random = seededRandom(SEED);
    const worst = await worstFiles();
    const uploads = [...worst, ...(await generate(random, FILES))];
    const counts = { '2xx': 0, '4xx': 0, '>=500': 0 };
    const failures: string[] = [];

    let probing = true;
    let maxWaitMs = 0;
    let probeErrors = 0;
    const probe = (async () => {
      while (probing) {
        const started = performance.now();
        // A fresh connection each time. A probe that fails while the process lives (on a loaded
        // 2-core machine undici now and then reports "other side closed") is counted and shown,
        // not thrown: the process staying up is asserted below, the stall is what this measures.
        const answered = await fetch(`${anju.url}/api/health/live`, { headers: { connection: 'close' } })
          .then((response) => response.arrayBuffer())
          .then(() => true)
          .catch(() => false);
        if (!answered) probeErrors++;
        maxWaitMs = Math.max(maxWaitMs, performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();

    let next = 0;
    let until = worst.length;
    const send = async () => {
      while (next < until) {
        const index = next++;
        const { file, name } = uploads[index];
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(file)]), name);
        const dryRun = index % 10 !== 0;
        const response = await fetch(`${anju.url}/api/imports/roster?dryRun=${dryRun}`, {
          method: 'POST',
          headers: { cookie, connection: 'close' },
          body: form,
        }).catch((error) => {
          throw new Error(`#${index} ${name} (${file.length} B): ${error} ${anju.output().slice(-3_000)}`);
        });
        const text = await response.text();
        const type = response.headers.get('content-type') ?? '';
        if (response.status >= 500) counts['>=500']++;
        else if (response.status >= 400) counts['4xx']++;
        else counts['2xx']++;
        const isReport = type.includes('application/json') && 'rejected' in JSON.parse(text);
        const isProblem = type.includes('application/problem+json') && JSON.parse(text).status === response.status;
        const wellFormed = response.status < 300 ? isReport : response.status === 422 ? isReport : isProblem;
        if (response.status >= 500 || !wellFormed)
          failures.push(`#${index} ${name} (${file.length} B): ${response.status} ${text.slice(0, 200)}`);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, send));
    const worstSeconds = ((performance.now() - started) / 1000).toFixed(1);
    const worstWaitMs = maxWaitMs;
    maxWaitMs = 0;
    until = uploads.length;
    await Promise.all(Array.from({ length: CONCURRENCY }, send));
    probing = false;
    await probe;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);

    const rss = await peakRssMb(anju.child.pid as number);
    console.log(
      `fuzz-uploads: ${uploads.length} files, 4xx ${counts['4xx']}, 2xx ${counts['2xx']}, ≥500 ${counts['>=500']}, peak RSS ${rss} MB, max stall ${Math.round(Math.max(worstWaitMs, maxWaitMs))} ms, ${probeErrors} probes unanswered (longest /api/health/live answer: ${Math.round(worstWaitMs)} ms during the ${worst.length} worst files, ${Math.round(maxWaitMs)} ms during the generated), ${seconds} s (the worst files ${worstSeconds} s)`,
    );
    expect(failures).toEqual([]);
    expect(counts['>=500']).toBe(0);
    expect(anju.child.exitCode).toBeNull();
    expect(rss).toBeLessThan(512);
  });
});
