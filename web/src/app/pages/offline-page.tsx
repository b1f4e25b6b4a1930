import { type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../shared/language-switch.tsx';
import { OfflineToday } from '../signed-in-lazy.tsx';

/**
 * /offline: where the shell sends a cold open when the session cannot be checked (no signal).
 * Only 今日走访, opened with the offline PIN. This frame is in the main bundle; the page itself
 * comes from the signed-in chunk, which the service worker keeps (web/public/sw.js).
 */
export function OfflinePage({ fallback }: { fallback: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <header className="top-bar">
        <a href="/" className="brand">
          {t('appName')}
        </a>
        <LanguageSwitch className="top-button" />
      </header>
      <main id="main" className="page">
        <Suspense fallback={fallback}>
          <OfflineToday />
        </Suspense>
        <p>
          <a href="/">{t('shell.backOnline')}</a>
        </p>
      </main>
    </>
  );
}
