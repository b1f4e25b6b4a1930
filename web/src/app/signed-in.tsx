/**
 * The signed-in part of the portal, one lazy chunk (router.tsx): antd with its theme and stylesheet,
 * the shell, the home page and the page list. A visitor without a session (the login page) loads
 * none of it; with a session cookie the API announces this chunk with index.html (`Link:
 * rel=modulepreload`, api/src/web/static.ts), so a signed-in phone fetches it together with the entry.
 */
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router-dom';
// antd's styles of the components we use, made at build time (web/antd-styles.tsx; zeroRuntime in
// theme.ts), then the signed-in pages' own, so ours win on equal specificity.
import 'virtual:antd.css';
import './styles.css';
import { ForbiddenPage, NotFoundPage } from './lazy-pages.tsx';
import { HomePage } from './pages/home-page.tsx';
import { appRoutes, TodayPage } from './routes.tsx';
import { RoleGate, Shell } from './shell.tsx';
import { portalTheme } from './theme.ts';

/** antd's theme, locale and App context around the pages that use antd. */
function AntdFrame({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={portalTheme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/** Every address but /login and /offline: the shell with the home page, every page, 403 and 404. */
export function SignedInApp() {
  return (
    <AntdFrame>
      <Routes>
        <Route element={<Shell />}>
          <Route index element={<HomePage />} />
          {appRoutes.map((route) => (
            <Route
              key={route.path}
              path={route.path}
              element={<RoleGate roles={route.roles}>{route.element}</RoleGate>}
            />
          ))}
          <Route path="403" element={<ForbiddenPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </AntdFrame>
  );
}

/** 今日走访 for /offline (pages/offline-page.tsx): the same page, in the same antd frame. */
export function OfflineToday() {
  return (
    <AntdFrame>
      <TodayPage />
    </AntdFrame>
  );
}
