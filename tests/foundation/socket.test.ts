import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPlatform } from '../../api/src/platform.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { startTestPlatform } from '../support/platform.ts';

let ctx: TestContext;
let platform: RunningPlatform;
beforeAll(async () => {
  ctx = await createTestContext();
  platform = await startTestPlatform(ctx);
});
afterAll(async () => {
  await platform.stop();
  await ctx.close();
});

describe('the platform over a real socket', () => {
  it('answers health, the API reference and the portal on one port', async () => {
    const health = await fetch(`${platform.url}/api/health`);
    expect(await health.json()).toEqual({ status: 'ok', db: 'ok', search: 'ok' });
    const portal = await fetch(`${platform.url}/`);
    expect(portal.status).toBe(200);
    expect(await portal.text()).toContain('<div id="root">');
    const deepLink = await fetch(`${platform.url}/households/123`);
    expect(deepLink.status).toBe(200);
    expect(deepLink.headers.get('content-type')).toContain('text/html');
  });

  it('stops cleanly: answers before the stop, refuses connections after it', async () => {
    const other = await startTestPlatform(ctx);
    expect((await fetch(`${other.url}/api/health`)).status).toBe(200);
    await other.stop();
    await expect(fetch(`${other.url}/api/health`)).rejects.toThrow();
  });
});
