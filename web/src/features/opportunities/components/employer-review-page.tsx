import { reviewStatuses } from '@anju/domain/enums';
import { CheckOutlined, CloseCircleOutlined, SafetyCertificateOutlined, StopOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Employer, useEmployers, useRejectEmployer, useVerifyEmployer } from '../api/employers.ts';
import { fieldProblems } from '../problems.ts';
import '../opportunities.css';
import { QueryError } from '../../../shared/query-error.tsx';

type Tab = Employer['reviewStatus'];

/** 单位认证: an admin verifies employers (their open postings go live), withdraws it, or rejects with a reason. */
export function EmployerReviewPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('pending');
  const employers = useEmployers({ reviewStatus: tab, page: 1 });
  const verify = useVerifyEmployer();
  const reject = useRejectEmployer();
  return (
    <section className="opps-page" aria-labelledby="review-title">
      <h1 id="review-title">
        <SafetyCertificateOutlined aria-hidden="true" /> {t('opportunities.review.title')}
      </h1>
      <QueryError query={employers} />
      <fieldset className="chips" aria-label={t('opportunities.review.title')}>
        {reviewStatuses.map((name) => (
          <button key={name} type="button" className="chip" aria-pressed={tab === name} onClick={() => setTab(name)}>
            {t(`opportunities.review.tabs.${name}`)}
          </button>
        ))}
      </fieldset>
      {verify.isSuccess && (
        <p role="status">
          {verify.data.verified
            ? t('opportunities.review.done', { name: verify.data.name })
            : t('opportunities.review.withdrawn', { name: verify.data.name })}
        </p>
      )}
      {reject.isSuccess && <p role="status">{t('opportunities.review.rejected', { name: reject.data.name })}</p>}
      {employers.data?.items.length === 0 && <p>{t(`opportunities.review.noneOf.${tab}`)}</p>}
      <ul className="result-list" data-testid="employer-list">
        {employers.data?.items.map((employer: Employer) => (
          <li key={employer.id} className="result-card" data-testid="employer">
            <h2 className="result-title-line">{employer.name}</h2>
            <p>
              {t(`opportunities.employer.kinds.${employer.kind}`)} ·{' '}
              {employer.creditCode ?? t('opportunities.review.noCode')}
            </p>
            <p>{[employer.contactName, employer.contactPhone, employer.address].filter(Boolean).join(' · ')}</p>
            {employer.reviewStatus === 'rejected' && (
              <p className="opps-warn">
                {t('opportunities.review.reasonWas')} {employer.rejectionReason}
              </p>
            )}
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
            {employer.reviewStatus !== 'rejected' && <RejectBox employer={employer} reject={reject} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** 驳回: opens a reason box; the reason is required and the employer reads it as written. */
function RejectBox({ employer, reject }: { employer: Employer; reject: ReturnType<typeof useRejectEmployer> }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const mine = reject.variables?.id === employer.id;
  const problem = mine ? fieldProblems(reject.error, t).reason : undefined;
  const id = `reject-reason-${employer.id}`;
  if (!open) {
    return (
      <div className="opps-actions">
        <button
          type="button"
          aria-label={`${t('opportunities.review.reject')}：${employer.name}`}
          onClick={() => setOpen(true)}
        >
          <CloseCircleOutlined aria-hidden="true" />
          &nbsp;{t('opportunities.review.reject')}
        </button>
      </div>
    );
  }
  return (
    <form
      className="stack-form"
      aria-label={`${t('opportunities.review.reject')}：${employer.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        reject.mutate({ id: employer.id, reason });
      }}
    >
      <label htmlFor={id}>{t('opportunities.review.reason')}</label>
      <textarea
        id={id}
        rows={3}
        maxLength={500}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        aria-describedby={`${id}-help`}
        aria-invalid={Boolean(problem)}
      />
      <small id={`${id}-help`}>{t('opportunities.review.reasonHelp')}</small>
      {problem && (
        <span className="field-error" role="alert">
          {problem}
        </span>
      )}
      <div className="opps-actions">
        <button type="submit" className="primary" disabled={reject.isPending}>
          {t('opportunities.review.confirmReject')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
