import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useSite, useSiteQuality } from './api.ts';
import './registry.css';
import { QueryError } from '../../shared/query-error.tsx';

/** 安置点详情 with its data-quality report: mount at /registry/sites/:siteId */
export function SitePage() {
  const { t } = useTranslation();
  const { siteId = '' } = useParams();
  const site = useSite(siteId);
  const quality = useSiteQuality(siteId);
  if (site.isPending) return <p>{t('registry.loading')}</p>;
  if (site.isError) return <QueryError query={site} />;
  const s = site.data;
  return (
    <section>
      <h1>🏘️ {s.name}</h1>
      <div className="registry-card">
        <p>
          {t('registry.code')}: {s.code}
        </p>
        {s.kind && (
          <p>
            {t(`registry.kind.${s.kind}`)} · {s.setting ? t(`registry.setting.${s.setting}`) : ''}
          </p>
        )}
        {s.address && <p>📍 {s.address}</p>}
        <p>
          {t('registry.capacity')}: {s.capacityHouseholds ?? '—'}
        </p>
        <p>
          {t('registry.facilities')}: {s.facilities.map((f) => t(`registry.facility.${f}`)).join('、') || '—'}
        </p>
        <p>
          <Link to={`/registry/households?siteId=${s.id}`}>
            👪 {t('registry.householdCount')} {s.householdCount}
          </Link>{' '}
          · {t('registry.personCount')} {s.personCount}
        </p>
      </div>
      <h2>{t('registry.dataQuality')}</h2>
      <QueryError query={quality} />
      {quality.data && (
        <ul className="registry-list">
          {quality.data.checks.map((check) => (
            <li key={check.code} className="registry-card">
              {check.count > 0 ? '⚠️' : '✅'} {t(`registry.quality.${check.code}`)}: <strong>{check.count}</strong>
              {check.code === 'labor_capacity_unknown' && check.count > 0 && (
                <>
                  {' '}
                  <Link to={`/registry/households?siteId=${s.id}&laborCapacity=unknown`}>
                    {t('registry.quality.showHouseholds')}
                  </Link>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
