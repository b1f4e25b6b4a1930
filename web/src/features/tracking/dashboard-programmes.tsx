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
      <FigureTable
        testId="welfare-posts-table"
        headers={[
          t('tracking.programmes.post'),
          t('tracking.programmes.site'),
          t('tracking.programmes.filled'),
          t('tracking.programmes.quota'),
        ]}
        rows={figures.welfarePosts.rows.map((post) => ({
          key: `${post.siteName}-${post.title}`,
          head: post.title,
          cells: [post.siteName, post.filled, post.quota],
        }))}
      />
      <h3>{t('tracking.programmes.workshops')}</h3>
      <FigureTable
        testId="workshops-table"
        headers={[
          t('tracking.programmes.workshop'),
          t('tracking.programmes.relocatedEmployed'),
          t('tracking.programmes.pay'),
        ]}
        rows={figures.workshops.map((w) => ({
          key: `${w.siteName}-${w.name}`,
          head: `${w.name}（${w.siteName} · ${t(`tracking.programmes.workshopStatuses.${w.status}`)}）`,
          cells: [w.relocatedEmployed, w.payYuan],
        }))}
      />
      <h3>{t('tracking.programmes.subsidiesByYear')}</h3>
      <FigureTable
        testId="subsidies-table"
        headers={[
          t('tracking.programmes.year'),
          ...subsidyStates.map((state) => t(`tracking.programmes.subsidyStates.${state}`)),
        ]}
        rows={years.map((year) => ({
          key: year,
          head: year,
          cells: subsidyStates.map((state) => {
            const cell = cellOf(figures, year, state);
            return cell
              ? t('tracking.programmes.amountEntries', { amount: cell.amountYuan, count: cell.entries })
              : '—';
          }),
        }))}
      />
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
      <FigureTable
        testId={testId}
        headers={[
          t(`tracking.programmes.${column}`),
          ...[1, 3, 6].map((months) => t('tracking.programmes.month', { months })),
        ]}
        rows={rows.map((row) => ({
          key: row.name,
          head: row.name,
          cells: row.milestones.map((m) =>
            m.followedUp
              ? t('tracking.programmes.rateOf', { rate: pct(m.stillWorkingShare), count: m.followedUp })
              : '—',
          ),
        }))}
      />
    </>
  );
}

/** One programme list as a table (the first column names the row), or 暂无 when it is empty. */
function FigureTable({
  testId,
  headers,
  rows,
}: {
  testId: string;
  headers: string[];
  rows: { key: string; head: string; cells: (string | number)[] }[];
}) {
  const { t } = useTranslation();
  if (rows.length === 0) return <p className="tracking-muted">{t('tracking.programmes.none')}</p>;
  return (
    <ScrollTable testId={testId}>
      <thead>
        <tr>
          {headers.map((header) => (
            <th key={header} scope="col">
              {header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.head}</th>
            {row.cells.map((cell, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a row's cells are fixed columns
              <td key={index}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
