import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { createUser, TEST_PASSWORD } from '../support/fixtures.ts';
import { spawnAnju } from '../support/process.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

interface Outcome {
  status?: number;
  error?: string;
}

/** Sends a login request and resolves once its socket is connected, plus when it finishes. */
function login(url: string, body: string): { connected: Promise<void>; done: Promise<Outcome> } {
  let markConnected: () => void = () => undefined;
  const connected = new Promise<void>((resolve) => {
    markConnected = resolve;
  });
  const done = new Promise<Outcome>((resolve) => {
    const request = http.request(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      agent: false,
    });
    request.on('socket', (socket) => socket.on('connect', markConnected));
    request.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode }));
    });
    request.on('error', (error) => resolve({ error: error.message }));
    request.end(body);
  });
  return { connected, done };
}

describe('SIGTERM under load', () => {
  it('finishes every in-flight request, then exits cleanly within 30 s', { timeout: 180_000 }, async () => {
    // Thirty people signing in at once (one account's concurrent attempts are throttled).
    const users = await Promise.all(Array.from({ length: 30 }, () => createUser(ctx.db, { role: 'worker' })));
    const anju = await spawnAnju(ctx, { LOG_LEVEL: 'debug' });
    const requests = users.map((user) =>
      login(anju.url, JSON.stringify({ login: user.login, password: TEST_PASSWORD })),
    );
    await Promise.all(requests.map((r) => r.connected));
    await new Promise((resolve) => setTimeout(resolve, 30));
    const signalledAt = Date.now();
    anju.child.kill('SIGTERM');
    const outcomes = await Promise.all(requests.map((r) => r.done));
    const exitCode = await anju.exited;
    const exitMs = Date.now() - signalledAt;

    // In flight = the server had started on it. Every one of those finished with 200; a request
    // the kernel had queued but the server never started on may be refused (reset), never dropped.
    const started = anju.output().match(/"msg":"request started"/g)?.length ?? 0;
    const succeeded = outcomes.filter((o) => o.status === 200).length;
    expect(started).toBeGreaterThan(0);
    expect(succeeded).toBe(started);
    expect(outcomes.filter((o) => o.status !== undefined && o.status !== 200)).toEqual([]);
    expect(exitCode).toBe(0);
    expect(exitMs).toBeLessThan(30_000);
    // After the exit, nothing answers on that port any more.
    await expect(fetch(`${anju.url}/api/health`)).rejects.toThrow();
  });
});
