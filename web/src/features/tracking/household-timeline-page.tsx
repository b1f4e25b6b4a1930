import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { useMe } from '../auth/use-me.ts';
import { AssessmentForm } from './assessment-form.tsx';
import { DibaoPanel } from './dibao-panel.tsx';
import { IncomeChart, type IncomeMonth } from './income-chart.tsx';
import { useTimeline } from './use-tracking.ts';
import { cameFromAlert, type VisitOrigin } from './visit-origin.ts';
import './tracking.css';
import { QueryError } from '../../shared/query-error.tsx';

interface Entry {
  key: string;
  date: string;
  icon: string;
  text: string;
  kind: string;
}

interface Timeline {
  household: { id: string; householdNumber: string; monitoringCategory: string };
  perCapita: { perCapitaNetIncome: number | null; line: number | null; annualised: boolean; monthsWithData: number };
  months: IncomeMonth[];
  members: {
    id: string;
    name: string;
    relation: string;
    laborCapacity: string;
    employmentStatus: string;
    employmentHistory: { status: string; from: string }[];
  }[];
  dibao: {
    id: string;
    state: string;
    class: string | null;
    monthlyAmountYuan: number | null;
    validUntil: string | null;
    stateSince: string;
  } | null;
  dibaoEvents: { onDate: string; toState: string; reason: string | null }[];
  visits: { id: string; visitedOn: string; kind: string; findings: string | null; measures: string[] }[];
  assessments: { id: string; assessedOn: string; total: number }[];
  alerts: {
    id: string;
    openedAt: string;
    ruleId: string;
    state: string;
    explanationZh: string;
    explanationEn: string;
    measure: string | null;
    closeNote: string | null;
  }[];
  visitDue: { dueOn: string; overdue: boolean; daysOverdue: number } | null;
}

/** 家庭时间线: one chart (income by source against the line) and one list of everything that happened. */
export function HouseholdTimelinePage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const me = useMe();
  const timeline = useTimeline(id);
  if (timeline.isPending) return <p>{t('tracking.loading')}</p>;
  if (!timeline.data) return <QueryError query={timeline} />;
  const data = timeline.data as Timeline;
  const english = i18n.language === 'en';
  const role = me.data?.role;
  const records = role === 'worker' || role === 'admin';
  const entries: Entry[] = [
    ...data.visits.map((v) => ({
      key: `visit-${v.id}`,
      kind: 'visit',
      date: v.visitedOn,
      icon: '🚶',
      text: [
        t(`tracking.kinds.${v.kind}`),
        v.findings,
        v.measures.map((m) => t(`tracking.measureNames.${m}`)).join('、'),
      ]
        .filter(Boolean)
        .join(' · '),
    })),
    ...data.dibaoEvents.map((e, index) => ({
      key: `dibao-${index}`,
      kind: 'dibao',
      date: e.onDate,
      icon: '🧾',
      text: `${t('tracking.dibao')}: ${t(`tracking.dibaoStates.${e.toState}`)}${e.reason ? ` · ${e.reason}` : ''}`,
    })),
    ...data.assessments.map((a) => ({
      key: `assessment-${a.id}`,
      kind: 'assessment',
      date: a.assessedOn,
      icon: '🤝',
      text: t('tracking.integrationScore', { total: a.total }),
    })),
    ...data.members.flatMap((member) =>
      member.employmentHistory.map((entry, index) => ({
        key: `employment-${member.id}-${index}`,
        kind: 'employment',
        date: entry.from,
        icon: '💼',
        text: `${member.name}: ${t(`registry.employment.${entry.status}`)}`,
      })),
    ),
    ...data.alerts.map((a) => ({
      key: `alert-${a.id}`,
      kind: 'alert',
      date: a.openedAt.slice(0, 10),
      icon: a.state === 'resolved' ? '✅' : a.state === 'dismissed' ? '➖' : '⚠️',
      text: `[${t(`tracking.states.${a.state}`)}] ${english ? a.explanationEn : a.explanationZh}${
        a.measure ? ` · ${t(`tracking.measureNames.${a.measure}`)}` : ''
      }${a.closeNote ? ` · ${a.closeNote}` : ''}`,
    })),
  ].sort((a, b) => b.date.localeCompare(a.date));
  const perCapita = data.perCapita;
  const below =
    perCapita.perCapitaNetIncome !== null && perCapita.line !== null && perCapita.perCapitaNetIncome < perCapita.line;
  return (
    <section aria-labelledby="timeline-title" className="tracking-page">
      <h1 id="timeline-title">
        🏠 {t('tracking.timeline')} · {data.household.householdNumber}
      </h1>
      {(location.state as { saved?: boolean } | null)?.saved ? <p role="status">{t('tracking.saved')}</p> : null}
      <p data-testid="per-capita" className={below ? 'tracking-below' : undefined}>
        {t('tracking.perCapita')}: <strong>{perCapita.perCapitaNetIncome ?? '—'}</strong> {t('tracking.yuan')}
        {perCapita.annualised ? t('tracking.estimated', { months: perCapita.monthsWithData }) : ''} ·{' '}
        {t('tracking.line')} {perCapita.line ?? '—'}
        {below ? ` · ${t('tracking.belowLineShort')}` : ''}
      </p>
      {data.visitDue ? (
        <p>
          🚶 {t('tracking.nextVisitDue')}: {data.visitDue.dueOn}{' '}
          {data.visitDue.overdue ? (
            <span className="tracking-badge">{t('tracking.daysOverdue', { days: data.visitDue.daysOverdue })}</span>
          ) : null}
        </p>
      ) : null}
      {role === 'worker' ? (
        <Link
          className="button tracking-primary tracking-big"
          to={`/tracking/households/${id}/visit`}
          state={{ fromAlert: cameFromAlert(location.state) } satisfies VisitOrigin}
        >
          ✍️ {t('tracking.recordVisit')}
        </Link>
      ) : null}
      <IncomeChart months={data.months} />
      <h2>👪 {t('tracking.members')}</h2>
      <ul className="tracking-list" data-testid="members">
        {data.members.map((member) => (
          <li key={member.id} className="tracking-card">
            <strong>{member.name}</strong> · {t(`registry.relations.${member.relation}`)} ·{' '}
            {t(`registry.labor.${member.laborCapacity}`)} · 💼 {t(`registry.employment.${member.employmentStatus}`)}
          </li>
        ))}
      </ul>
      {/* Officials read it too: they take the township and county steps that move it. */}
      {records || role === 'official' ? <DibaoPanel householdId={id} dibao={data.dibao} /> : null}
      {records || role === 'helper' ? <AssessmentForm householdId={id} /> : null}
      <h2>{t('tracking.events')}</h2>
      <ul className="tracking-list" data-testid="events">
        {entries.map((entry) => (
          <li key={entry.key} className="tracking-card" data-kind={entry.kind}>
            <span aria-hidden="true">{entry.icon}</span> {entry.date} · {entry.text}
          </li>
        ))}
      </ul>
    </section>
  );
}
