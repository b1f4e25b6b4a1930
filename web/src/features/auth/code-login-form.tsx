import { Alert, Button, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api-error.ts';
import { useCodeLogin, useRequestLoginCode } from './use-session.ts';

const RESEND_SECONDS = 60;

/** 短信验证码登录: phone, 获取验证码 (with a countdown before the next), the 6 digits, 登录. */
export function CodeLoginForm({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ phone: string; code: string }>();
  const requestCode = useRequestLoginCode();
  const signIn = useCodeLogin();
  const [wait, setWait] = useState(0);
  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((seconds) => seconds - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  const failure = requestCode.error ?? signIn.error;
  const error = failure instanceof ApiError ? failure : null;
  const message = !failure
    ? null
    : error?.status === 429
      ? t('login.tooMany', { seconds: error.retryAfter ?? RESEND_SECONDS })
      : error?.status === 401
        ? t('login.codeWrong')
        : error?.status === 400
          ? t('login.phoneFormat')
          : t('common.error');

  const sendCode = async () => {
    const { phone } = await form.validateFields(['phone']);
    signIn.reset();
    requestCode.mutate({ phone }, { onSuccess: () => setWait(RESEND_SECONDS) });
  };

  return (
    <>
      {message && <Alert type="error" title={message} showIcon className="login-error" role="alert" />}
      {requestCode.isSuccess && !failure && (
        <Alert type="success" title={t('login.codeSent')} showIcon className="login-error" role="status" />
      )}
      <Form
        form={form}
        layout="vertical"
        size="large"
        requiredMark={false}
        onFinish={(values) => {
          requestCode.reset();
          signIn.mutate(values, { onSuccess: onSignedIn });
        }}
      >
        <Form.Item
          label={t('login.phone')}
          name="phone"
          rules={[
            { required: true, whitespace: true, message: t('login.required') },
            { pattern: /^1\d{10}$/, message: t('login.phoneFormat') },
          ]}
        >
          <Input autoComplete="tel" inputMode="numeric" maxLength={11} />
        </Form.Item>
        <Button block size="large" onClick={sendCode} loading={requestCode.isPending} disabled={wait > 0}>
          {wait > 0 ? t('login.resendIn', { seconds: wait }) : t('login.getCode')}
        </Button>
        <Form.Item
          label={t('login.code')}
          name="code"
          className="login-code-field"
          rules={[
            { required: true, whitespace: true, message: t('login.required') },
            { pattern: /^\d{6}$/, message: t('login.codeFormat') },
          ]}
        >
          <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={signIn.isPending}>
          {t('login.submit')}
        </Button>
      </Form>
      <Typography.Paragraph className="login-hint">{t('login.codeHint')}</Typography.Paragraph>
    </>
  );
}
