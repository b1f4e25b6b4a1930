import { useTranslation } from 'react-i18next';

interface Dibao {
  id: string;
  state: string;
  class: string | null;
  monthlyAmountYuan: number | null;
  validUntil: string | null;
  stateSince: string;
}

/** 低保: the current state and terms; every change is a workflow (低保申请, 低保复核) further down the page. */
export function DibaoPanel({ dibao }: { householdId: string; dibao: Dibao | null }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="dibao-title" className="tracking-card">
      <h2 id="dibao-title">🧾 {t('tracking.dibao')}</h2>
      <p data-testid="dibao-state">
        {dibao ? (
          <>
            <strong>{t(`tracking.dibaoStates.${dibao.state}`)}</strong> · {t('tracking.since')} {dibao.stateSince}
            {dibao.class ? ` · ${dibao.class}${t('tracking.dibaoClassSuffix')}` : ''}
            {dibao.monthlyAmountYuan !== null ? ` · ${dibao.monthlyAmountYuan} ${t('tracking.yuanPerMonth')}` : ''}
            {dibao.validUntil ? ` · ${t('tracking.validUntil')} ${dibao.validUntil}` : ''}
          </>
        ) : (
          t('tracking.dibaoNone')
        )}
      </p>
      {/* 低保申请, 审批 and 复核 are steps of a workflow (帮扶流程), taken in its section of this page. */}
      <p>
        <a href="#workflows">{t('tracking.dibaoThroughWorkflow')}</a>
      </p>
    </section>
  );
}
