import { resetClock, setClock } from '@anju/domain/clock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loginCodePolicy } from '../../api/src/access/login-codes.ts';
import { drainNotificationOutbox } from '../../api/src/notifications/delivery.ts';
import { RecordingSmsProvider } from '../../api/src/notifications/sms.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createUser } from '../support/fixtures.ts';

/**
 * 短信验证码登录 (issue 21): a code by SMS through the real outbox and the recording SMS double,
 * against real PostgreSQL. Each request comes from a socket address as the node server gives it.
 */
let ctx: TestContext;
let phoneSeq = 0;
const uniquePhone = () => `137${String(process.pid % 10000).padStart(4, '0')}${String(++phoneSeq).padStart(4, '0')}`;
let addressSeq = 0;
const uniqueAddress = () => `198.51.100.${++addressSeq}`;

/** 23:30 China time (15:30 UTC): inside the default quiet hours. */
const LATE_EVENING = new Date('2026-12-07T15:30:00Z');

beforeAll(async () => {
  ctx = await createTestContext();
});
afterEach(() => resetClock());
afterAll(() => ctx.close());

function post(path: string, body: unknown, from: string) {
  return ctx.app.request(
    path,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    { incoming: { socket: { remoteAddress: from } } },
  );
}
const askCode = (phone: string, from = uniqueAddress()) => post('/api/auth/login-code', { phone }, from);
const signInWith = (phone: string, code: string, from = uniqueAddress()) =>
  post('/api/auth/login-code/sign-in', { phone, code }, from);

/** Delivers the outbox through a fresh SMS double and returns what it sent. */
async function deliver(now?: Date) {
  const sms = new RecordingSmsProvider();
  const result = await drainNotificationOutbox(
    { db: ctx.db, sms, encryptionKey: ctx.deps.config.dataEncryptionKey },
    { now },
  );
  return { sms, result };
}
const codeIn = (text: string) => /验证码是 (\d{6})/.exec(text)?.[1];

async function residentWithPhone(options: { status?: 'active' | 'disabled' } = {}) {
  const phone = uniquePhone();
  const user = await createUser(ctx.db, { role: 'resident', phone, status: options.status });
  return { ...user, phone };
}

