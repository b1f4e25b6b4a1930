import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendSavedSearchDigests } from '../../api/src/jobs/digest.ts';
import { startJobQueue } from '../../api/src/jobs/scheduler.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createUser, signIn } from '../support/fixtures.ts';

/** Scheduled jobs (计划任务): the admin list, "run now" through pg-boss, and what the jobs do. */
let ctx: TestContext;
let admin: string;

interface JobItem {
  name: string;
  nextRunAt: string;
  lastRun: { outcome: string; trigger: string; summary: Record<string, number> | null } | null;
}

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await signIn(ctx.app, (await createUser(ctx.db, { role: 'admin' })).login);
});
afterAll(async () => {
  await ctx.deps.jobs?.stop();
  await ctx.close();
});

const listJobs = async (): Promise<{ items: JobItem[]; running: boolean }> =>
  (await call(ctx.app, 'GET', '/api/admin/jobs', { cookie: admin })).json();

const lastRunOf = async (name: string) => (await listJobs()).items.find((job) => job.name === name)?.lastRun;

describe('/api/admin/jobs', () => {
  it('lists every job with its schedule in China time, and no run yet', async () => {
    const { items, running } = await listJobs();
    expect(running).toBe(false);
    expect(items.map((job) => job.name).sort()).toEqual(
      [
        'alerts-evaluate',
        'backup',
        'logs-trim',
        'saved-search-digest',
        'summaries-rebuild',
        'workflows-escalate',
        'work-digest',
        'dibao-reviews',
      ].sort(),
    );
    const nightly = items.find((job) => job.name === 'alerts-evaluate');
    // 02:00 in Shanghai is 18:00 UTC the day before, always in the future.
    expect(new Date(nightly?.nextRunAt ?? '').getUTCHours()).toBe(18);
    expect(new Date(nightly?.nextRunAt ?? '').getTime()).toBeGreaterThan(Date.now());
    expect(nightly?.lastRun).toBeNull();
  });

  it('answers problem+json: 503 without a scheduler, 404 for an unknown job, 400 for a bad name', async () => {
    const cases = [
      ['/api/admin/jobs/logs-trim/run', 503],
      ['/api/admin/jobs/no-such-job/run', 404],
      ['/api/admin/jobs/Bad_Name!/run', 400],
    ] as const;
    for (const [path, status] of cases) {
      const response = await call(ctx.app, 'POST', path, { cookie: admin });
      expect(response.status, path).toBe(status);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('runs a job now through the queue and records its outcome; the trim keeps what is still needed', async () => {
    ctx.deps.jobs = await startJobQueue(ctx.deps, { databaseUrl: ctx.databaseUrl, schedule: false });
    const user = await createUser(ctx.db, { role: 'resident' });
    await ctx.db
      .insertInto('sessions')
      .values([
        { id: 'expired-session', userId: user.id, expiresAt: new Date(Date.now() - 1000), ip: null, userAgent: null },
        { id: 'live-session', userId: user.id, expiresAt: new Date(Date.now() + 3600_000), ip: null, userAgent: null },
      ])
      .execute();
    await sql`insert into login_throttle (key, failures, blocked_until, updated_at)
      values ('old-key', 3, null, now() - interval '2 hours'), ('fresh-key', 3, null, now())`.execute(ctx.db);
    await sql`insert into job_deletions (job_id, employer_id, deleted_at)
      values (9000001, 1, now() - interval '2 days'), (9000002, 1, now())`.execute(ctx.db);

    const response = await call(ctx.app, 'POST', '/api/admin/jobs/logs-trim/run', { cookie: admin });
    expect(response.status).toBe(202);
    await expect.poll(async () => (await lastRunOf('logs-trim'))?.outcome, { timeout: 60_000 }).toBe('succeeded');
    const run = await lastRunOf('logs-trim');
    expect(run?.trigger).toBe('manual');
    expect(run?.summary?.sessions).toBeGreaterThanOrEqual(1);

    const sessions = await ctx.db.selectFrom('sessions').select('id').where('userId', '=', user.id).execute();
    expect(sessions.map((s) => s.id)).toEqual(['live-session']);
    const keys = await sql<{
      key: string;
    }>`select key from login_throttle where key in ('old-key', 'fresh-key')`.execute(ctx.db);
    expect(keys.rows.map((r) => r.key)).toEqual(['fresh-key']);
    const deletions = await sql<{ jobId: string }>`select job_id from job_deletions where job_id >= 9000001`.execute(
      ctx.db,
    );
    expect(deletions.rows.map((r) => String(r.jobId))).toEqual(['9000002']);
    expect((await listJobs()).running).toBe(true);
  });

  it('runs the nightly alert evaluation on demand and shows its summary', async () => {
    const response = await call(ctx.app, 'POST', '/api/admin/jobs/alerts-evaluate/run', { cookie: admin });
    expect(response.status).toBe(202);
    await expect.poll(async () => (await lastRunOf('alerts-evaluate'))?.outcome, { timeout: 60_000 }).toBe('succeeded');
    expect(typeof (await lastRunOf('alerts-evaluate'))?.summary?.opened).toBe('number');
  });
});

describe('saved-search digest', () => {
  it('sums up a day of unread matches in one message per user, once a day', async () => {
    const resident = await createUser(ctx.db, { role: 'resident' });
    await ctx.db
      .insertInto('notifications')
      .values(
        ['/jobs/1', '/jobs/2', '/trainings/3'].map((link) => ({
          userId: resident.id,
          kind: 'saved-search-match',
          title: '新岗位',
          body: '',
          link,
          dedupeKey: `test:${resident.id}:${link}`,
          readAt: null,
        })),
      )
      .execute();
    const first = await sendSavedSearchDigests(ctx.db);
    expect(first.delivered).toBeGreaterThanOrEqual(1);
    const digest = await ctx.db
      .selectFrom('notifications')
      .selectAll()
      .where('userId', '=', resident.id)
      .where('kind', '=', 'saved-search-digest')
      .execute();
    expect(digest).toHaveLength(1);
    expect(digest[0].body).toContain('2 个岗位');
    expect(digest[0].body).toContain('1 个培训');
    await sendSavedSearchDigests(ctx.db);
    expect(
      await ctx.db
        .selectFrom('notifications')
        .select('id')
        .where('userId', '=', resident.id)
        .where('kind', '=', 'saved-search-digest')
        .execute(),
    ).toHaveLength(1);
  });
});
