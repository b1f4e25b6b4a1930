/**
 * 短信: how a text leaves Anju. One interface, two providers: a recording one (tests, demo, and
 * any install without a gateway) and an HTTP adapter for a real gateway (`ANJU_SMS_URL`,
 * `ANJU_SMS_KEY`). Phone numbers are sensitive: nothing here logs them or puts them in an error.
 */
export interface SmsMessage {
  to: string;
  text: string;
  /** Our outbox id, so the gateway can deduplicate a retried request. */
  reference: string;
}

export type SmsResult = { ok: true; messageId: string | null } | { ok: false; error: string };

export interface SmsProvider {
  name: string;
  send: (message: SmsMessage) => Promise<SmsResult>;
}

/** Keeps every text in memory; `failNext` makes the next sends fail (tests). */
export class RecordingSmsProvider implements SmsProvider {
  readonly name = 'recording';
  readonly sent: SmsMessage[] = [];
  failNext = 0;

  async send(message: SmsMessage): Promise<SmsResult> {
    if (this.failNext > 0) {
      this.failNext--;
      return { ok: false, error: 'recording provider told to fail' };
    }
    this.sent.push(message);
    return { ok: true, messageId: `rec-${this.sent.length}` };
  }
}

export interface HttpSmsOptions {
  url: string;
  key: string;
  /** Per attempt. */
  timeoutMs?: number;
  /** Attempts in one send (the outbox retries later too). */
  attempts?: number;
  /** First backoff; doubles each attempt. */
  backoffMs?: number;
}

/**
 * POSTs `{ to, text, reference }` as JSON with `Authorization: Bearer <key>`; a 2xx is delivered
 * (its JSON `id` or `messageId`, if any, is kept), a 4xx other than 408/429 fails at once, anything
 * else (5xx, timeout, network) is retried with backoff.
 */
export class HttpSmsProvider implements SmsProvider {
  readonly name = 'http';
  constructor(private readonly options: HttpSmsOptions) {}

  async send(message: SmsMessage): Promise<SmsResult> {
    const attempts = this.options.attempts ?? 3;
    let error = 'not sent';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await new Promise((r) => setTimeout(r, (this.options.backoffMs ?? 500) * 2 ** (attempt - 2)));
      try {
        const response = await fetch(this.options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${this.options.key}` },
          body: JSON.stringify(message),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
        });
        if (response.ok) {
          const reply = (await response.json().catch(() => ({}))) as { id?: unknown; messageId?: unknown };
          const id = reply.id ?? reply.messageId;
          return { ok: true, messageId: id === undefined || id === null ? null : String(id) };
        }
        await response.body?.cancel();
        error = `gateway answered ${response.status}`;
        if (response.status < 500 && response.status !== 408 && response.status !== 429) return { ok: false, error };
      } catch (caught) {
        error = (caught as Error)?.name === 'TimeoutError' ? 'gateway timed out' : 'gateway unreachable';
      }
    }
    return { ok: false, error: `${error} (${attempts} attempts)` };
  }
}

/** The gateway when configured, else the recording provider (tests, demo). */
export function smsProviderFor(config: { smsUrl?: string; smsKey?: string }): SmsProvider {
  return config.smsUrl && config.smsKey
    ? new HttpSmsProvider({ url: config.smsUrl, key: config.smsKey })
    : new RecordingSmsProvider();
}
