import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, useLocation } from 'react-router-dom';
import { useMe } from '../features/auth/use-me.ts';
import { HealthStatus } from '../features/health/health-status.tsx';
import { LoginPage } from './lazy-pages.tsx';
import { OfflinePage } from './pages/offline-page.tsx';
import { SignedInApp } from './signed-in-lazy.tsx';

// The entry holds no antd (issue 19): the login page is plain React, and everything signed in
// (antd, the shell, the home page, the pages) is one lazy chunk, announced with index.html when the
// request carries a session cookie (api/src/web/static.ts), so a signed-in phone still fetches it
// with the entry rather than after it has run.

/** While a chunk loads: the words of index.html's boot screen, in plain text. */
function Loading() {
  const { t } = useTranslation();
  return (
    <p className="page-loading" role="status">
      {t('common.loading')}
    </p>
  );
}

/**
 * Signed out (the session check said so): to the login page without fetching the signed-in part.
 * Otherwise that part, whose shell also handles a session check still running or without signal.
 */
function SignedIn() {
  const me = useMe();
  const location = useLocation();
  if (me.data === null) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return (
    <Suspense fallback={<Loading />}>
      <SignedInApp />
    </Suspense>
  );
}

/** The router: login, the offline shell, and the signed-in part (signed-in.tsx) at every other address. */
export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <Suspense fallback={<Loading />}>
        <LoginPage status={<HealthStatus />} />
      </Suspense>
    ),
  },
  { path: '/offline', element: <OfflinePage fallback={<Loading />} /> },
  { path: '*', element: <SignedIn /> },
]);
