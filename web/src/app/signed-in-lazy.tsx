import { lazy } from 'react';

// The signed-in part (signed-in.tsx: antd, the shell, the home page and the page list) as one lazy
// chunk, apart from lazy-pages.tsx, which that part imports itself. Not fetched ahead here: signed
// in, the API's Link header has it on its way with the entry already; signed out, it is never needed.
const signedIn = () => import('./signed-in.tsx');
export const SignedInApp = lazy(() => signedIn().then((m) => ({ default: m.SignedInApp })));
export const OfflineToday = lazy(() => signedIn().then((m) => ({ default: m.OfflineToday })));
