import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api-error.ts';
import { Field, Notice, required, sixDigits, useFields, WideButton } from './form-controls.tsx';
import { useCodeLogin, useRequestLoginCode } from './use-session.ts';

const RESEND_SECONDS = 60;

/** 短信验证码登录: phone, 获取验证码 (with a countdown before the next), the 6 digits, 登录. */
export function CodeLoginForm({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const fields = useFields({
    phone: (value) => required(value) ?? (/^1\d{10}$/.test(value) ? null : 'login.phoneFormat'),
    code: sixDigits,
  });
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

  const sendCode = () => {
    const values = fields.validate(['phone']);
    if (!values) return;
    signIn.reset();
    requestCode.mutate({ phone: values.phone }, { onSuccess: () => setWait(RESEND_SECONDS) });
  };

  return (
    <>
      {message && <Notice kind="error">{message}</Notice>}
      {requestCode.isSuccess && !failure && <Notice kind="success">{t('login.codeSent')}</Notice>}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const values = fields.validate();
          if (!values) return;
          requestCode.reset();
          signIn.mutate(values, { onSuccess: onSignedIn });
        }}
      >
        <Field
          label={t('login.phone')}
          autoComplete="tel"
          inputMode="numeric"
          maxLength={11}
          {...fields.bind('phone')}
        />
        <WideButton onClick={sendCode} busy={requestCode.isPending} disabled={wait > 0}>
          {wait > 0 ? t('login.resendIn', { seconds: wait }) : t('login.getCode')}
        </WideButton>
        <div className="login-code-field">
          <Field
            label={t('login.code')}
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={6}
            {...fields.bind('code')}
          />
        </div>
        <WideButton primary type="submit" busy={signIn.isPending}>
          {t('login.submit')}
        </WideButton>
      </form>
      <p className="login-hint">{t('login.codeHint')}</p>
    </>
  );
}
