import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api-error.ts';
import { Field, LoginNameField, Notice, required, sixDigits, useFields, WideButton } from './form-controls.tsx';
import { useAccountSetup } from './use-session.ts';

/**
 * 第一次使用: the phone (or user name) the worker wrote down, the 6-digit 激活码 they handed over
 * and a new password, twice; the account is then set up and signed in (POST /api/auth/setup).
 */
export function SetupForm({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const setup = useAccountSetup();
  const fields = useFields({
    login: required,
    code: sixDigits,
    password: (value) => (value === '' ? 'login.required' : value.length < 8 ? 'login.newPasswordHint' : null),
    again: (value, values) =>
      value === '' ? 'login.required' : value !== values.password ? 'login.passwordsDiffer' : null,
  });
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
    <form
      name="setup"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const values = fields.validate();
        if (values)
          setup.mutate(
            { login: values.login, code: values.code, password: values.password },
            { onSuccess: onSignedIn },
          );
      }}
    >
      {message && <Notice kind="error">{message}</Notice>}
      <LoginNameField {...fields.bind('login')} />
      <Field
        label={t('login.setupCode')}
        autoComplete="one-time-code"
        inputMode="numeric"
        maxLength={6}
        {...fields.bind('code')}
      />
      <Field
        label={t('login.newPassword')}
        type="password"
        autoComplete="new-password"
        hint={t('login.newPasswordHint')}
        {...fields.bind('password')}
      />
      <Field
        label={t('login.newPasswordAgain')}
        type="password"
        autoComplete="new-password"
        {...fields.bind('again')}
      />
      <WideButton primary type="submit" busy={setup.isPending}>
        {t('login.setupSubmit')}
      </WideButton>
    </form>
  );
}
