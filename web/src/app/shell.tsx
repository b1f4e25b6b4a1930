import { LogoutOutlined } from '@ant-design/icons';
import { Button, Spin } from 'antd';
import { type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { type Role, useMe } from '../features/auth/use-me.ts';
import { useLogout } from '../features/auth/use-session.ts';
import { ForbiddenPage } from '../features/errors/error-page.tsx';
import { NotificationBell } from '../features/notifications/bell.tsx';
import { wipeOfflineStore } from '../features/offline/store.ts';
import { LanguageSwitch } from '../shared/language-switch.tsx';
import { navFor } from './routes.tsx';

/** The frame of every signed-in page: top bar, the role's menu, the page. */
export function Shell() {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
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
      <main id="main" className="page">
        <Suspense fallback={<Spin description={t('common.loading')} />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}

/** Shows the page only to the given roles; everyone else sees the 403 page at the same address. */
export function RoleGate({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const me = useMe();
  if (!me.data || !roles.includes(me.data.role)) return <ForbiddenPage />;
  return <>{children}</>;
}
