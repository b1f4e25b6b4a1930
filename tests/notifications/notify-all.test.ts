import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, rolledBack } from '../../api/src/db/database.ts';
import { type NotifyInput, notify, notifyAll } from '../../api/src/notifications/notify.ts';
import { savePreferences } from '../../api/src/notifications/preferences.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { createRegionTree, createUser } from '../support/fixtures.ts';

/**
 * `notifyAll` is set-based (a night can escalate 100k alerts): it must write exactly what calling
 * `notify` once per message writes — the same inbox rows, the same texts queued, muted categories
 * skipped, the first of a dedupe key kept and a key already notified skipped — across its
 * 1,000-row statements.
 */
let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/** What `write` leaves behind, read in its own transaction, which is then rolled back. */
const written = (write: (db: Db) => Promise<number>) =>
  rolledBack(ctx.db, async (trx) => {
    const before = await sql<{ max: string | null }>`select max(id)::text as max from notifications`.execute(trx);
    const count = await write(trx);
    const { rows } = await sql`select n.user_id, n.channel, n.kind, n.template, n.category, n.title, n.body,
        n.link, n.dedupe_key, n.params, n.read_at,
        (select count(*)::int from notification_outbox o where o.notification_id = n.id and o.user_id = n.user_id
          and o.channel = 'sms' and o.status = 'pending') as texts
      from notifications n where n.id > coalesce(${before.rows[0].max}::bigint, 0)
      order by n.user_id, n.dedupe_key nulls last, n.title`.execute(trx);
    return { count, rows };
  });

describe('notifyAll', () => {
  it('writes what notify writes one message at a time, across chunks, muting and dedupe keys', async () => {
    const tree = await createRegionTree(ctx.db);
    const texting = await createUser(ctx.db, { role: 'official', regionId: tree.countyA.id });
    const noTexts = await createUser(ctx.db, { role: 'official', regionId: tree.countyA.id });
    const mutedMatches = await createUser(ctx.db, { role: 'resident', homeSiteId: tree.siteA1.id });
    await savePreferences(ctx.db, noTexts.id, {
      mutedCategories: [],
      smsEnabled: false,
      quietStartMinute: 0,
      quietEndMinute: 0,
    });
    await savePreferences(ctx.db, mutedMatches.id, {
      mutedCategories: ['matches'],
      smsEnabled: true,
      quietStartMinute: 0,
      quietEndMinute: 0,
    });
    const run = `t${Date.now()}`;
    // Notified before: notifyAll must skip this key as notify does.
    await notify(ctx.db, {
      userId: texting.id,
      template: 'escalation',
      params: { subject: '旧的', detail: '已通知' },
      dedupeKey: `${run}:old`,
    });

    const inputs: NotifyInput[] = [];
    for (let i = 0; i < 1203; i++)
      inputs.push({
        userId: i % 2 ? texting.id : noTexts.id,
        template: 'escalation',
        params: { subject: `走访逾期 ${i}`, detail: `第 ${i} 户`, subjectEn: `Visit overdue ${i}`, detailEn: `#${i}` },
        link: `/households/${i}`,
        dedupeKey: `${run}:escalation:${i}`,
      });
    inputs.push(
      {
        userId: texting.id,
        template: 'escalation',
        params: { subject: '旧的', detail: '再次' },
        dedupeKey: `${run}:old`,
      },
      // The same key twice in one call: the first wins.
      {
        userId: texting.id,
        template: 'escalation',
        params: { subject: '第一', detail: '1' },
        dedupeKey: `${run}:twice`,
      },
      {
        userId: texting.id,
        template: 'escalation',
        params: { subject: '第二', detail: '2' },
        dedupeKey: `${run}:twice`,
      },
      // Muted category: nothing; the same category for someone else: inbox only (the template sends no text).
      {
        userId: mutedMatches.id,
        template: 'saved-search-match',
        params: { kind: 'job', title: '缝纫工', searchName: '缝纫' },
        dedupeKey: `${run}:muted`,
      },
      {
        userId: texting.id,
        template: 'saved-search-match',
        params: { kind: 'job', title: '缝纫工', searchName: '缝纫' },
        dedupeKey: `${run}:match`,
      },
      // The caller asks for a text the template would not send; no dedupe key at all.
      {
        userId: texting.id,
        template: 'application-new',
        params: { kind: 'job', title: '保洁员', personName: '张三' },
        channel: 'sms',
      },
      {
        userId: noTexts.id,
        template: 'application-new',
        params: { kind: 'job', title: '保洁员', personName: '李四' },
        channel: 'sms',
      },
    );

    const oneByOne = await written(async (db) => {
      let count = 0;
      for (const input of inputs) if (await notify(db, input)) count++;
      return count;
    });
    const together = await written((db) => notifyAll(db, inputs));

    expect(oneByOne.count).toBe(1203 + 1 + 1 + 2); // escalations, 'twice', the match, two applications
    expect(together.count).toBe(oneByOne.count);
    expect(together.rows).toEqual(oneByOne.rows);
    const texts = (together.rows as { texts: number }[]).reduce((sum, row) => sum + row.texts, 0);
    expect(texts).toBe(601 + 1 + 1); // the texting official's escalations, 'twice', one application
  });
});
