import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('API description', () => {
  it('serves an OpenAPI 3.1 document generated from the routes', async () => {
    const response = await ctx.app.request('/api/openapi.json');
    expect(response.status).toBe(200);
    const document = await response.json();
    expect(document.openapi).toBe('3.1.0');
    expect(document.paths['/api/health'].get.responses['200']).toBeDefined();
  });

  it('serves a human-readable reference listing every path', async () => {
    const response = await ctx.app.request('/api/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('/api/health');
    expect(html).not.toMatch(/https?:\/\/(cdn|unpkg)/);
  });
});
