import { TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../auth/use-me.ts';
import type { OpportunityKind } from './api.ts';
import './matching.css';

/**
 * From a posting in the provider's list to the people who applied to it (候选人, 报名学员,
 * 参与人员), saying how many there are and how many are new when the list knows. Only the
 * posting's own employer account moves them, so nobody else sees the link.
 */
export function ApplicantsLink({
  kind,
  postingId,
  count,
  fresh,
}: {
  kind: OpportunityKind;
  postingId: string;
  count?: number | null;
  fresh?: number | null;
}) {
  const { t } = useTranslation();
  const me = useMe();
  if (me.data?.role !== 'employer') return null;
  return (
    <Link to={`/candidates?kind=${kind}&posting=${postingId}`} data-testid="applicants-link">
      <TeamOutlined aria-hidden="true" />
      &nbsp;{t(`matching.applicantsTitle.${kind}`)}
      {typeof count === 'number' && (
        <span data-testid="applicants-count">&nbsp;· {t('matching.applicantsCount', { count })}</span>
      )}
      {typeof fresh === 'number' && fresh > 0 && (
        <strong className="state-badge" data-testid="applicants-new">
          {t('matching.applicantsNew', { count: fresh })}
        </strong>
      )}
    </Link>
  );
}
