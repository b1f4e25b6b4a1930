import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';

/** Below this an answer goes as it is: the encoding's header and frame would eat the gain. */
export const COMPRESS_MIN_BYTES = 1024;
/**
 * From this size on, the compression runs on libuv's threads (an offline package of a few MB would
 * otherwise hold every other request for tens of ms); below it, one call in place is cheaper.
 */
export const OFF_THREAD_BYTES = 64 * 1024;
/** JSON answers are built whole in memory, at most a few MB: compressed in one piece. */
const JSON_TYPE = /^application\/([\w.-]+\+)?json/i;
/** Brotli's quality 4: about gzip's speed at a smaller size (11 is for files built once). */
const BROTLI_QUALITY = 4;

type Encoding = 'br' | 'gzip';

/** The encoding to answer in: brotli if the client takes it, else gzip, else none (q=0 refuses one). */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const accepted = new Set<string>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.split(';').map((piece) => piece.trim());
    const q = params.find((param) => param.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return undefined;
}

const gzipOffThread = promisify(gzip);
const brotliOffThread = promisify(brotliCompress);

async function encode(bytes: Buffer, encoding: Encoding): Promise<Buffer> {
  const offThread = bytes.length >= OFF_THREAD_BYTES;
  if (encoding === 'gzip') return offThread ? gzipOffThread(bytes) : gzipSync(bytes);
  const options = {
    params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  };
  return offThread ? brotliOffThread(bytes, options) : brotliCompressSync(bytes, options);
}

/**
 * The API's JSON answers (problem+json included) compressed for a client that accepts brotli or
 * gzip: a cheap phone on a slow network gets a search page of 20 hits in a fraction of the bytes
 * (bench/search-hop.ts prints it: 10.2 KB, 1.5 KB in brotli on the bench's city). The portal's own files are compressed once at build time (web/static.ts); a client that
 * sends no Accept-Encoding (curl, the bench's load) pays nothing here but one header read.
 */
export const compressJson: MiddlewareHandler = async (c, next) => {
  await next();
  const encoding = chooseEncoding(c.req.header('accept-encoding'));
  if (!encoding || c.req.method === 'HEAD') return;
  const res = c.res;
  if (!res.body || res.headers.has('content-encoding') || !JSON_TYPE.test(res.headers.get('content-type') ?? '')) {
    return;
  }
  const bytes = Buffer.from(await res.arrayBuffer());
  const small = bytes.length < COMPRESS_MIN_BYTES;
  const headers = new Headers(res.headers);
  headers.append('vary', 'Accept-Encoding');
  if (!small) {
    headers.set('content-encoding', encoding);
    headers.delete('content-length');
  }
  // A fresh Response: assigning to c.res would copy the old answer's headers back over these.
  const body = small ? bytes : await encode(bytes, encoding);
  c.res = undefined;
  c.res = new Response(new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength), {
    status: res.status,
    statusText: res.statusText,
    headers,
  });
};
