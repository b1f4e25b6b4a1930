import { Spin } from 'antd';
import { Suspense } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { HealthStatus } from '../features/health/health-status.tsx';
import { ForbiddenPage, LoginPage, NotFoundPage } from './lazy-pages.tsx';
import { HomePage } from './pages/home-page.tsx';
import { OfflinePage } from './pages/offline-page.tsx';
import { appRoutes } from './routes.tsx';
import { RoleGate, Shell } from './shell.tsx';

// The home page is in the first load, not a chunk of its own: every signed-in phone opens it first,
// and as a chunk it was asked for only once the entry had loaded and run (≈ 0.6–1 s more on the
// throttled phone, issue 19). Most of what it brings (antd Typography and Alert) the login page
// needs as well; what only it needs is ≈ 14 KB brotli.

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
