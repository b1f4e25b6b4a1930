import { StringDecoder } from 'node:string_decoder';
import { createInflateRaw } from 'node:zlib';
import { mb, type ReadBudget, tooLarge, unreadable } from './read-limits.ts';

/**
 * The one zip reader (an .xlsx is a zip): the central directory, then one part at a time,
 * inflated as a stream that stops at the part's cap. A declared size is only used to refuse an
 * honest bomb early; a lying one changes nothing, since the bytes are counted as they come out.
 */

interface ZipEntry {
  method: number;
  compressedSize: number;
  declaredSize: number;
  localOffset: number;
}

const CHUNK = 256 * 1024;

const notZip = () => unreadable('not an xlsx (zip) file');
const damaged = () => unreadable('damaged zip directory');

export class ZipReader {
  private constructor(
    private readonly buffer: Buffer,
    private readonly entries: Map<string, ZipEntry>,
    private readonly budget: ReadBudget,
  ) {}

  /** Reads the central directory, refusing too many parts or declared sizes past the caps (413). */
  static open(buffer: Buffer, budget: ReadBudget): ZipReader {
    const { limits } = budget;
    let eocd = -1;
    for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 65_557); i--) {
      if (buffer.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw notZip();
    const count = buffer.readUInt16LE(eocd + 10);
    let offset = buffer.readUInt32LE(eocd + 16);
    if (count > limits.maxZipEntries || count === 0xffff || offset === 0xffffffff)
      throw tooLarge('The workbook has too many parts');
    const entries = new Map<string, ZipEntry>();
    let declaredTotal = 0;
    for (let i = 0; i < count; i++) {
      if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== 0x02014b50) throw damaged();
      const nameLength = buffer.readUInt16LE(offset + 28);
      if (offset + 46 + nameLength > buffer.length) throw damaged();
      const declaredSize = buffer.readUInt32LE(offset + 24);
      if (declaredSize === 0xffffffff) throw tooLarge('The workbook is too large once unpacked');
      declaredTotal += declaredSize;
      entries.set(buffer.toString('utf8', offset + 46, offset + 46 + nameLength).replace(/^\//, ''), {
        method: buffer.readUInt16LE(offset + 10),
        compressedSize: buffer.readUInt32LE(offset + 20),
        declaredSize,
        localOffset: buffer.readUInt32LE(offset + 42),
      });
      offset += 46 + nameLength + buffer.readUInt16LE(offset + 30) + buffer.readUInt16LE(offset + 32);
    }
    if (declaredTotal > limits.maxInflatedBytes)
      throw tooLarge(
        `The workbook unpacks to ${mb(declaredTotal)} MB; at most ${mb(limits.maxInflatedBytes)} MB is accepted`,
      );
    return new ZipReader(buffer, entries, budget);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /**
   * Streams a part as UTF-8 text to `onText`, chunk by chunk, yielding to the event loop between
   * chunks; refuses (413) once the part passes `maxBytes` or the file its total, whatever was declared.
   */
  async stream(name: string, maxBytes: number, onText: (text: string) => void): Promise<void> {
    const entry = this.entries.get(name);
    if (!entry) throw unreadable(`the part ${name} is missing`);
    if (entry.declaredSize > maxBytes) throw partTooLarge(name, maxBytes);
    const data = this.compressedData(entry);
    const decoder = new StringDecoder('utf8');
    let produced = 0;
    const take = (chunk: Buffer) => {
      produced += chunk.length;
      if (produced > maxBytes) throw partTooLarge(name, maxBytes);
      this.budget.addInflated(chunk.length);
      onText(decoder.write(chunk));
    };
    if (entry.method === 0) {
      for (let at = 0; at < data.length; at += CHUNK) {
        take(data.subarray(at, at + CHUNK));
        await this.budget.pause();
      }
    } else if (entry.method === 8) {
      const inflater = createInflateRaw({ chunkSize: CHUNK });
      inflater.end(data);
      try {
        for await (const chunk of inflater) {
          this.budget.checkTime();
          take(chunk as Buffer);
        }
      } catch (error) {
        inflater.destroy();
        if (error instanceof Error && 'code' in error && String(error.code).startsWith('Z_'))
          throw unreadable(`the part ${name} is damaged`);
        throw error;
      }
    } else throw unreadable(`the part ${name} uses an unsupported compression`);
    onText(decoder.end());
  }

  /** A small part's whole text (workbook, relationships), or undefined when absent. */
  async text(name: string, maxBytes: number): Promise<string | undefined> {
    if (!this.has(name)) return undefined;
    const pieces: string[] = [];
    await this.stream(name, maxBytes, (text) => pieces.push(text));
    return pieces.join('');
  }

  private compressedData(entry: ZipEntry): Buffer {
    const local = entry.localOffset;
    if (local + 30 > this.buffer.length || this.buffer.readUInt32LE(local) !== 0x04034b50) throw damaged();
    const start = local + 30 + this.buffer.readUInt16LE(local + 26) + this.buffer.readUInt16LE(local + 28);
    if (start + entry.compressedSize > this.buffer.length) throw damaged();
    return this.buffer.subarray(start, start + entry.compressedSize);
  }
}

const partTooLarge = (name: string, maxBytes: number) =>
  tooLarge(`The part ${name} of the workbook unpacks to more than ${mb(maxBytes)} MB`);
