import { lazy } from 'react';

// Pages that a first screen may not need, out of the first load (issue 19): the login form (its own
// chunk, no antd) and the error pages (antd Result with its pictures); the signed-in part is in
// signed-in-lazy.tsx. Opening the portal at /login, its chunk is fetched at once rather than after
// the router has rendered.
const loginPage = () => import('../features/auth/login-page.tsx');
if (location.pathname === '/login') loginPage().catch(() => undefined);
export const LoginPage = lazy(() => loginPage().then((m) => ({ default: m.LoginPage })));

const errorPages = () => import('../features/errors/error-page.tsx');
export const ForbiddenPage = lazy(() => errorPages().then((m) => ({ default: m.ForbiddenPage })));
export const NotFoundPage = lazy(() => errorPages().then((m) => ({ default: m.NotFoundPage })));
