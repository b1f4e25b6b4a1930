import { CheckOutlined, SafetyCertificateOutlined, StopOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Employer, useEmployers, useVerifyEmployer } from '../api/employers.ts';
import '../opportunities.css';

/** 单位认证: an admin verifies employers, so their open postings go live; or withdraws it. */
export function EmployerReviewPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<'false' | 'true'>('false');
  const employers = useEmployers({ verified: tab, page: 1 });
  const verify = useVerifyEmployer();
  return (
    <section className="opps-page" aria-labelledby="review-title">
      <h1 id="review-title">
        <SafetyCertificateOutlined aria-hidden="true" /> {t('opportunities.review.title')}
      </h1>
      <fieldset className="chips" aria-label={t('opportunities.review.title')}>
        <button type="button" className="chip" aria-pressed={tab === 'false'} onClick={() => setTab('false')}>
          {t('opportunities.review.waiting')}
        </button>
        <button type="button" className="chip" aria-pressed={tab === 'true'} onClick={() => setTab('true')}>
          {t('opportunities.review.verifiedList')}
        </button>
      </fieldset>
      {verify.isSuccess && (
        <p role="status">
          {verify.data.verified
            ? t('opportunities.review.done', { name: verify.data.name })
            : t('opportunities.review.withdrawn', { name: verify.data.name })}
        </p>
      )}
      {employers.data?.items.length === 0 && <p>{t('opportunities.review.none')}</p>}
      <ul className="result-list" data-testid="employer-list">
        {employers.data?.items.map((employer: Employer) => (
          <li key={employer.id} className="result-card" data-testid="employer">
            <h2 className="result-title-line">{employer.name}</h2>
            <p>
              {t(`opportunities.employer.kinds.${employer.kind}`)} ·{' '}
              {employer.creditCode ?? t('opportunities.review.noCode')}
            </p>
            <p>{[employer.contactName, employer.contactPhone, employer.address].filter(Boolean).join(' · ')}</p>
            <div className="opps-actions">
              {employer.verified ? (
                <button
                  type="button"
                  disabled={verify.isPending}
                  onClick={() => verify.mutate({ id: employer.id, verified: false })}
                >
                  <StopOutlined aria-hidden="true" />
                  &nbsp;{t('opportunities.review.withdraw')}
                </button>
              ) : (
                <button
                  type="button"
                  className="primary"
                  disabled={verify.isPending}
                  aria-label={`${t('opportunities.review.verify')}：${employer.name}`}
                  onClick={() => verify.mutate({ id: employer.id, verified: true })}
                >
                  <CheckOutlined aria-hidden="true" />
                  &nbsp;{t('opportunities.review.verify')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
