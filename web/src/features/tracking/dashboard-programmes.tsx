import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ScrollTable } from './dashboard-drill.tsx';
import { num, type ProgrammeFigures, pct, type RetentionRow, subsidyStates } from './dashboard-report.ts';
import { type ChartOption, EChart } from './echart.tsx';

const grid = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };
const milestoneColours = ['#54aeff', '#0969da', '#0a3069'];
const stateColours = { qualified: '#d0d7de', applied: '#bf8700', approved: '#54aeff', paid: '#1a7f37' };

const yearsOf = (figures: ProgrammeFigures) => [...new Set(figures.subsidiesByYear.map((s) => s.year))].sort();
const cellOf = (figures: ProgrammeFigures, year: string, state: string) =>
  figures.subsidiesByYear.find((s) => s.year === year && s.state === state);

/**
 * 就业帮扶项目 on the region dashboard: the totals as tiles, 稳岗 rates by employer and the
 * subsidy ledger by year as charts, and every figure again in a table below its chart.
 */
export function DashboardProgrammes({ figures }: { figures: ProgrammeFigures }) {
  const { t } = useTranslation();
  const posts = figures.welfarePosts.totals;
  const tiles = [
    ['labour-export-out', 'labourExportOut', num(figures.labourExportOut)],
    ['retention-3', 'retention3', pct(figures.retention3.stillWorkingShare)],
    ['retention-6', 'retention6', pct(figures.retention6.stillWorkingShare)],
    ['welfare-filled', 'welfareFilled', `${posts.filled}/${posts.quota}`],
    ['workshop-employed', 'workshopEmployed', num(figures.workshopEmployed)],
    ['subsidies-paid', 'subsidiesPaid', num(figures.subsidiesPaidThisYear.amountYuan)],
  ] as const;
  const retention = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid,
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: figures.retentionByEmployer.map((r) => r.name), inverse: true },
      series: [1, 3, 6].map((months, i) => ({
        type: 'bar' as const,
        name: t('tracking.programmes.month', { months }),
        data: figures.retentionByEmployer.map((r) => {
          const share = r.milestones[i]?.stillWorkingShare;
          return share === null || share === undefined ? null : Math.round(share * 100);
        }),
        itemStyle: { color: milestoneColours[i] },
      })),
    }),
    [figures, t],
  );
  const years = yearsOf(figures);
  const subsidies = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid,
      xAxis: { type: 'category', data: yearsOf(figures) },
      yAxis: { type: 'value', name: t('tracking.yuan') },
      series: subsidyStates.map((state) => ({
        type: 'bar' as const,
        stack: 'state',
        name: t(`tracking.programmes.subsidyStates.${state}`),
        data: yearsOf(figures).map((year) => cellOf(figures, year, state)?.amountYuan ?? 0),
        itemStyle: { color: stateColours[state] },
      })),
    }),
    [figures, t],
  );
  return (
    <section aria-labelledby="programmes-title" data-testid="programmes">
      <h2 id="programmes-title">🧑‍🏭 {t('tracking.programmes.title')}</h2>
      <div className="tracking-figures">
        {tiles.map(([key, label, value]) => (
          <div key={key}>
            {t(`tracking.programmes.${label}`)}
            <strong data-testid={`programme-${key}`}>{value}</strong>
          </div>
        ))}
      </div>
      <div className="tracking-charts">
        {figures.retentionByEmployer.length ? (
          <figure className="tracking-chart-box">
            <figcaption>{t('tracking.programmes.retentionByEmployer')}</figcaption>
            <EChart
              option={retention}
              label={t('tracking.programmes.retentionByEmployer')}
              height={Math.max(160, 36 + 60 * figures.retentionByEmployer.length)}
            />
          </figure>
        ) : null}
        {years.length ? (
          <figure className="tracking-chart-box">
            <figcaption>{t('tracking.programmes.subsidiesByYear')}</figcaption>
            <EChart option={subsidies} label={t('tracking.programmes.subsidiesByYear')} />
          </figure>
        ) : null}
      </div>
      <RetentionTable
        testId="retention-employer-table"
        caption="retentionByEmployer"
        column="employer"
        rows={figures.retentionByEmployer}
      />
      <RetentionTable
        testId="retention-destination-table"
        caption="retentionByDestination"
        column="destination"
        rows={figures.retentionByDestination}
      />
      <h3>{t('tracking.programmes.welfarePosts')}</h3>
      {figures.welfarePosts.rows.length ? (
        <ScrollTable testId="welfare-posts-table">
          <thead>
            <tr>
              <th scope="col">{t('tracking.programmes.post')}</th>
              <th scope="col">{t('tracking.programmes.site')}</th>
              <th scope="col">{t('tracking.programmes.filled')}</th>
              <th scope="col">{t('tracking.programmes.quota')}</th>
            </tr>
          </thead>
          <tbody>
            {figures.welfarePosts.rows.map((post) => (
              <tr key={`${post.siteName}-${post.title}`}>
                <th scope="row">{post.title}</th>
                <td>{post.siteName}</td>
                <td>{post.filled}</td>
                <td>{post.quota}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : (
        <p className="tracking-muted">{t('tracking.programmes.none')}</p>
      )}
      <h3>{t('tracking.programmes.workshops')}</h3>
      {figures.workshops.length ? (
        <ScrollTable testId="workshops-table">
          <thead>
            <tr>
              <th scope="col">{t('tracking.programmes.workshop')}</th>
              <th scope="col">{t('tracking.programmes.relocatedEmployed')}</th>
              <th scope="col">{t('tracking.programmes.pay')}</th>
            </tr>
          </thead>
          <tbody>
            {figures.workshops.map((w) => (
              <tr key={`${w.siteName}-${w.name}`}>
                <th scope="row">
                  {w.name}（{w.siteName} · {t(`tracking.programmes.workshopStatuses.${w.status}`)}）
                </th>
                <td>{w.relocatedEmployed}</td>
                <td>{w.payYuan}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : (
        <p className="tracking-muted">{t('tracking.programmes.none')}</p>
      )}
      <h3>{t('tracking.programmes.subsidiesByYear')}</h3>
      {years.length ? (
        <ScrollTable testId="subsidies-table">
          <thead>
            <tr>
              <th scope="col">{t('tracking.programmes.year')}</th>
              {subsidyStates.map((state) => (
                <th key={state} scope="col">
                  {t(`tracking.programmes.subsidyStates.${state}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {years.map((year) => (
              <tr key={year}>
                <th scope="row">{year}</th>
                {subsidyStates.map((state) => {
                  const cell = cellOf(figures, year, state);
                  return (
                    <td key={state}>
                      {cell
                        ? t('tracking.programmes.amountEntries', { amount: cell.amountYuan, count: cell.entries })
                        : '—'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : (
        <p className="tracking-muted">{t('tracking.programmes.none')}</p>
      )}
    </section>
  );
}

function RetentionTable({
  testId,
  caption,
  column,
  rows,
}: {
  testId: string;
  caption: 'retentionByEmployer' | 'retentionByDestination';
  column: 'employer' | 'destination';
  rows: RetentionRow[];
}) {
  const { t } = useTranslation();
  return (
    <>
      <h3>{t(`tracking.programmes.${caption}`)}</h3>
      {rows.length ? (
        <ScrollTable testId={testId}>
          <thead>
            <tr>
              <th scope="col">{t(`tracking.programmes.${column}`)}</th>
              {[1, 3, 6].map((months) => (
                <th key={months} scope="col">
                  {t('tracking.programmes.month', { months })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.name}>
                <th scope="row">{row.name}</th>
                {row.milestones.map((m) => (
                  <td key={m.months}>
                    {m.followedUp
                      ? t('tracking.programmes.rateOf', { rate: pct(m.stillWorkingShare), count: m.followedUp })
                      : '—'}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : (
        <p className="tracking-muted">{t('tracking.programmes.none')}</p>
      )}
    </>
  );
}
