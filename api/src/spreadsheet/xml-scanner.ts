import { unreadable } from './read-limits.ts';

/**
 * A streaming XML tokenizer for the parts of an .xlsx, linear in the input: text is fed in
 * chunks, each character is looked at a bounded number of times (a tag cut by a chunk's end is
 * kept and completed by the next, up to `maxTokenChars`), and no regular expression runs across
 * the document. Element names arrive without their namespace prefix (`x:row` → `row`).
 * Only what a spreadsheet needs: no DTD, no custom entities, no well-formedness checks.
 */
export interface XmlHandler {
  open(name: string, tag: string): void;
  close(name: string): void;
  /** Character data as written (entities not decoded: a chunk may cut one in two). */
  text(raw: string): void;
}

export class XmlScanner {
  private pending = '';

  constructor(
    private readonly handler: XmlHandler,
    private readonly maxTokenChars: number,
  ) {}

  write(chunk: string): void {
    const buffer = this.pending ? this.pending + chunk : chunk;
    this.pending = '';
    let at = 0;
    while (at < buffer.length) {
      const lt = buffer.indexOf('<', at);
      if (lt < 0) {
        this.handler.text(buffer.slice(at));
        return;
      }
      if (lt > at) this.handler.text(buffer.slice(at, lt));
      const end = this.token(buffer, lt);
      if (end < 0) {
        this.pending = buffer.slice(lt);
        if (this.pending.length > this.maxTokenChars) throw unreadable('an XML tag is too long or never closed');
        return;
      }
      at = end;
    }
  }

  /** At the end of the part: an unfinished tag is dropped (a truncated part reads as far as it goes). */
  end(): void {
    this.pending = '';
  }

  /** Handles the markup starting at `lt`; returns the index after it, or -1 when it is incomplete. */
  private token(buffer: string, lt: number): number {
    const next = buffer.charCodeAt(lt + 1);
    if (Number.isNaN(next)) return -1;
    if (next === 0x21 /* ! */) {
      if (buffer.startsWith('<!--', lt)) return after(buffer, '-->', lt + 4);
      if (buffer.startsWith('<![CDATA[', lt)) {
        const end = buffer.indexOf(']]>', lt + 9);
        if (end < 0) return -1;
        this.handler.text(
          buffer
            .slice(lt + 9, end)
            .replaceAll('&', '&amp;')
            .replaceAll('<', '&lt;'),
        );
        return end + 3;
      }
      if (buffer.length - lt < 9) return -1;
      return after(buffer, '>', lt + 2);
    }
    if (next === 0x3f /* ? */) return after(buffer, '?>', lt + 2);
    const end = tagEnd(buffer, lt + 1);
    if (end < 0) return -1;
    const closing = next === 0x2f; /* / */
    const selfClosing = !closing && buffer.charCodeAt(end - 1) === 0x2f;
    const tag = buffer.slice(lt + (closing ? 2 : 1), selfClosing ? end - 1 : end);
    const name = localName(tag);
    if (closing) this.handler.close(name);
    else {
      this.handler.open(name, tag);
      if (selfClosing) this.handler.close(name);
    }
    return end + 1;
  }
}

const after = (buffer: string, terminator: string, from: number) => {
  const end = buffer.indexOf(terminator, from);
  return end < 0 ? -1 : end + terminator.length;
};

/** The index of the `>` ending a tag, skipping quoted attribute values; -1 when not yet there. */
function tagEnd(buffer: string, from: number): number {
  let quote = 0;
  for (let i = from; i < buffer.length; i++) {
    const ch = buffer.charCodeAt(i);
    if (quote) {
      if (ch === quote) quote = 0;
    } else if (ch === 0x22 || ch === 0x27) quote = ch;
    else if (ch === 0x3e) return i;
  }
  return -1;
}

function localName(tag: string): string {
  let end = 0;
  while (end < tag.length) {
    const ch = tag.charCodeAt(end);
    if (ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d || ch === 0x2f) break;
    end++;
  }
  const name = tag.slice(0, end);
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/**
 * One attribute of a tag (`r` of `c r="A1" t="s"`), decoded; undefined when absent. Cheaper than
 * attributesOf for the sheet's millions of cells: no map, one scan of a short tag.
 */
export function attributeOf(tag: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const at = tag.indexOf(name, from);
    if (at < 0) return undefined;
    from = at + name.length;
    const before = tag.charCodeAt(at - 1);
    if (at > 0 && before > 0x20) continue;
    let eq = from;
    while (tag.charCodeAt(eq) <= 0x20) eq++;
    if (tag.charCodeAt(eq) !== 0x3d /* = */) continue;
    let quoteAt = eq + 1;
    while (tag.charCodeAt(quoteAt) <= 0x20) quoteAt++;
    const quote = tag[quoteAt];
    if (quote !== '"' && quote !== "'") return undefined;
    const close = tag.indexOf(quote, quoteAt + 1);
    if (close < 0) return undefined;
    return decodeXml(tag.slice(quoteAt + 1, close));
  }
}

/** The attributes of a tag (`c r="A1" t="s"`), names as written (with any prefix), values decoded. */
export function attributesOf(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  let at = 0;
  while (at < tag.length) {
    const eq = tag.indexOf('=', at);
    if (eq < 0) break;
    let quoteAt = eq + 1;
    while (quoteAt < tag.length && tag.charCodeAt(quoteAt) <= 0x20) quoteAt++;
    const quote = tag[quoteAt];
    if (quote !== '"' && quote !== "'") break;
    const close = tag.indexOf(quote, quoteAt + 1);
    if (close < 0) break;
    let nameStart = eq;
    while (nameStart > at && tag.charCodeAt(nameStart - 1) <= 0x20) nameStart--;
    const nameEnd = nameStart;
    while (nameStart > at && tag.charCodeAt(nameStart - 1) > 0x20) nameStart--;
    attributes.set(tag.slice(nameStart, nameEnd), decodeXml(tag.slice(quoteAt + 1, close)));
    at = close + 1;
  }
  return attributes;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The five named entities and numeric character references; an impossible code point becomes U+FFFD. */
export function decodeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]{1,8}|#\d{1,10}|amp|lt|gt|quot|apos);/gi, (_all, code: string) => {
    const c = code.toLowerCase();
    if (!c.startsWith('#')) return NAMED[c];
    const point = c.startsWith('#x') ? Number.parseInt(c.slice(2), 16) : Number(c.slice(1));
    return point <= 0x10ffff ? String.fromCodePoint(point) : '\uFFFD';
  });
}
