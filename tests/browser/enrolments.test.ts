import { describe, expect, it } from 'vitest';
import { createApplication, transitionApplication } from '../../api/src/applications/queries.ts';
import { ensureSeedSkills } from '../../api/src/skills/seed.ts';
import { expectNoSeriousA11yViolations } from '../support/axe.ts';
import { openFromMenu } from '../support/browser.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { insertOpenProject } from '../support/enrolment-fixtures.ts';
import { createRegionTree, createUser, placeSite, type TestUser } from '../support/fixtures.ts';
import { createHouseholdWithPerson, insertOpenTraining } from '../support/matching-fixtures.ts';
import { createEmployer, linkEmployerAccount } from '../support/opportunity-fixtures.ts';

// Course enrolments and project participation in the portal: the worker enrols a resident in a
// course from the household page; the provider marks attending, then completed with the
// certificate; the household page then shows the skill at the course's level. The provider's
// project participants move through the same screen with the project's words.

const users = {} as Record<'provider' | 'worker', TestUser>;
let courseId: string;
let projectId: string;
let learner: { personId: string; householdId: string };
let other: { personId: string; householdId: string };

const suite = browserSuite({
  setup: async (ctx) => {
    const tree = await createRegionTree(ctx.db);
    await ensureSeedSkills(ctx.db);
    await placeSite(ctx.db, tree.siteA1.id, 26.58, 106.71);
    const provider = await createEmployer(ctx, { name: '甲县职业培训学校' });
    users.provider = await createUser(ctx.db, { role: 'employer', name: '培训学校教务' });
    await linkEmployerAccount(ctx, users.provider.id, provider.id);
    courseId = (
      await insertOpenTraining(
        ctx.db,
        provider.id,
        { code: 'machinery.forklift', level: 2 },
        { title: '叉车司机考证班' },
      )
    ).id;
    projectId = (await insertOpenProject(ctx.db, provider.id, { title: '食用菌产业基地' })).id;
    users.worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id], name: '网格员丙' });

    learner = await createHouseholdWithPerson(ctx.db, tree.siteA1, tree.countyA.code, { name: '王秀英' });
    await createApplication(ctx.db, {
      kind: 'project',
      opportunityId: projectId,
      personId: learner.personId,
      createdBy: users.worker.id,
      actorRole: 'worker',
    });
    // A second learner, whose enrolment is dropped while the provider's page still offers 开始上课.
    other = await createHouseholdWithPerson(ctx.db, tree.siteA1, tree.countyA.code, { name: '李四' });
    await createApplication(ctx.db, {
      kind: 'training',
      opportunityId: courseId,
      personId: other.personId,
      createdBy: users.worker.id,
      actorRole: 'worker',
    });
  },
});

