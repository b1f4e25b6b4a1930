import { getMaxListeners, setMaxListeners } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import { MeilisearchApiError, MeilisearchRequestError, type SearchParams, type SearchResponse } from 'meilisearch';

/**
 * The meilisearch client's `httpClient`: one keep-alive `http.request` per call instead of the
 * global fetch. fetch (undici's WHATWG layer: Request, Headers, a body stream, `text()`) costs the
 * API far more CPU per search than the request itself (bench/results/search-profile-load.md), and on
 * two cores shared with Meilisearch and PostgreSQL every ms of it is throughput lost.
 *
 * It answers what the client's own fetch path answers: the parsed JSON body, or nothing for an
 * empty one; an answered refusal (status ≥ 300) is thrown as MeilisearchApiError, which the
 * client wraps, like any other failure of a custom httpClient, in a MeilisearchRequestError
 * (`meilisearchRefusal` finds it again). The client's timeout aborts `init.signal`; its reason is
 * rethrown as is, so the client still reports a MeilisearchRequestTimeOutError.
 */
export function keepAliveHttpClient(): (input: string | URL | Request, init?: RequestInit) => Promise<unknown> {
  const send = jsonSender();
  return (input, init = {}) => {
    const url = input instanceof URL ? input : new URL(typeof input === 'string' ? input : input.url);
    const body = init.body;
    if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof Uint8Array)) {
      return Promise.reject(new TypeError('keepAliveHttpClient sends strings and bytes only'));
    }
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const signal = init.signal ?? undefined;
    if (signal?.aborted) return Promise.reject(signal.reason);
    // The client's waitTask polls with one signal and leaves a listener on it per poll until the
    // wait ends; undici's Request lifts the limit to 1500 for that reason, and so does this.
    if (signal && getMaxListeners(signal) < 1500) setMaxListeners(1500, signal);
    return send(url, init.method ?? 'GET', headers, body ?? undefined, { signal });
  };
}

type Sender = (
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | Uint8Array | undefined,
  limits: { signal?: AbortSignal; timeoutMs?: number },
) => Promise<unknown>;

/**
 * The one request path to Meilisearch: keep-alive sockets, the JSON answer parsed, a refusal
 * (status ≥ 300) thrown as MeilisearchApiError. Stopped by `signal` (its reason rethrown) or,
 * without one, after `timeoutMs` of silence on the socket (a timer per request, no AbortSignal).
 */
function jsonSender(): Sender {
  const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };
  return (url, method, headers, body, { signal, timeoutMs }) => {
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    const request = url.protocol === 'https:' ? https.request : http.request;
    return new Promise((resolve, reject) => {
      // The signal is watched here rather than handed to http.request, so its listener is gone
      // the moment the answer is in.
      const onAbort = () => req.destroy();
      const settle = () => signal?.removeEventListener('abort', onAbort);
      const fail = (error: unknown) => {
        settle();
        reject(signal?.aborted ? signal.reason : error);
      };
      const req = request(url, { method, headers, agent: agents[url.protocol as 'http:' | 'https:'] }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('end', () => {
          const text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString('utf8');
          let parsed: unknown;
          try {
            parsed = text === '' ? undefined : JSON.parse(text);
          } catch (error) {
            fail(error);
            return;
          }
          settle();
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve(parsed);
          else {
            const response = new Response(null, { status, statusText: res.statusMessage ?? '' });
            reject(new MeilisearchApiError(response, parsed as ConstructorParameters<typeof MeilisearchApiError>[1]));
          }
        });
      });
      if (timeoutMs !== undefined) {
        req.setTimeout(timeoutMs, () =>
          req.destroy(new Error(`Meilisearch did not answer ${method} ${url.pathname} within ${timeoutMs} ms`)),
        );
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', fail);
      req.end(body);
    });
  };
}

/**
 * A search of one index, posted straight through the request path above: the URL and headers
 * made once, no per-call URL, Headers, AbortController and timer of the meilisearch client (a
 * fifth of the API's own CPU per search, bench/search-hop.ts --prof). What every search of the
 * API's goes through; the client stays for tasks, settings and documents.
 */
export function indexSearcher(options: {
  url: string;
  masterKey: string;
  timeoutMs: number;
}): (uid: string, params: SearchParams & { q?: string | null }) => Promise<SearchResponse<Record<string, unknown>>> {
  const send = jsonSender();
  const urls = new Map<string, URL>();
  const base = options.url.endsWith('/') ? options.url : `${options.url}/`;
  return (uid, params) => {
    let url = urls.get(uid);
    if (!url) {
      url = new URL(`indexes/${encodeURIComponent(uid)}/search`, base);
      urls.set(uid, url);
    }
    const headers = {
      'content-type': 'application/json',
      authorization: `Bearer ${options.masterKey}`,
      // Uncompressed: see the client's requestInit in client.ts.
      'accept-encoding': 'identity',
    };
    // Failures as the client reports them: a refusal inside, anything else (unreachable, too slow)
    // a MeilisearchRequestError of its own, which the API answers with 503 (http/problem.ts).
    const answer = send(url, 'POST', headers, JSON.stringify(params), { timeoutMs: options.timeoutMs });
    return answer.catch((error: unknown) => {
      throw new MeilisearchRequestError(url.toString(), error);
    }) as Promise<SearchResponse<Record<string, unknown>>>;
  };
}

/** The refusal Meilisearch answered, if this error (thrown by the client) is one. */
export function meilisearchRefusal(error: unknown): MeilisearchApiError | undefined {
  if (error instanceof MeilisearchApiError) return error;
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  return cause instanceof MeilisearchApiError ? cause : undefined;
}
