import { getMaxListeners, setMaxListeners } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import { MeilisearchApiError } from 'meilisearch';

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
  const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };
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
    if (body !== undefined && body !== null) headers['content-length'] = String(Buffer.byteLength(body));
    const signal = init.signal ?? undefined;
    if (signal?.aborted) return Promise.reject(signal.reason);
    // The client's waitTask polls with one signal and leaves a listener on it per poll until the
    // wait ends; undici's Request lifts the limit to 1500 for that reason, and so does this.
    if (signal && getMaxListeners(signal) < 1500) setMaxListeners(1500, signal);
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
      const req = request(
        url,
        { method: init.method ?? 'GET', headers, agent: agents[url.protocol as 'http:' | 'https:'] },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', fail);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
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
        },
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', fail);
      req.end(body ?? undefined);
    });
  };
}

/** The refusal Meilisearch answered, if this error (thrown by the client) is one. */
export function meilisearchRefusal(error: unknown): MeilisearchApiError | undefined {
  if (error instanceof MeilisearchApiError) return error;
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  return cause instanceof MeilisearchApiError ? cause : undefined;
}
