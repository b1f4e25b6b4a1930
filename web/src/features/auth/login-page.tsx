import { Alert, Button, Card, Form, Input, Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../../shared/api-error.ts';
import { LanguageSwitch } from '../../shared/language-switch.tsx';
import { CodeLoginForm } from './code-login-form.tsx';
import { SetupForm } from './setup-form.tsx';
import { useMe } from './use-me.ts';
import { useLogin } from './use-session.ts';

/** `status`: the service status panel (the health feature's), composed in web/src/app/router.tsx. */
export function LoginPage({ status }: { status: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  if (me.data) return <Navigate to={from} replace />;

  const error = login.error instanceof ApiError ? login.error : null;
  const message = !login.error
    ? null
    : error?.status === 429
      ? t('login.tooMany', { seconds: error.retryAfter ?? 60 })
      : error?.status === 401
        ? t('login.wrong')
        : t('common.error');

  const passwordForm = (
    <>
      {message && <Alert type="error" title={message} showIcon className="login-error" role="alert" />}
      <Form
        layout="vertical"
        size="large"
        requiredMark={false}
        onFinish={(values: { login: string; password: string }) =>
          login.mutate(values, { onSuccess: () => navigate(from, { replace: true }) })
        }
      >
        <Form.Item
          label={t('login.login')}
          name="login"
          rules={[{ required: true, whitespace: true, message: t('login.required') }]}
        >
          <Input autoComplete="username" inputMode="text" />
        </Form.Item>
        <Form.Item
          label={t('login.password')}
          name="password"
          rules={[{ required: true, message: t('login.required') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
          {t('login.submit')}
        </Button>
      </Form>
    </>
  );

  return (
    <div className="login-page">
      <Card className="login-card">
        <div className="login-top">
          <LanguageSwitch />
        </div>
        <Typography.Title level={1}>{t('login.title')}</Typography.Title>
        <Typography.Paragraph>{t('login.intro')}</Typography.Paragraph>
        {/* Three tabs fit a 360 px phone in both languages: an overflowing tab bar grows antd's
            "more" button inside the tablist, which axe rejects (aria-required-children). */}
        <Tabs
          className="login-tabs"
          tabBarGutter={16}
          items={[
            { key: 'password', label: t('login.byPassword'), children: passwordForm },
            {
              key: 'code',
              label: t('login.byCode'),
              children: <CodeLoginForm onSignedIn={() => navigate(from, { replace: true })} />,
            },
            {
              key: 'setup',
              label: t('login.bySetupCode'),
              children: <SetupForm onSignedIn={() => navigate(from, { replace: true })} />,
            },
          ]}
        />
        <Typography.Paragraph className="login-hint">{t('login.setupHint')}</Typography.Paragraph>
      </Card>
      {status}
    </div>
  );
}
