import { useTranslation } from 'react-i18next';
import { HealthStatus } from '../features/health/health-status.tsx';
import { switchLanguage } from '../i18n/i18n.ts';

export function App() {
  const { t } = useTranslation();
  return (
    <>
      <header className="top-bar">
        <h1>
          {t('appName')} <small>{t('appTagline')}</small>
        </h1>
        <button type="button" className="lang-switch" onClick={switchLanguage}>
          {t('language.switchTo')}
        </button>
      </header>
      <main className="page">
        <HealthStatus />
      </main>
    </>
  );
}
