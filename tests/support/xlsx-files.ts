import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

/**
 * Hand-built .xlsx files for hostile-input tests: a zip whose parts, sizes and directory say
 * exactly what the test wants (a library would refuse to write most of them).
 */
export interface ZipPart {
  name: string;
  /** The part's bytes, deflated here unless `deflated` is given. */
  data?: string | Buffer;
  /** Already deflated bytes (a stream too big to hold inflated). */
  deflated?: Buffer;
  /** What the directory claims the part inflates to (default: the truth). */
  declaredSize?: number;
  /** 0 stored, 8 deflated (default), or anything else for an unsupported method. */
  method?: number;
}

export function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const raw = typeof part.data === 'string' ? Buffer.from(part.data) : (part.data ?? Buffer.alloc(0));
    const method = part.method ?? 8;
    const body = part.deflated ?? (method === 0 ? raw : deflateRawSync(raw));
    const size = part.declaredSize ?? (part.deflated ? 0 : raw.length);
    const name = Buffer.from(part.name);
    const crc = part.deflated ? 0 : crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const RELATIONSHIP = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The parts every workbook needs around its first sheet (and shared strings, when given). */
export function workbookParts(sheet: Omit<ZipPart, 'name'>, sharedStrings?: Omit<ZipPart, 'name'>): ZipPart[] {
  return [
    {
      name: 'xl/workbook.xml',
      data: `<workbook xmlns:r="${RELATIONSHIP}"><sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<Relationships><Relationship Id="rId1" Type="${RELATIONSHIP}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${RELATIONSHIP}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    },
    { name: 'xl/worksheets/sheet1.xml', ...sheet },
    ...(sharedStrings ? [{ name: 'xl/sharedStrings.xml', ...sharedStrings }] : []),
  ];
}

/** A sheet of inline-string rows (a null cell is left out). */
export function sheetXml(rows: (string | null)[][], extra = ''): string {
  const escapeText = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
  const body = rows
    .map(
      (cells, r) =>
        `<row r="${r + 1}">${cells
          .map((cell, c) =>
            cell === null
              ? ''
              : `<c r="${String.fromCharCode(65 + c)}${r + 1}" t="inlineStr"><is><t>${escapeText(cell)}</t></is></c>`,
          )
          .join('')}</row>`,
    )
    .join('');
  return `<worksheet><sheetData>${body}${extra}</sheetData></worksheet>`;
}

/** `piece` repeated `times` times, deflated as a stream (never held inflated). */
export async function deflateRepeated(head: string, piece: string, times: number, tail: string): Promise<Buffer> {
  const deflater = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflater.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve) => deflater.on('end', resolve));
  const block = Buffer.from(piece.repeat(Math.max(1, Math.floor((1 << 20) / piece.length))));
  const perBlock = block.length / Buffer.byteLength(piece);
  deflater.write(head);
  let left = times;
  while (left >= perBlock) {
    if (!deflater.write(block)) await new Promise((resolve) => deflater.once('drain', resolve));
    left -= perBlock;
  }
  deflater.write(piece.repeat(left));
  deflater.end(tail);
  await done;
  return Buffer.concat(out);
}
