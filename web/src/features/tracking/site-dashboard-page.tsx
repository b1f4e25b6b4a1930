import { chinaToday } from '@anju/domain/clock';
import { monthOf } from '@anju/domain/dates';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { integrationDimensions } from './dimensions.ts';
import { useRegionReport } from './use-tracking.ts';
import './tracking.css';
import { QueryError } from '../../shared/query-error.tsx';

const pct = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : `${Math.round(value * 100)}%`;
const num = (value: number | null | undefined) => (value === null || value === undefined ? '—' : String(value));

interface Report {
  region: { code: string; name: string };
  from: string;
  to: string;
  households: number;
  peopleWithLabourCapacity: number;
  employmentRate: number | null;
  householdsWithNoOneEmployed: number;
  income: {
    householdsWithData: number;
    medianPerCapitaNetIncome: number | null;
    householdsBelowLine: number;
    shareBelowLine: number | null;
    dibaoCoverageOfBelowLine: number | null;
    trend: { month: string; medianPerCapitaAnnualised: number | null }[];
  };
  integrationTrend: Record<string, number | string>[];
  byResponsibleWorker: {
    workerId: string | null;
    workerName: string | null;
    households: number;
    openAlerts: number;
    overdueAlerts: number;
    overdueVisits: number;
  }[];
  compared?: Report[];
}

/** The figures of one report, as rows: one column per region when comparing sites. */
const figures: { key: string; label: string; value: (r: Report) => string }[] = [
  { key: 'households', label: 'tracking.households', value: (r) => num(r.households) },
  { key: 'able', label: 'tracking.ableToWork', value: (r) => num(r.peopleWithLabourCapacity) },
  { key: 'employment-rate', label: 'tracking.employmentRate', value: (r) => pct(r.employmentRate) },
  { key: 'zero-employment', label: 'tracking.zeroEmployment', value: (r) => num(r.householdsWithNoOneEmployed) },
  { key: 'median-income', label: 'tracking.medianIncome', value: (r) => num(r.income.medianPerCapitaNetIncome) },
  { key: 'below-line', label: 'tracking.belowLine', value: (r) => pct(r.income.shareBelowLine) },
  {
    key: 'households-below-line',
    label: 'tracking.householdsBelowLine',
    value: (r) => num(r.income.householdsBelowLine),
  },
  { key: 'dibao-coverage', label: 'tracking.dibaoCoverage', value: (r) => pct(r.income.dibaoCoverageOfBelowLine) },
];

/** A table that scrolls sideways on a narrow phone instead of squeezing its columns. */
function ScrollTable({ testId, children }: { testId?: string; children: ReactNode }) {
  return (
    <div className="tracking-scroll">
      <table className="tracking-table" data-testid={testId}>
        {children}
      </table>
    </div>
  );
}

