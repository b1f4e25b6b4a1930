import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
    // expect.poll waits for a page or the outbox to catch up; 1 s (the default) is too short on
    // two busy cores. A condition that never comes true still fails, after 15 s.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
