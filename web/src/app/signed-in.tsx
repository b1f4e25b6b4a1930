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
// antd's prebuilt styles (zeroRuntime below), then the signed-in pages' own, so ours win on equal specificity.
import 'antd/dist/antd.css';
import './styles.css';
import { ForbiddenPage, NotFoundPage } from './lazy-pages.tsx';
import { HomePage } from './pages/home-page.tsx';
import { appRoutes, TodayPage } from './routes.tsx';
import { RoleGate, Shell } from './shell.tsx';

// Large controls everywhere: many residents are elderly and use cheap phones.
// zeroRuntime: antd's styles come prebuilt from antd/dist/antd.css (imported above) instead of
// being generated in the browser: its CSS-in-JS cost ≈ 1.9 s of main thread before the login form on
// a CPU ×4 phone (bench/results/portal-phone.md). The tokens below still apply: antd writes them as
// CSS variables (--ant-color-primary …), which the prebuilt stylesheet reads.
// The key names the class that carries those variables: antd.css ships defaults under the key its
// own build happened to get (`css-var-_R_0_`), which React's useId could give us too.
const theme = {
  zeroRuntime: true,
  cssVar: { key: 'css-var-anju' },
  token: {
    colorPrimary: '#b4441e',
    // Hover and pressed states darken instead of antd's lighter shade, which falls under 4.5:1 as
    // text on white (a hovered default button read #c26540, 4.0:1).
    colorPrimaryHover: '#993a19',
    colorPrimaryActive: '#8a3213',
    colorLink: '#8a3213',
    colorLinkHover: '#b4441e',
    // antd's default greys are too faint for old eyes and cheap screens (WCAG AA 4.5:1).
    colorTextDescription: '#57606a',
    colorTextTertiary: '#57606a',
    colorTextPlaceholder: '#6e7781',
    colorError: '#cf222e',
    colorErrorHover: '#a40e26',
    colorErrorActive: '#8b0b20',
    colorSuccess: '#1a7f37',
    fontSize: 16,
    controlHeight: 44,
    controlHeightLG: 48,
    borderRadius: 8,
  },
};

/** antd's theme, locale and App context around the pages that use antd. */
function AntdFrame({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={theme}>
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
