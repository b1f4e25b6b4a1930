import { TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../auth/use-me.ts';
import type { OpportunityKind } from './api.ts';

/**
 * From a posting in the provider's list to the people who applied to it (候选人, 报名学员,
 * 参与人员). Only the posting's own employer account moves them, so nobody else sees the link.
 */
export function ApplicantsLink({ kind, postingId }: { kind: OpportunityKind; postingId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  if (me.data?.role !== 'employer') return null;
  return (
    <Link to={`/candidates?kind=${kind}&posting=${postingId}`} data-testid="applicants-link">
      <TeamOutlined aria-hidden="true" />
      &nbsp;{t(`matching.applicantsTitle.${kind}`)}
    </Link>
  );
}
