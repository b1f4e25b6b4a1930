import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api-error.ts';
import { useAccountSetup } from './use-session.ts';

/**
 * 第一次使用: the phone (or user name) the worker wrote down, the 6-digit 激活码 they handed over
 * and a new password, twice; the account is then set up and signed in (POST /api/auth/setup).
 */
export function SetupForm({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const setup = useAccountSetup();
  const error = setup.error instanceof ApiError ? setup.error : null;
  const message = !setup.error
    ? null
    : error?.status === 429
      ? t('login.tooMany', { seconds: error.retryAfter ?? 60 })
      : error?.status === 401
        ? t('login.setupWrong')
        : error?.status === 400
          ? t('login.setupWeak')
          : t('common.error');

  return (
    <>
      {message && <Alert type="error" title={message} showIcon className="login-error" role="alert" />}
      <Form
        name="setup"
        layout="vertical"
        size="large"
        requiredMark={false}
        onFinish={(values: { login: string; code: string; password: string }) =>
          setup.mutate({ login: values.login, code: values.code, password: values.password }, { onSuccess: onSignedIn })
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
          label={t('login.setupCode')}
          name="code"
          rules={[
            { required: true, whitespace: true, message: t('login.required') },
            { pattern: /^\d{6}$/, message: t('login.codeFormat') },
          ]}
        >
          <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} />
        </Form.Item>
        <Form.Item
          label={t('login.newPassword')}
          name="password"
          extra={t('login.newPasswordHint')}
          rules={[
            { required: true, message: t('login.required') },
            { min: 8, message: t('login.newPasswordHint') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t('login.newPasswordAgain')}
          name="again"
          dependencies={['password']}
          rules={[
            { required: true, message: t('login.required') },
            ({ getFieldValue }) => ({
              validator: (_rule, value) =>
                !value || value === getFieldValue('password')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('login.passwordsDiffer'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={setup.isPending}>
          {t('login.setupSubmit')}
        </Button>
      </Form>
    </>
  );
}
