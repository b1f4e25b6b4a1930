import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { IncomeChart } from './income-chart.tsx';
import { useTimeline } from './use-tracking.ts';
import './tracking.css';

interface Entry {
  key: string;
  date: string;
  icon: string;
  text: string;
}

/** 家庭时间线: one chart (income against the line) and one list of everything that happened. */
export function HouseholdTimelinePage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const timeline = useTimeline(id);
  if (timeline.isPending) return <p>{t('tracking.loading')}</p>;
  if (!timeline.data) return <p>{t('tracking.failed')}</p>;
  const data = timeline.data;
  const english = i18n.language === 'en';
  const entries: Entry[] = [
    ...data.visits.map(
      (v: { id: string; visitedOn: string; kind: string; findings: string | null; measures: string[] }) => ({
        key: `visit-${v.id}`,
        date: v.visitedOn,
        icon: '🚶',
        text: `${t(`tracking.kinds.${v.kind}`)} ${v.findings ?? ''} ${v.measures.map((m) => t(`tracking.measureNames.${m}`)).join('、')}`,
      }),
    ),
    ...data.dibaoEvents.map((e: { onDate: string; toState: string; reason: string | null }, index: number) => ({
      key: `dibao-${index}`,
      date: e.onDate,
      icon: '🧾',
      text: `低保 ${e.toState}${e.reason ? ` · ${e.reason}` : ''}`,
    })),
    ...data.assessments.map((a: { id: string; assessedOn: string; total: number }) => ({
      key: `assessment-${a.id}`,
      date: a.assessedOn,
      icon: '🤝',
      text: `社区融入 ${a.total}/25`,
    })),
    ...data.alerts.map(
      (a: {
        id: string;
        openedAt: string;
        ruleId: string;
        state: string;
        explanationZh: string;
        explanationEn: string;
      }) => ({
        key: `alert-${a.id}`,
        date: a.openedAt.slice(0, 10),
        icon: a.state === 'resolved' ? '✅' : '⚠️',
        text: english ? a.explanationEn : a.explanationZh,
      }),
    ),
  ].sort((a, b) => b.date.localeCompare(a.date));
  const perCapita = data.perCapita;
  return (
    <section aria-labelledby="timeline-title">
      <h1 id="timeline-title">
        🏠 {t('tracking.timeline')} · {data.household.householdNumber}
      </h1>
      <p data-testid="per-capita">
        {t('tracking.perCapita')}: <strong>{perCapita?.perCapitaNetIncome ?? '—'}</strong> {t('tracking.yuan')}
        {perCapita?.annualised ? t('tracking.estimated', { months: perCapita.monthsWithData }) : ''} ·{' '}
        {t('tracking.line')} {perCapita?.line ?? '—'}
      </p>
      <IncomeChart months={data.months} />
      <Link className="button tracking-primary" to={`/tracking/households/${id}/visit`}>
        ✍️ {t('tracking.recordVisit')}
      </Link>
      <h2>{t('tracking.events')}</h2>
      <ul className="tracking-list">
        {entries.map((entry) => (
          <li key={entry.key} className="tracking-card">
            <span aria-hidden="true">{entry.icon}</span> {entry.date} · {entry.text}
          </li>
        ))}
      </ul>
    </section>
  );
}
