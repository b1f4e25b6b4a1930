import { AppstoreOutlined, HomeOutlined, LogoutOutlined } from '@ant-design/icons';
import { Button, Spin } from 'antd';
import { type KeyboardEvent, type ReactNode, Suspense, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { isNoSignal, type Role, useMe } from '../features/auth/use-me.ts';
import { useLogout } from '../features/auth/use-session.ts';
import { NotificationBell } from '../features/notifications/bell.tsx';
import { wipeOfflineStore } from '../features/offline/store.ts';
import { LanguageSwitch } from '../shared/language-switch.tsx';
import { ForbiddenPage } from './lazy-pages.tsx';
import { navFor, tabsFor } from './routes.tsx';

/** The frame of every signed-in page: top bar, the role's menu, the page. */
export function Shell() {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const phone = useIsPhone();
  // No signal to check the session (the query waits for the network, fetch failed, or no answer
  // came): a cold open in a village goes to the phone's kept 今日走访 (features/offline), opened with the PIN.
  if ((me.isPending && me.fetchStatus === 'paused') || isNoSignal(me.error)) return <Navigate to="/offline" replace />;
  if (me.isPending) return <Spin fullscreen description={t('common.loading')} />;
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  const { name, role } = me.data;
  return (
    <>
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="top-bar">
        <NavLink to="/" className="brand">
          {t('appName')}
        </NavLink>
        <span className="who" data-testid="who">
          {t('shell.signedInAs', { name, role: t(`roles.${role}`) })}
        </span>
        <NotificationBell />
        <LanguageSwitch className="top-button" />
        <Button
          icon={<LogoutOutlined />}
          className="top-button"
          onClick={() => {
            // The phone's offline copy (features/offline) goes with the session.
            void wipeOfflineStore();
            logout.mutate(undefined, {
              onSuccess: () => {
                // Again once signed out: a pack download still in flight may have written after the first wipe.
                void wipeOfflineStore();
                navigate('/login', { replace: true });
              },
            });
          }}
        >
          {t('shell.logout')}
        </Button>
      </header>
      {phone ? <PhoneNav role={role} /> : <WideNav role={role} />}
      <main id="main" className={phone ? 'page above-tab-bar' : 'page'}>
        <Suspense fallback={<Spin description={t('common.loading')} />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}

/** Phones get the bottom tab bar; wider screens the row of menu buttons. */
const PHONE_QUERY = '(max-width: 719.98px)';
const subscribePhone = (onChange: () => void) => {
  const query = window.matchMedia(PHONE_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
};
const useIsPhone = () => useSyncExternalStore(subscribePhone, () => window.matchMedia(PHONE_QUERY).matches);

function WideNav({ role }: { role: Role }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('nav.label')} className="main-nav" data-testid="main-nav">
      <NavLink to="/" end>
        {t('nav.home')}
      </NavLink>
      {navFor(role).map((item) => (
        <NavLink key={item.path} to={item.path}>
          <span aria-hidden="true">{item.icon}</span> {t(item.label)}
        </NavLink>
      ))}
    </nav>
  );
}

/**
 * The phone's menu (issue 19): a bottom tab bar with 首页 and the role's three main pages, and
 * 「更多」, a disclosure button opening a sheet above the bar with the rest of the menu. Escape
 * closes the sheet and gives focus back to 「更多」; choosing a page closes it.
 */
function PhoneNav({ role }: { role: Role }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { tabs, more } = tabsFor(role);
  const [open, setOpen] = useState(false);
  const moreButton = useRef<HTMLButtonElement>(null);
  // Choosing a page closes the sheet at once (the page itself may still be loading).
  const close = () => setOpen(false);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open) return;
    setOpen(false);
    moreButton.current?.focus();
  };
  const moreActive = more.some((item) => pathname === item.path || pathname.startsWith(`${item.path}/`));
  return (
    <nav aria-label={t('nav.label')} className="tab-bar" data-testid="main-nav" onKeyDown={onKeyDown}>
      <NavLink to="/" end className="tab" onClick={close}>
        <HomeOutlined className="tab-icon" aria-hidden="true" />
        {t('nav.home')}
      </NavLink>
      {tabs.map((item) => (
        <NavLink key={item.path} to={item.path} className="tab" onClick={close}>
          <span className="tab-icon" aria-hidden="true">
            {item.icon}
          </span>
          {t(item.label)}
        </NavLink>
      ))}
      {more.length > 0 && (
        <>
          <button
            ref={moreButton}
            type="button"
            className={moreActive ? 'tab active' : 'tab'}
            aria-expanded={open}
            aria-controls="more-sheet"
            data-testid="nav-more"
            onClick={() => setOpen((value) => !value)}
          >
            <AppstoreOutlined className="tab-icon" aria-hidden="true" />
            {t('shell.more')}
          </button>
          <ul id="more-sheet" className="more-sheet" hidden={!open}>
            {more.map((item) => (
              <li key={item.path}>
                <NavLink to={item.path} onClick={close}>
                  <span aria-hidden="true">{item.icon}</span> {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </>
      )}
    </nav>
  );
}

/** Shows the page only to the given roles; everyone else sees the 403 page at the same address. */
export function RoleGate({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const me = useMe();
  if (!me.data || !roles.includes(me.data.role)) return <ForbiddenPage />;
  return <>{children}</>;
}
