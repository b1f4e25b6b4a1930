import { onlineManager, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { meQuery } from './features/auth/use-me.ts';
import { languageReady } from './i18n/i18n.ts';
// The styles of the entry's pages (login, offline frame); antd's and the signed-in pages' come with app/signed-in.tsx.
import './app/base.css';

// TanStack Query assumes it starts online and only listens for later online/offline events: a cold
// open without signal tried /api/auth/me, failed, waited its 1 s retry delay and failed again before
// the shell went to /offline. Starting from the browser's own answer, the session query is paused at
// once and the shell goes straight to /offline (issue 22: the offline shell within 1 s).
onlineManager.setOnline(navigator.onLine);

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, staleTime: 10_000 } } });

// Every page first asks who is signed in: ask while React renders its first frame (seconds on a
// slow phone) instead of after it.
void queryClient.prefetchQuery(meQuery);

/** The stylesheets index.html only preloads (vite.config.ts deferStyles): applied, and loaded. */
function portalStyles(): Promise<unknown> {
  const links = [...document.querySelectorAll<HTMLLinkElement>('link[data-portal-styles]')];
  return Promise.all(
    links.map(
      (link) =>
        new Promise((resolve) => {
          link.addEventListener('load', resolve, { once: true });
          link.addEventListener('error', resolve, { once: true });
          link.rel = 'stylesheet';
        }),
    ),
  );
}

const root = document.getElementById('root');
// English, when it is the stored choice, is fetched before the first render (i18n.ts): no frame in the wrong language.
if (root)
  void Promise.all([portalStyles(), languageReady]).then(() =>
    createRoot(root).render(
      <StrictMode>
        <QueryClientProvider client={queryClient}>
          <App />
        </QueryClientProvider>
      </StrictMode>,
    ),
  );

// The service worker (web/public/sw.js) keeps the shell for use without signal; built portals only
// (`vite build`, whose mode is production even when NODE_ENV is not, as under the test runner), never `vite dev`.
if (import.meta.env.MODE === 'production' && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  });
}
