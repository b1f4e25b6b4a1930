import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createApplication, transitionApplication } from '../../api/src/applications/queries.ts';
import { ensureSeedSkills } from '../../api/src/skills/seed.ts';
import { expectNoSeriousA11yViolations } from '../support/axe.ts';
import { openFromMenu } from '../support/browser.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { createRegionTree, createUser, placeSite, type RegionTree, type TestUser } from '../support/fixtures.ts';
import { createHouseholdWithPerson, giveSkill, insertOpenJob } from '../support/matching-fixtures.ts';
import { createEmployer, linkEmployerAccount } from '../support/opportunity-fixtures.ts';

// The matching loop in the portal: a resident sees why a job suits them and applies in two taps;
// the employer sees the application among the candidates and hires; the worker's household page
// then shows the person in work.

let tree: RegionTree;
const users = {} as Record<'resident' | 'employer' | 'worker', TestUser>;
let jobId: string;
let sewer: { personId: string; householdId: string };
let other: { personId: string; householdId: string };

const suite = browserSuite({
  setup: async (ctx) => {
    tree = await createRegionTree(ctx.db);
    await ensureSeedSkills(ctx.db);
    await placeSite(ctx.db, tree.siteA1.id, 26.58, 106.71);
    const employer = await createEmployer(ctx, { name: '甲县制衣车间' });
    users.employer = await createUser(ctx.db, { role: 'employer', name: '车间主任' });
    await linkEmployerAccount(ctx, users.employer.id, employer.id);
    jobId = (await insertOpenJob(ctx.db, employer.id, { title: '缝纫工' })).id;

    sewer = await createHouseholdWithPerson(ctx.db, tree.siteA1, tree.countyA.code, {
      name: '王秀英',
      visibleToEmployers: true,
    });
    await giveSkill(ctx.db, sewer.personId, tree.countyA.code, 'garment.sewing', 2);
    users.resident = await createUser(ctx.db, { role: 'resident', homeSiteId: tree.siteA1.id, name: '王秀英' });
    await ctx.db.updateTable('users').set({ personId: sewer.personId }).where('id', '=', users.resident.id).execute();
    users.worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id], name: '网格员丙' });

    // A second applicant, filed by the worker on their behalf, whose application the employer's page will hold stale.
    other = await createHouseholdWithPerson(ctx.db, tree.siteA1, tree.countyA.code, { name: '李四' });
    await giveSkill(ctx.db, other.personId, tree.countyA.code, 'garment.sewing', 1);
    await createApplication(ctx.db, {
      kind: 'job',
      opportunityId: jobId,
      personId: other.personId,
      createdBy: users.worker.id,
      actorRole: 'worker',
    });
  },
});

/** Waits for the page to reach a state: a full load on a busy CI machine can take seconds. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 30_000, interval: 200 });

async function signInAs(user: TestUser): Promise<Page> {
  return suite.signIn(user.login);
}

describe('matching in the browser', () => {
  it('resident applies from 为你推荐; the employer hires; the household page shows the person in work', {
    timeout: 360_000,
  }, async () => {
    // 1. The resident's home: the job with its reasons in one line, the score, apply in two taps.
    const resident = await signInAs(users.resident);
    const recommendations = resident.getByTestId('recommendations');
    await recommendations.getByRole('heading', { name: /为你推荐/ }).waitFor();
    const card = recommendations.getByTestId('match-job').filter({ hasText: '缝纫工' });
    await card.waitFor();
    expect(await card.getByTestId('reasons').textContent()).toContain('会缝纫');
    expect(await card.getByTestId('score').textContent()).toMatch(/匹配度 \d+%/);
    await expectNoSeriousA11yViolations(resident, 'resident home with recommendations');
    await card.getByRole('button', { name: /申请/ }).click();
    await card.getByRole('button', { name: /确认申请/ }).click();
    await poll(() => card.getByRole('status').textContent()).toContain('已提交');
    const filed = await suite.ctx.db
      .selectFrom('applications')
      .select(['id', 'state'])
      .where('personId', '=', sewer.personId)
      .executeTakeFirstOrThrow();
    expect(filed.state).toBe('applied');

    await openFromMenu(resident, '我的申请');
    const mine = resident.getByTestId(`application-${filed.id}`);
    await poll(() => mine.textContent()).toContain('缝纫工');
    expect(await mine.getByTestId('application-state').textContent()).toContain('已申请');
    await expectNoSeriousA11yViolations(resident, 'my applications');
    await resident.context().close();

    // 2. The employer: candidates with reasons, the applications, a refused stale move, then the hire.
    const employer = await signInAs(users.employer);
    await openFromMenu(employer, '候选人');
    const candidate = employer.getByTestId('candidate').filter({ hasText: '王秀英' });
    await candidate.waitFor();
    expect(await candidate.getByTestId('reasons').textContent()).toContain('会缝纫');
    const theirs = employer.getByTestId(`application-${filed.id}`);
    await theirs.waitFor();
    const stale = employer.getByTestId('job-applications').locator('li').filter({ hasText: '李四' });
    await stale.getByRole('button', { name: '约面试' }).waitFor();
    await expectNoSeriousA11yViolations(employer, 'candidates');

    // Someone else declines 李四 while this page still offers 约面试: the API refuses, in Chinese.
    const otherApplication = await suite.ctx.db
      .selectFrom('applications')
      .select('id')
      .where('personId', '=', other.personId)
      .executeTakeFirstOrThrow();
    await transitionApplication(suite.ctx.db, {
      applicationId: otherApplication.id,
      to: 'rejected',
      side: 'worker',
      actorUserId: users.worker.id,
      actorRole: 'worker',
    });
    await stale.getByRole('button', { name: '约面试' }).click();
    await poll(() => stale.getByRole('alert').textContent()).toContain('不能从「未录用」改为「约面试」');

    for (const [move, state] of [
      ['标为已查看', '已查看'],
      ['约面试', '约面试'],
      ['录用', '已录用'],
    ] as const) {
      await theirs.getByRole('button', { name: move, exact: true }).click();
      await poll(() => theirs.getByTestId('application-state').textContent()).toContain(state);
    }
    expect(await theirs.getByRole('button').count()).toBe(0);
    await employer.context().close();

    // 3. The worker's household page: the person is now in local work; their recommendations open there too.
    const worker = await signInAs(users.worker);
    await worker.goto(`${suite.url}/registry/households/${sewer.householdId}`);
    const member = worker.getByTestId(`member-${sewer.personId}`);
    await poll(() => member.textContent()).toContain('本地务工');
    await member.getByRole('button', { name: /看推荐/ }).click();
    await member
      .getByTestId('recommendations')
      .getByRole('heading', { name: /为 王秀英 推荐/ })
      .waitFor();
    await poll(() => member.getByTestId('match-job').filter({ hasText: '缝纫工' }).getByRole('status').count()).toBe(1);
    await expectNoSeriousA11yViolations(worker, 'household page with recommendations');
    await worker.context().close();
  });
});
