import { chinaToday } from '@anju/domain/clock';
import { monthOf } from '@anju/domain/dates';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { QueryError } from '../../shared/query-error.tsx';
import { ChildrenTable, DrillHouseholds, ScrollTable, WorkersTable } from './dashboard-drill.tsx';
import { num, pct, type Report } from './dashboard-report.ts';
import { useHomeRegion, useRegionReport, useRegions } from './use-tracking.ts';
import './tracking.css';

// ECharts is the page's largest part: its own chunk, fetched while the figures already show.
const DashboardCharts = lazy(() => import('./dashboard-charts.tsx').then((m) => ({ default: m.DashboardCharts })));
const DashboardProgrammes = lazy(() =>
  import('./dashboard-programmes.tsx').then((m) => ({ default: m.DashboardProgrammes })),
);

/** The figures of one report, as tiles; one column per region when comparing. */
const figures: { key: string; label: string; value: (r: Report) => string }[] = [
  { key: 'households', label: 'tracking.households', value: (r) => num(r.households) },
  { key: 'able', label: 'tracking.ableToWork', value: (r) => num(r.peopleWithLabourCapacity) },
  { key: 'employment-rate', label: 'tracking.employmentRate', value: (r) => pct(r.employmentRate) },
  { key: 'zero-employment', label: 'tracking.zeroEmployment', value: (r) => num(r.householdsWithNoOneEmployed) },
  {
    key: 'zero-employment-unverified',
    label: 'tracking.zeroEmploymentUnverified',
    value: (r) => num(r.householdsWithNoOneEmployedUnverified),
  },
  { key: 'median-income', label: 'tracking.medianIncome', value: (r) => num(r.income.medianPerCapitaNetIncome) },
  { key: 'below-line', label: 'tracking.belowLine', value: (r) => pct(r.income.shareBelowLine) },
  {
    key: 'households-below-line',
    label: 'tracking.householdsBelowLine',
    value: (r) => num(r.income.householdsBelowLine),
  },
  { key: 'dibao-coverage', label: 'tracking.dibaoCoverage', value: (r) => pct(r.income.dibaoCoverageOfBelowLine) },
  { key: 'overdue-visits', label: 'tracking.overdueVisits', value: (r) => num(r.overdueVisits) },
];

/**
 * 监测看板: opens on the viewer's own region; charts by month; drill down region → sub-region →
 * site → responsible worker → household; other sites beside it; export what is shown.
 * Everything shown is in the address (`/tracking/sites/:code?from&to&compare&worker&page`).
 */
