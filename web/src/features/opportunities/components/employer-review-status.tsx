import { useTranslation } from 'react-i18next';
import { type Employer, useResubmitEmployer } from '../api/employers.ts';

/**
 * 认证状态 as the employer sees it: verified, waiting, or rejected with the admin's reason and a
 * button to ask again once the profile below is corrected.
 */
export function EmployerReviewStatus({ employer }: { employer: Employer }) {
  const { t } = useTranslation();
  const resubmit = useResubmitEmployer();
  const status = employer.reviewStatus;
  return (
    <>
      <p>
        <strong>{employer.name}</strong> ·{' '}
        <span className={status === 'verified' ? 'opps-ok' : 'opps-warn'} data-testid="employer-verified">
          {t(`opportunities.employer.reviewStatus.${status}`)}
        </span>
      </p>
      {status === 'pending' && (
        <p className="opps-note" role="note">
          {t('opportunities.employer.notVerifiedNotice')}
        </p>
      )}
      {status === 'rejected' && (
        <div className="opps-note" role="note" data-testid="rejection">
          <p>{t('opportunities.employer.rejectedNotice')}</p>
          <p className="rejection-reason" data-testid="rejection-reason">
            {employer.rejectionReason}
          </p>
          <p>{t('opportunities.employer.correctThenResubmit')}</p>
          <div className="opps-actions">
            <button
              type="button"
              className="primary"
              disabled={resubmit.isPending}
              onClick={() => resubmit.mutate(employer.id)}
            >
              {t('opportunities.employer.resubmit')}
            </button>
          </div>
          {resubmit.isError && (
            <p className="field-error" role="alert">
              {resubmit.error.message}
            </p>
          )}
        </div>
      )}
      {resubmit.isSuccess && <p role="status">{t('opportunities.employer.resubmitted')}</p>}
    </>
  );
}
