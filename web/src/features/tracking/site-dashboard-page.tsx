import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useRegionReport } from './use-tracking.ts';
import './tracking.css';

const pct = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : `${Math.round(value * 100)}%`;

/** 安置点看板: the figures of a site (or any region) for the last 12 months. */
export function SiteDashboardPage() {
  const { t } = useTranslation();
  const params = useParams();
  const [code, setCode] = useState(params.code ?? '');
  const report = useRegionReport(code);
  const data = report.data;
  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">📊 {t('tracking.dashboard')}</h1>
      {params.code ? null : (
        <label className="tracking-form">
          {t('tracking.regionCode')}
          <input defaultValue={code} onBlur={(e) => setCode(e.target.value.trim())} />
        </label>
      )}
      {report.isFetching ? <p>{t('tracking.loading')}</p> : null}
      {data ? (
        <>
          <h2>{data.region.name}</h2>
          <div className="tracking-figures" data-testid="figures">
            <div>
              {t('tracking.households')}
              <strong data-testid="figure-households">{data.households}</strong>
            </div>
            <div>
              {t('tracking.ableToWork')}
              <strong>{data.peopleWithLabourCapacity}</strong>
            </div>
            <div>
              {t('tracking.employmentRate')}
              <strong>{pct(data.employmentRate)}</strong>
            </div>
            <div>
              {t('tracking.zeroEmployment')}
              <strong data-testid="figure-zero-employment">{data.householdsWithNoOneEmployed}</strong>
            </div>
            <div>
              {t('tracking.medianIncome')}
              <strong>{data.income.medianPerCapitaNetIncome ?? '—'}</strong>
            </div>
            <div>
              {t('tracking.belowLine')}
              <strong>{pct(data.income.shareBelowLine)}</strong>
            </div>
            <div>
              {t('tracking.dibaoCoverage')}
              <strong>{pct(data.income.dibaoCoverageOfBelowLine)}</strong>
            </div>
          </div>
          <h2>{t('tracking.byWorker')}</h2>
          <table className="tracking-table">
            <thead>
              <tr>
                <th />
                <th>{t('tracking.households')}</th>
                <th>{t('tracking.openAlerts')}</th>
                <th>{t('tracking.overdueAlerts')}</th>
                <th>{t('tracking.overdueVisits')}</th>
              </tr>
            </thead>
            <tbody>
              {data.byResponsibleWorker.map(
                (row: {
                  workerId: string | null;
                  workerName: string | null;
                  households: number;
                  openAlerts: number;
                  overdueAlerts: number;
                  overdueVisits: number;
                }) => (
                  <tr key={row.workerId ?? 'none'}>
                    <td>{row.workerName ?? '—'}</td>
                    <td>{row.households}</td>
                    <td data-testid="worker-open-alerts">{row.openAlerts}</td>
                    <td>{row.overdueAlerts}</td>
                    <td>{row.overdueVisits}</td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
