import { Spin } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../shared/language-switch.tsx';
import { TodayPage } from '../routes.tsx';

/**
 * /offline: where the shell sends a cold open when the session cannot be checked (no signal).
 * Only 今日走访, opened with the offline PIN; in the main bundle (not a lazy page) so the
 * service worker's cached entry script is enough to show it.
 */
export function OfflinePage() {
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
        <Suspense fallback={<Spin description={t('common.loading')} />}>
          <TodayPage />
        </Suspense>
        <p>
          <a href="/">{t('shell.backOnline')}</a>
        </p>
      </main>
    </>
  );
}
