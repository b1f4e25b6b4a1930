import { BankOutlined, CarOutlined, ClockCircleOutlined, EnvironmentOutlined, HomeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SearchHit, SearchKind } from '../api/search.ts';
import { Highlight } from './highlight.tsx';

function payText(hit: SearchHit, t: (key: string) => string): string {
  if (hit.payMin == null) return t('opportunities.pay.negotiable');
  const range = hit.payMax && hit.payMax !== hit.payMin ? `${hit.payMin}–${hit.payMax}` : String(hit.payMin);
  return `${range} ${t(`opportunities.pay.${hit.payUnit ?? hit.incomeUnit ?? 'month'}`)}`;
}

/** One job, course or project as a resident reads it: what, who, pay, how far, what helps. */
export function ResultCard({ kind, hit }: { kind: SearchKind; hit: SearchHit }) {
  const { t } = useTranslation();
  return (
    <li className="result-card" data-testid="result-card">
      <h2 className="result-title-line">
        {kind === 'jobs' ? (
          <Link to={`/jobs/${hit.id}`} data-testid="job-link">
            <Highlight text={hit._formatted?.title} fallback={hit.title} />
          </Link>
        ) : (
          <Highlight text={hit._formatted?.title} fallback={hit.title} />
        )}
      </h2>
      <p>
        <BankOutlined aria-hidden="true" />{' '}
        <Highlight text={hit._formatted?.employerName} fallback={hit.employerName} />
      </p>
      {kind !== 'trainings' && <p className="pay">💰 {payText(hit, t)}</p>}
      {kind === 'trainings' && (
        <p className="pay">
          💰 {hit.cost ? t('opportunities.search.cost', { cost: hit.cost }) : t('opportunities.search.free')}
        </p>
      )}
      <p className="result-facts">
        {hit.distanceKm !== null && (
          <span>
            <EnvironmentOutlined aria-hidden="true" /> {t('opportunities.distance', { km: hit.distanceKm })}
          </span>
        )}
        {kind === 'jobs' && hit.kind && <span>{t(`opportunities.employmentType.${hit.kind}`)}</span>}
        {kind === 'projects' && hit.kind && <span>{t(`opportunities.projectKind.${hit.kind}`)}</span>}
        {hit.accommodation && (
          <span>
            <HomeOutlined aria-hidden="true" /> {t('opportunities.search.accommodation')}
          </span>
        )}
        {(hit.shuttleSiteIds?.length ?? 0) > 0 && (
          <span>
            <CarOutlined aria-hidden="true" /> {t('opportunities.search.shuttleShort')}
          </span>
        )}
        {hit.subsidyEligible && <span>🎓 {t('opportunities.search.subsidy')}</span>}
        {hit.childcare && <span>👶 {t('opportunities.search.childcare')}</span>}
        {hit.seats !== undefined && <span>{t('opportunities.search.seats', { seats: hit.seats })}</span>}
        {hit.participationModes?.map((mode) => (
          <span key={mode}>{t(`opportunities.participation.${mode}`)}</span>
        ))}
        {hit.deadline && (
          <span>
            <ClockCircleOutlined aria-hidden="true" /> {t('opportunities.search.deadline', { date: hit.deadline })}
          </span>
        )}
      </p>
      {hit.certificate && <p>{t('opportunities.search.certificate', { name: hit.certificate })}</p>}
      {hit._formatted?.description && (
        <p className="result-snippet">
          <Highlight text={hit._formatted.description} fallback="" />
        </p>
      )}
    </li>
  );
}
