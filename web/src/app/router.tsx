import { Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { HealthStatus } from '../features/health/health-status.tsx';
import { ForbiddenPage, LoginPage, NotFoundPage } from './lazy-pages.tsx';
import { OfflinePage } from './pages/offline-page.tsx';
import { appRoutes } from './routes.tsx';
import { RoleGate, Shell } from './shell.tsx';

// The home page loads after the shell (its recommendations pull in the matching feature). Opening
// the portal at / with signal, its chunk is fetched at once, alongside the session check, rather than
// after the shell has rendered (a waterfall of seconds on a slow phone, issue 19).
const homePage = () => import('./pages/home-page.tsx');
if (location.pathname === '/' && navigator.onLine) homePage().catch(() => undefined);
const HomePage = lazy(() => homePage().then((m) => ({ default: m.HomePage })));

/** The router over the page list in routes.tsx: login, the shell with every page, 403 and 404. */
export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <Suspense fallback={<Spin fullscreen />}>
        <LoginPage status={<HealthStatus />} />
      </Suspense>
    ),
  },
  { path: '/offline', element: <OfflinePage /> },
  {
    path: '/',
    element: <Shell />,
    children: [
      { index: true, element: <HomePage /> },
      ...appRoutes.map((route) => ({
        path: route.path,
        element: <RoleGate roles={route.roles}>{route.element}</RoleGate>,
      })),
      { path: '403', element: <ForbiddenPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
