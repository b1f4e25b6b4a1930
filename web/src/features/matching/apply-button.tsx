import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type OpportunityKind, useApply } from './api.ts';
import { problemText } from './problem-text.ts';

/** Apply in two taps: 申请 → 确认申请. Already applied shows as such, with no button. */
export function ApplyButton({
  personId,
  kind,
  opportunityId,
  title,
  applied,
}: {
  personId: string;
  kind: OpportunityKind;
  opportunityId: string;
  title: string;
  applied: boolean;
}) {
  const { t } = useTranslation();
  const apply = useApply();
  const [confirming, setConfirming] = useState(false);
  if (applied || apply.isSuccess) {
    return (
      <p className="applied" role="status">
        {t('matching.applied')}
      </p>
    );
  }
  if (!confirming) {
    return (
      <button type="button" className="big-button primary" onClick={() => setConfirming(true)}>
        ✋ {t(`matching.apply.${kind}`)}
      </button>
    );
  }
  return (
    <div className="confirm-box">
      <p>{t('matching.confirmQuestion', { action: t(`matching.apply.${kind}`), title })}</p>
      <div className="button-row">
        <button
          type="button"
          className="big-button primary"
          disabled={apply.isPending}
          onClick={() => apply.mutate({ kind, opportunityId, personId })}
        >
          ✅ {t(`matching.confirm.${kind}`)}
        </button>
        <button type="button" className="big-button" onClick={() => setConfirming(false)}>
          {t('matching.cancel')}
        </button>
      </div>
      {apply.isError && <p role="alert">{problemText(t, apply.error)}</p>}
    </div>
  );
}