/** Waits for the page to reach a state: a full load on a busy CI machine can take seconds. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 30_000, interval: 200 });

describe('course enrolments and project participants in the browser', () => {
  it('worker enrols a resident; the provider marks attending, then completed with the certificate; the skill shows on the household page', {
    timeout: 360_000,
  }, async () => {
    // 1. The worker, on the household page, enrols 王秀英 in the course from her recommendations.
    const worker = await suite.signIn(users.worker.login);
    await worker.goto(`${suite.url}/registry/households/${learner.householdId}`);
    const member = worker.getByTestId(`member-${learner.personId}`);
    await member.getByRole('button', { name: /看推荐/ }).click();
    const course = member.getByTestId('match-training').filter({ hasText: '叉车司机考证班' });
    await course.getByRole('button', { name: /报名/ }).click();
    await course.getByRole('button', { name: /确认报名/ }).click();
    await poll(() => course.getByRole('status').textContent()).toContain('已提交');
    await worker.context().close();
    const enrolment = await suite.ctx.db
      .selectFrom('applications')
      .select(['id', 'state'])
      .where('personId', '=', learner.personId)
      .where('kind', '=', 'training')
      .executeTakeFirstOrThrow();
    expect(enrolment.state).toBe('enrolled');

    // 2. The provider: 候选人 in the menu, the 培训 tab, the course's 报名学员.
    const provider = await suite.signIn(users.provider.login);
    await openFromMenu(provider, '候选人');
    await provider.getByRole('link', { name: /培训/ }).click();
    await provider.getByRole('heading', { name: /报名学员/ }).waitFor();
    const card = provider.getByTestId(`application-${enrolment.id}`);
    await poll(() => card.textContent()).toContain('王秀英');
    expect(await card.getByTestId('application-state').textContent()).toContain('已报名');
    // Masked, and no household income: the card names the person and the course, nothing more.
    expect(await card.textContent()).not.toMatch(/收入|元/);
    await expectNoSeriousA11yViolations(provider, 'provider: enrolled learners');

    // 李四 is dropped behind the page's back: 开始上课 is refused in plain Chinese.
    const stale = provider.getByTestId('training-applications').locator('li').filter({ hasText: '李四' });
    await stale.getByRole('button', { name: '开始上课' }).waitFor();
    const otherEnrolment = await suite.ctx.db
      .selectFrom('applications')
      .select('id')
      .where('personId', '=', other.personId)
      .executeTakeFirstOrThrow();
    await transitionApplication(suite.ctx.db, {
      applicationId: otherEnrolment.id,
      to: 'dropped',
      side: 'worker',
      actorUserId: users.worker.id,
      actorRole: 'worker',
    });
    await stale.getByRole('button', { name: '开始上课' }).click();
    await poll(() => stale.getByRole('alert').textContent()).toContain('不能从「已退学」改为「在上课」');

    await card.getByRole('button', { name: '开始上课', exact: true }).click();
    await poll(() => card.getByTestId('application-state').textContent()).toContain('在上课');
    await card.getByRole('button', { name: '结业', exact: true }).click();
    const complete = card.getByTestId('complete-course');
    await expect.poll(() => complete.getByRole('checkbox').isChecked()).toBe(true);
    expect(await complete.textContent()).toContain('颁发证书：特种设备作业人员证（N1）');
    await complete.getByLabel('证书编号').fill('N1-2026-0042');
    await expectNoSeriousA11yViolations(provider, 'provider: completing a course');
    await complete.getByRole('button', { name: /确认结业/ }).click();
    await poll(() => card.getByTestId('application-state').textContent()).toContain('已结业');
    expect(await card.getByRole('button').count()).toBe(0);

    // 3. The same screen for the project's participants, in the project's words.
    await provider.getByRole('link', { name: /项目/ }).click();
    await provider.getByRole('heading', { name: /参与人员/ }).waitFor();
    const participant = provider.getByTestId('project-applications').locator('li').filter({ hasText: '王秀英' });
    await poll(() => participant.getByTestId('application-state').textContent()).toContain('已报名');
    await participant.getByRole('button', { name: '约谈', exact: true }).click();
    await poll(() => participant.getByTestId('application-state').textContent()).toContain('约谈');
    await participant.getByRole('button', { name: '接收参加', exact: true }).click();
    await poll(() => participant.getByTestId('application-state').textContent()).toContain('已参加');
    await expectNoSeriousA11yViolations(provider, 'provider: project participants');
    await provider.context().close();

    // 4. The worker's household page: the skill at the course's level with its certificate, and
    //    her course and project with their state and each step's day.
    const back = await suite.signIn(users.worker.login);
    await back.goto(`${suite.url}/registry/households/${learner.householdId}`);
    const again = back.getByTestId(`member-${learner.personId}`);
    await poll(() => again.textContent()).toContain('叉车司机 (等级 2 · 特种设备作业人员证（N1） N1-2026-0042)');
    await again.getByRole('button', { name: /申请与报名/ }).click();
    const enrolled = again.getByTestId(`application-${enrolment.id}`);
    await poll(() => enrolled.getByTestId('application-state').textContent()).toContain('已结业');
    expect(await enrolled.textContent()).toMatch(/报名于 \d{4}-\d{2}-\d{2}/);
    await enrolled.getByText('经过').click();
    await poll(() => enrolled.getByTestId('application-steps').locator('li').count()).toBe(3);
    expect(await enrolled.getByTestId('application-steps').textContent()).toContain('N1-2026-0042');
    const project = again.getByTestId('person-applications').locator('li').filter({ hasText: '食用菌产业基地' });
    expect(await project.getByTestId('application-state').textContent()).toContain('已参加');
    await expectNoSeriousA11yViolations(back, 'household page with applications and enrolments');
    await back.context().close();
  });
});