/** 安置点看板: a site's (or any region's) figures for a month range, other sites beside it, and the ledgers. */
export function SiteDashboardPage() {
  const { t } = useTranslation();
  const params = useParams();
  const lastMonth = monthOf(chinaToday(), -1);
  const [draft, setDraft] = useState({
    code: params.code ?? '',
    from: monthOf(lastMonth, -11),
    to: lastMonth,
    compare: '',
  });
  const [shown, setShown] = useState(draft);
  const report = useRegionReport(shown);
  const data = report.data as Report | undefined;
  const all = data ? [data, ...(data.compared ?? [])] : [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setShown({ ...draft, code: draft.code.trim(), compare: draft.compare.replace(/[，\s]+/g, ',') });
  };
  const exportLink = (name: string) =>
    `/api/exports/${name}.xlsx${shown.code ? `?region=${encodeURIComponent(shown.code)}` : ''}`;
  return (
    <section aria-labelledby="dashboard-title" className="tracking-page">
      <h1 id="dashboard-title">📊 {t('tracking.dashboard')}</h1>
      <form className="tracking-form tracking-range" onSubmit={submit}>
        <label>
          {t('tracking.regionCode')}
          <input value={draft.code} onChange={(e) => setDraft({ ...draft, code: e.target.value })} required />
        </label>
        <label>
          {t('tracking.fromMonth')}
          <input
            type="month"
            value={draft.from}
            max={draft.to}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
        </label>
        <label>
          {t('tracking.toMonth')}
          <input
            type="month"
            value={draft.to}
            max={lastMonth}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          />
        </label>
        <label>
          {t('tracking.compareWith')}
          <input value={draft.compare} onChange={(e) => setDraft({ ...draft, compare: e.target.value })} />
        </label>
        <button type="submit" className="tracking-primary">
          🔍 {t('tracking.show')}
        </button>
      </form>
      {report.isFetching ? <p>{t('tracking.loading')}</p> : null}
      <QueryError query={report} />
      {data ? (
        <>
          <h2 data-testid="dashboard-region">
            {data.region.name} · {data.from} — {data.to}
          </h2>
          <div className="tracking-figures" data-testid="figures">
            {figures.map((figure) => (
              <div key={figure.key}>
                {t(figure.label)}
                <strong data-testid={`figure-${figure.key}`}>{figure.value(data)}</strong>
              </div>
            ))}
          </div>
          {all.length > 1 ? (
            <>
              <h2>{t('tracking.compared')}</h2>
              <ScrollTable testId="compare-table">
                <thead>
                  <tr>
                    <th scope="col">{t('tracking.figure')}</th>
                    {all.map((r) => (
                      <th key={r.region.code} scope="col">
                        {r.region.name}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {figures.map((figure) => (
                    <tr key={figure.key}>
                      <th scope="row">{t(figure.label)}</th>
                      {all.map((r) => (
                        <td key={r.region.code}>{figure.value(r)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </ScrollTable>
            </>
          ) : null}
          <h2>{t('tracking.incomeTrend')}</h2>
          <ul className="tracking-trend">
            {data.income.trend.map((month) => (
              <li key={month.month}>
                {month.month}: {num(month.medianPerCapitaAnnualised)}
              </li>
            ))}
          </ul>
          {data.integrationTrend.length ? (
            <>
              <h2>{t('tracking.integrationTrend')}</h2>
              <ScrollTable>
                <thead>
                  <tr>
                    <th scope="col">{t('tracking.month')}</th>
                    {integrationDimensions.map((d) => (
                      <th key={d} scope="col">
                        {t(`tracking.dimensions.${d}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.integrationTrend.map((row) => (
                    <tr key={String(row.month)}>
                      <th scope="row">{row.month}</th>
                      {integrationDimensions.map((d) => (
                        <td key={d}>{row[d]}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </ScrollTable>
            </>
          ) : null}
          <h2>{t('tracking.byWorker')}</h2>
          <ScrollTable>
            <thead>
              <tr>
                <th scope="col">{t('tracking.responsible')}</th>
                <th scope="col">{t('tracking.households')}</th>
                <th scope="col">{t('tracking.openAlerts')}</th>
                <th scope="col">{t('tracking.overdueAlerts')}</th>
                <th scope="col">{t('tracking.overdueVisits')}</th>
              </tr>
            </thead>
            <tbody>
              {data.byResponsibleWorker.map((row) => (
                <tr key={row.workerId ?? 'none'}>
                  <th scope="row">{row.workerName ?? t('tracking.nobody')}</th>
                  <td>{row.households}</td>
                  <td data-testid="worker-open-alerts">{row.openAlerts}</td>
                  <td>{row.overdueAlerts}</td>
                  <td>{row.overdueVisits}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </>
      ) : null}
      <h2>📥 {t('tracking.exports')}</h2>
      <div className="tracking-actions">
        {(['households', 'employment', 'alerts'] as const).map((name) => (
          <a key={name} className="button" href={exportLink(name)} download>
            📄 {t(`tracking.exportNames.${name}`)}
          </a>
        ))}
      </div>
    </section>
  );
}
