import { useTranslation } from 'react-i18next';
import { useHealth } from './use-health.ts';

export function HealthStatus() {
  const { t } = useTranslation();
  const health = useHealth();
  if (health.isPending) return <p>{t('health.loading')}</p>;
  const parts = [
    { key: 'api', up: health.data?.status === 'ok' },
    { key: 'db', up: health.data?.db === 'ok' },
    { key: 'search', up: health.data?.search === 'ok' },
  ] as const;
  return (
    <section aria-labelledby="health-title" className="card">
      <h2 id="health-title">{t('health.title')}</h2>
      <ul className="status-list">
        {parts.map((part) => (
          <li key={part.key} data-testid={`health-${part.key}`} data-status={part.up ? 'ok' : 'down'}>
            <span aria-hidden="true">{part.up ? '✅' : '❌'}</span> {t(`health.${part.key}`)}:{' '}
            {part.up ? t('health.ok') : t('health.down')}
          </li>
        ))}
      </ul>
    </section>
  );
}
