import { type KeyboardEvent, type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../../shared/api-error.ts';
import { LanguageSwitch } from '../../shared/language-switch.tsx';
import { CodeLoginForm } from './code-login-form.tsx';
import { Field, LoginNameField, Notice, required, useFields, WideButton } from './form-controls.tsx';
import { SetupForm } from './setup-form.tsx';
import { useMe } from './use-me.ts';
import { useLogin } from './use-session.ts';
import './login.css';

const TABS = [
  { key: 'password', label: 'login.byPassword' },
  { key: 'code', label: 'login.byCode' },
  { key: 'setup', label: 'login.bySetupCode' },
] as const;
type TabKey = (typeof TABS)[number]['key'];

/**
 * The login page in plain React and our own CSS: a signed-out phone loads no antd (issue 19).
 * `status`: the service status panel (the health feature's), composed in web/src/app/router.tsx.
 */
export function LoginPage({ status }: { status: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const [tab, setTab] = useState<TabKey>('password');
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  if (me.data) return <Navigate to={from} replace />;
  const signedIn = () => navigate(from, { replace: true });

  return (
    <main className="login-page">
      <div className="login-card">
        <div className="login-top">
          <LanguageSwitch />
        </div>
        <h1>{t('login.title')}</h1>
        <p>{t('login.intro')}</p>
        <LoginTabs active={tab} onChange={setTab} />
        <div role="tabpanel" id={`login-panel-${tab}`} aria-labelledby={`login-tab-${tab}`} className="login-panel">
          {tab === 'password' && <PasswordForm onSignedIn={signedIn} />}
          {tab === 'code' && <CodeLoginForm onSignedIn={signedIn} />}
          {tab === 'setup' && <SetupForm onSignedIn={signedIn} />}
        </div>
        <p className="login-hint">{t('login.setupHint')}</p>
      </div>
      {status}
    </main>
  );
}

/** 账号登录 / 短信验证码登录 / 第一次使用: a tab list (arrow keys, Home and End move and choose, WAI-ARIA tabs pattern). */
function LoginTabs({ active, onChange }: { active: TabKey; onChange: (tab: TabKey) => void }) {
  const { t } = useTranslation();
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    const at = TABS.findIndex((tab) => tab.key === active);
    const to =
      event.key === 'ArrowRight'
        ? (at + 1) % TABS.length
        : event.key === 'ArrowLeft'
          ? (at + TABS.length - 1) % TABS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? TABS.length - 1
              : -1;
    if (to < 0) return;
    event.preventDefault();
    onChange(TABS[to].key);
    list.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[to]?.focus();
  };
  return (
    <div role="tablist" className="login-tabs" ref={list} onKeyDown={onKeyDown}>
      {TABS.map((tab) => (
        <button
          key={tab.key}
          type="button"
          role="tab"
          id={`login-tab-${tab.key}`}
          aria-selected={tab.key === active}
          aria-controls={`login-panel-${tab.key}`}
          tabIndex={tab.key === active ? 0 : -1}
          onClick={() => onChange(tab.key)}
        >
          {t(tab.label)}
        </button>
      ))}
    </div>
  );
}

function PasswordForm({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const login = useLogin();
  const fields = useFields({ login: required, password: (value) => (value === '' ? 'login.required' : null) });
  const error = login.error instanceof ApiError ? login.error : null;
  const message = !login.error
    ? null
    : error?.status === 429
      ? t('login.tooMany', { seconds: error.retryAfter ?? 60 })
      : error?.status === 401
        ? t('login.wrong')
        : t('common.error');

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const values = fields.validate();
        if (values) login.mutate(values, { onSuccess: onSignedIn });
      }}
    >
      {message && <Notice kind="error">{message}</Notice>}
      <LoginNameField {...fields.bind('login')} />
      <Field label={t('login.password')} type="password" autoComplete="current-password" {...fields.bind('password')} />
      <WideButton primary type="submit" busy={login.isPending}>
        {t('login.submit')}
      </WideButton>
    </form>
  );
}
