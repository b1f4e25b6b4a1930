import type { PostingStatus } from '@anju/domain/enums';
import { useTranslation } from 'react-i18next';

/** 状态: the steps a posting goes through, draft → open → filled or closed, the current one marked. */
export function StatusSteps({ status }: { status: PostingStatus }) {
  const { t } = useTranslation();
  const last: PostingStatus = status === 'filled' ? 'filled' : 'closed';
  const steps: PostingStatus[] = ['draft', 'open', last];
  const reached = steps.indexOf(status);
  return (
    <ol className="status-steps" aria-label={t('opportunities.postings.steps')} data-testid="status-steps">
      {steps.map((step, index) => (
        <li
          key={step}
          className={index < reached ? 'done' : index === reached ? 'current' : undefined}
          aria-current={index === reached ? 'step' : undefined}
        >
          {t(`opportunities.status.${step}`)}
        </li>
      ))}
    </ol>
  );
}