export function SiteDashboardPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { code = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const home = useHomeRegion(code === '');
  useEffect(() => {
    if (!code && home.data) navigate(`/tracking/sites/${home.data.code}`, { replace: true });
  }, [code, home.data, navigate]);
  const lastMonth = monthOf(chinaToday(), -1);
  const to = params.get('to') || lastMonth;
  const from = params.get('from') || monthOf(to, -11);
  const compare = (params.get('compare') ?? '').split(',').filter(Boolean);
  const worker = params.get('worker');
  const page = Math.max(1, Number(params.get('page')) || 1);
  const report = useRegionReport({ code, from, to, compare: compare.join(',') });
  const regions = useRegions();
  const all = regions.data?.items ?? [];
  const data = report.data as Report | undefined;
  const current = all.find((r) => r.code === code);
  const ancestors = [];
  for (let r = current; r?.parentId; ) {
    const parent = all.find((p) => p.id === r?.parentId);
    if (!parent) break;
    ancestors.unshift(parent);
    r = parent;
  }
  const set = (next: Record<string, string | null>) =>
    setParams((previous) => {
      const search = new URLSearchParams(previous);
      for (const [key, value] of Object.entries(next)) {
        if (value) search.set(key, value);
        else search.delete(key);
      }
      return search;
    });
  const range = new URLSearchParams({ from, to }).toString();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const exportQuery = new URLSearchParams({ region: code, from, to, lang });
  if (compare.length) exportQuery.set('compare', compare.join(','));
  const depth = (path: string) => path.split('/').length - 3;
  const sameLevel = all.filter((r) => current && r.level === current.level && r.code !== code);
  const shown = data ? [data, ...(data.compared ?? [])] : [];

  return (
    <section aria-labelledby="dashboard-title" className="tracking-page">
      <h1 id="dashboard-title">📊 {t('tracking.dashboard')}</h1>
      <QueryError query={home} />
      {ancestors.length ? (
        <nav aria-label={t('tracking.breadcrumb')} className="tracking-breadcrumb">
          {ancestors.map((a) => (
            <span key={a.code}>
              <Link to={`/tracking/sites/${a.code}?${range}`}>{a.name}</Link> ›{' '}
            </span>
          ))}
          <span aria-current="page">{current?.name}</span>
        </nav>
      ) : null}
      <form className="tracking-form tracking-range" onSubmit={(e) => e.preventDefault()}>
        {all.length > 1 ? (
          <label>
            {t('tracking.region')}
            <select
              value={code}
              data-testid="region-select"
              onChange={(e) => navigate(`/tracking/sites/${e.target.value}?${range}`)}
            >
              {all.map((r) => (
                <option key={r.code} value={r.code}>
                  {'　'.repeat(Math.max(0, depth(r.path)))}
                  {r.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label>
          {t('tracking.fromMonth')}
          <input type="month" value={from} max={to} onChange={(e) => set({ from: e.target.value || null })} />
        </label>
        <label>
          {t('tracking.toMonth')}
          <input type="month" value={to} max={lastMonth} onChange={(e) => set({ to: e.target.value || null })} />
        </label>
        {sameLevel.length && compare.length < 5 ? (
          <label>
            {t('tracking.compareWith')}
            <select
              value=""
              data-testid="compare-select"
              onChange={(e) => set({ compare: [...compare, e.target.value].join(',') })}
            >
              <option value="">{t('tracking.pickToCompare')}</option>
              {sameLevel
                .filter((r) => !compare.includes(r.code))
                .map((r) => (
                  <option key={r.code} value={r.code}>
                    {r.name}
                  </option>
                ))}
            </select>
          </label>
        ) : null}
      </form>
      {compare.length ? (
        <p className="tracking-chips">
          {compare.map((c) => (
            <button
              key={c}
              type="button"
              onClick={() => set({ compare: compare.filter((x) => x !== c).join(',') || null })}
              aria-label={t('tracking.removeCompare', { name: all.find((r) => r.code === c)?.name ?? c })}
            >
              {all.find((r) => r.code === c)?.name ?? c} ✕
            </button>
          ))}
        </p>
      ) : null}
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
          <Suspense fallback={<p>{t('tracking.loading')}</p>}>
            <DashboardCharts report={data} />
          </Suspense>
          {shown.length > 1 ? (
            <>
              <h2>{t('tracking.compared')}</h2>
              <ScrollTable testId="compare-table">
                <thead>
                  <tr>
                    <th scope="col">{t('tracking.figure')}</th>
                    {shown.map((r) => (
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
                      {shown.map((r) => (
                        <td key={r.region.code}>{figure.value(r)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </ScrollTable>
            </>
          ) : null}
          <h2>{t('tracking.trendTable')}</h2>
          <ScrollTable testId="trend-table">
            <thead>
              <tr>
                <th scope="col">{t('tracking.month')}</th>
                <th scope="col">{t('tracking.rolling12')}</th>
                <th scope="col">{t('tracking.line')}</th>
                <th scope="col">{t('tracking.belowLine')}</th>
                <th scope="col">{t('tracking.dibaoEnrolled')}</th>
              </tr>
            </thead>
            <tbody>
              {data.income.trend.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{m.month}</th>
                  <td>{num(m.medianPerCapitaRolling12)}</td>
                  <td>{num(m.line)}</td>
                  <td>{pct(m.shareBelowLine)}</td>
                  <td>{m.dibaoEnrolled}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
          <p className="tracking-muted">{t('tracking.rolling12Hint')}</p>
          {data.children.length ? (
            <>
              <h2>{t('tracking.children')}</h2>
              <ChildrenTable rows={data.children} search={`?${range}`} />
            </>
          ) : null}
          <Suspense fallback={<p>{t('tracking.loading')}</p>}>
            <DashboardProgrammes figures={data.programmes} />
          </Suspense>
          <h2>{t('tracking.byWorker')}</h2>
          <WorkersTable
            rows={data.byResponsibleWorker}
            linkFor={(id) => `/tracking/sites/${code}?${new URLSearchParams({ from, to, worker: id }).toString()}`}
          />
          {worker ? (
            <DrillHouseholds
              code={code}
              worker={worker}
              to={to}
              page={page}
              onPage={(next) => set({ page: next > 1 ? String(next) : null })}
            />
          ) : null}
        </>
      ) : null}
      {code ? (
        <>
          <h2>📥 {t('tracking.exports')}</h2>
          <div className="tracking-actions">
            <a className="button tracking-primary" href={`/api/exports/dashboard.xlsx?${exportQuery}`} download>
              📊 {t('tracking.exportDashboard')}
            </a>
            {(['households', 'employment', 'alerts'] as const).map((name) => (
              <a
                key={name}
                className="button"
                href={`/api/exports/${name}.xlsx?${new URLSearchParams({ region: code, lang })}`}
                download
              >
                📄 {t(`tracking.exportNames.${name}`)}
              </a>
            ))}
          </div>
        </>
      ) : null}
    </section>
  );
}
