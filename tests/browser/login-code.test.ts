import { describe, expect, it } from 'vitest';
import { drainNotificationOutbox } from '../../api/src/notifications/delivery.ts';
import { RecordingSmsProvider } from '../../api/src/notifications/sms.ts';
import { expectNoSeriousA11yViolations } from '../support/axe.ts';
import { expectResponse } from '../support/browser.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { createRegionTree, createUser } from '../support/fixtures.ts';

// 短信验证码登录 at 360 px: the resident opens the code tab, asks for a code, types the code the
// SMS double received and lands signed in.

const phone = `136${String(process.pid % 100000).padStart(5, '0')}001`;

const suite = browserSuite({
  setup: async (ctx) => {
    const tree = await createRegionTree(ctx.db);
    await createUser(ctx.db, { role: 'resident', homeSiteId: tree.siteA1.id, name: '李桂兰', phone });
  },
});

describe('sign-in with a code by SMS in the browser', () => {
  it('asks for a code, types it and is signed in, at 360 px', { timeout: 240_000 }, async () => {
    const page = await suite.newPage({ width: 360, timeoutMs: 30_000 });
    await page.goto(`${suite.url}/login`);
    await page.getByRole('tab', { name: '短信验证码登录' }).click();
    await page.getByLabel('手机号', { exact: true }).fill(phone);
    await expectResponse(page, { method: 'POST', path: '/api/auth/login-code', status: 202 }, () =>
      page.getByRole('button', { name: '获取验证码' }).click(),
    );
    await page.getByRole('status').getByText('验证码会用短信发到这个手机上').waitFor();
    expect(await page.getByRole('button', { name: /秒后可重新获取/ }).isDisabled()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectNoSeriousA11yViolations(page, 'login by code');

    const sms = new RecordingSmsProvider();
    await drainNotificationOutbox({ db: suite.ctx.db, sms, encryptionKey: suite.ctx.deps.config.dataEncryptionKey });
    expect(sms.sent.map((message) => message.to)).toEqual([phone]);
    const code = /验证码是 (\d{6})/.exec(sms.sent[0].text)?.[1] as string;

    await page.getByLabel('短信验证码', { exact: true }).fill(code === '000000' ? '111111' : '000000');
    await expectResponse(page, { method: 'POST', path: '/api/auth/login-code/sign-in', status: 401 }, () =>
      page.getByRole('button', { name: /登\s*录/ }).click(),
    );
    await page.getByRole('alert').getByText('验证码不对或已过期').waitFor();

    await page.getByLabel('短信验证码', { exact: true }).fill(code);
    await expectResponse(page, { method: 'POST', path: '/api/auth/login-code/sign-in', status: 200 }, () =>
      page.getByRole('button', { name: /登\s*录/ }).click(),
    );
    await page.getByTestId('main-nav').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.context().close();
  });
});
