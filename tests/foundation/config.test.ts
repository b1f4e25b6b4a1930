import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../api/src/config/config.ts';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('has working defaults for a development machine', () => {
    const config = parseConfig({});
    expect(config.port).toBe(8080);
    expect(config.env).toBe('development');
    expect(config.demo).toBe(true);
    expect(config.dataDir.endsWith('.data')).toBe(true);
    expect(config.databaseUrl).toBeUndefined();
  });

  it('names the bad variable', () => {
    expect(problemsOf({ PORT: 'eighty' })[0]).toMatch(/^PORT /);
    expect(problemsOf({ DATABASE_URL: 'mysql://x' })[0]).toMatch(/^DATABASE_URL /);
    expect(problemsOf({ MEILI_URL: 'http://127.0.0.1:7700' })).toEqual([
      'MEILI_MASTER_KEY is required when MEILI_URL is set',
    ]);
  });

  it('demands real secrets in production and never runs demo mode there', () => {
    expect(problemsOf({ NODE_ENV: 'production' }).sort()).toEqual([
      'DATA_ENCRYPTION_KEY is required in production',
      'SESSION_SECRET is required in production',
    ]);
    const config = parseConfig({
      NODE_ENV: 'production',
      ANJU_DEMO: '1',
      SESSION_SECRET: 'x'.repeat(40),
      DATA_ENCRYPTION_KEY: Buffer.alloc(32).toString('base64'),
    });
    expect(config.demo).toBe(false);
  });

  it("takes the app role's URL beside the owner's, never alone", () => {
    const owner = 'postgres://anju_owner:x@db.internal:5432/anju';
    const app = 'postgres://anju_app:y@db.internal:5432/anju';
    expect(parseConfig({ DATABASE_URL: owner, DATABASE_APP_URL: app })).toMatchObject({
      databaseUrl: owner,
      databaseAppUrl: app,
    });
    expect(problemsOf({ DATABASE_APP_URL: app })).toEqual([
      'DATABASE_APP_URL needs DATABASE_URL (the owner, for migrations) beside it',
    ]);
  });

  it('reads TRUSTED_PROXIES as addresses and CIDRs (default none) and names a bad entry', () => {
    expect(parseConfig({}).trustedProxies).toEqual([]);
    expect(parseConfig({ TRUSTED_PROXIES: '10.0.0.1, 172.16.0.0/12,fd00::/8' }).trustedProxies).toEqual([
      '10.0.0.1',
      '172.16.0.0/12',
      'fd00::/8',
    ]);
    for (const bad of ['10.0.0.0/33', 'proxy.local', '10.0.0.1/8/1', '*'])
      expect(problemsOf({ TRUSTED_PROXIES: bad })[0]).toMatch(/^TRUSTED_PROXIES /);
  });

  it('turns demo mode off with ANJU_DEMO=0', () => {
    expect(parseConfig({ ANJU_DEMO: '0' }).demo).toBe(false);
  });
});