describe('sign-in with a code sent by SMS', () => {
  it('sends the code by SMS only, signs in once with the same session and audit as the password, and refuses a replay', async () => {
    const me = await residentWithPhone();
    const asked = await askCode(me.phone);
    expect(asked.status).toBe(202);
    expect(await asked.json()).toEqual({
      sent: true,
      expiresInSeconds: loginCodePolicy.ttlMs / 1000,
      resendAfterSeconds: 60,
    });

    const { sms } = await deliver();
    expect(sms.sent).toHaveLength(1);
    expect(sms.sent[0].to).toBe(me.phone);
    expect(sms.sent[0].text).toMatch(/^【安居】登录验证码：您的验证码是 \d{6}，10 分钟内有效，请勿告诉他人$/);
    const code = codeIn(sms.sent[0].text) as string;

    // Nowhere in the database in clear: not in the code row, not in the message, not in the outbox.
    const dump = JSON.stringify([
      await ctx.db.selectFrom('loginCodes').selectAll().where('userId', '=', me.id).execute(),
      await ctx.db.selectFrom('notifications').selectAll().where('userId', '=', me.id).execute(),
      await ctx.db.selectFrom('notificationOutbox').selectAll().where('userId', '=', me.id).execute(),
    ]);
    expect(dump).not.toContain(code);
    expect(dump).not.toContain(me.phone);
    const [stored] = await ctx.db.selectFrom('loginCodes').selectAll().where('userId', '=', me.id).execute();
    expect(stored.codeHash).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // Not an inbox item.
    const signedIn = await signInWith(me.phone, code);
    expect(signedIn.status).toBe(200);
    expect(await signedIn.json()).toMatchObject({ id: me.id, role: 'resident' });
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0];
    expect(cookie).toMatch(/^anju_session=/);
    expect(signedIn.headers.get('set-cookie')).toContain('HttpOnly');
    const inbox = (await (await call(ctx.app, 'GET', '/api/notifications', { cookie })).json()) as { total: number };
    expect(inbox.total).toBe(0);
    expect((await call(ctx.app, 'GET', '/api/auth/me', { cookie })).status).toBe(200);

    const audit = await ctx.db
      .selectFrom('auditLog')
      .select(['action', 'outcome', 'detail'])
      .where('resourceId', '=', me.id)
      .where('action', '=', 'login')
      .execute();
    expect(audit).toEqual([{ action: 'login', outcome: 'ok', detail: { method: 'sms-code' } }]);

    const replay = await signInWith(me.phone, code);
    expect(replay.status).toBe(401);
    expect(replay.headers.get('content-type')).toContain('application/problem+json');
  });

  it('counts wrong codes and voids the code after the last allowed guess', async () => {
    const me = await residentWithPhone();
    await askCode(me.phone);
    const code = codeIn((await deliver()).sms.sent[0].text) as string;
    const wrong = code === '000000' ? '111111' : '000000';
    for (let guess = 1; guess <= loginCodePolicy.maxAttempts; guess++) {
      expect((await signInWith(me.phone, wrong)).status).toBe(401);
      const [row] = await ctx.db.selectFrom('loginCodes').select('attempts').where('userId', '=', me.id).execute();
      expect(row.attempts).toBe(guess);
    }
    // The right code after the guesses are spent: refused all the same.
    expect((await signInWith(me.phone, code)).status).toBe(401);
  });

  it('refuses a code after ten minutes', async () => {
    const me = await residentWithPhone();
    const start = new Date('2026-12-07T02:00:00Z');
    setClock(start);
    await askCode(me.phone);
    const code = codeIn((await deliver(start)).sms.sent[0].text) as string;
    setClock(new Date(start.getTime() + loginCodePolicy.ttlMs + 1000));
    expect((await signInWith(me.phone, code)).status).toBe(401);
    setClock(new Date(start.getTime() + loginCodePolicy.ttlMs - 1000));
    expect((await signInWith(me.phone, code)).status).toBe(200);
  });

  it('answers an unknown phone, and a disabled account, exactly as a known one, and sends nothing', async () => {
    const known = await residentWithPhone();
    const disabled = await residentWithPhone({ status: 'disabled' });
    const unknown = uniquePhone();
    const answers = [];
    for (const phone of [known.phone, disabled.phone, unknown]) {
      const response = await askCode(phone);
      answers.push({ status: response.status, body: await response.json() });
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    const { sms } = await deliver();
    expect(sms.sent.map((message) => message.to)).toEqual([known.phone]);
    expect((await signInWith(unknown, '123456')).status).toBe(401);
  });

  it('limits codes per phone (one a minute, five an hour) and per address, with Retry-After', async () => {
    const me = await residentWithPhone();
    const start = new Date('2026-12-07T03:00:00Z');
    setClock(start);
    expect((await askCode(me.phone)).status).toBe(202);
    const again = await askCode(me.phone);
    expect(again.status).toBe(429);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(((await again.json()) as { type: string }).type).toMatch(/rate-limited$/);
    expect(Number(again.headers.get('retry-after'))).toBe(60);
    for (let minute = 2; minute <= 5; minute++) {
      setClock(new Date(start.getTime() + minute * 61_000));
      expect((await askCode(me.phone)).status).toBe(202);
    }
    setClock(new Date(start.getTime() + 10 * 61_000));
    const sixth = await askCode(me.phone);
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBe(3600 - 610);
    // Only the five codes that were asked for within the limits left.
    expect((await deliver(clockAt(start, 10 * 61_000))).sms.sent).toHaveLength(5);

    // One address asking for many phones is stopped at its hourly ceiling, known phones or not.
    setClock(new Date('2026-12-07T05:00:00Z'));
    const office = uniqueAddress();
    const statuses: number[] = [];
    for (let i = 0; i < loginCodePolicy.ipPerHour + 1; i++)
      statuses.push((await askCode(uniquePhone(), office)).status);
    expect(statuses.slice(0, loginCodePolicy.ipPerHour).every((status) => status === 202)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('sends a login code during quiet hours and when SMS messages are switched off', async () => {
    const me = await residentWithPhone();
    await ctx.db
      .insertInto('notificationPreferences')
      .values({ userId: me.id, smsEnabled: false, mutedCategories: ['applications', 'matches', 'work', 'escalations'] })
      .execute();
    setClock(LATE_EVENING);
    expect((await askCode(me.phone)).status).toBe(202);
    const { sms, result } = await deliver(LATE_EVENING);
    expect(result).toMatchObject({ sent: 1, held: 0, dropped: 0 });
    expect(sms.sent[0].to).toBe(me.phone);
    // Once sent, the sealed code is gone from the message row too.
    const [message] = await ctx.db
      .selectFrom('notifications')
      .select(['params', 'channel', 'body'])
      .where('userId', '=', me.id)
      .execute();
    expect(message).toEqual({ params: {}, channel: 'sms', body: '您的验证码是 ******，10 分钟内有效，请勿告诉他人' });
  });

  it('refuses malformed input with field problems', async () => {
    const response = await post('/api/auth/login-code/sign-in', { phone: '12345', code: 'abc' }, uniqueAddress());
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: { path: string; code: string }[] };
    expect(problem.errors.map((error) => error.path).sort()).toEqual(['json.code', 'json.phone']);
  });
});

const clockAt = (start: Date, ms: number) => new Date(start.getTime() + ms);
