import { useTranslation } from 'react-i18next';

interface Month {
  month: string;
  total: number | null;
  perCapitaAnnualised: number | null;
  line: number | null;
}

/**
 * Monthly per-capita income (annualised) as bars against the monitoring line: a small inline
 * SVG rather than a chart library, so the page stays light on cheap phones.
 */
export function IncomeChart({ months }: { months: Month[] }) {
  const { t } = useTranslation();
  const width = 360;
  const height = 180;
  const values = months.flatMap((m) => [m.perCapitaAnnualised ?? 0, m.line ?? 0]);
  const max = Math.max(1, ...values) * 1.1;
  const barWidth = width / Math.max(months.length, 1);
  const y = (value: number) => height - (value / max) * height;
  const linePoints = months
    .map((m, i) => (m.line === null ? null : `${i * barWidth + barWidth / 2},${y(m.line)}`))
    .filter(Boolean)
    .join(' ');
  return (
    <figure>
      <figcaption>{t('tracking.incomeChart')}</figcaption>
      <svg
        className="tracking-chart"
        viewBox={`0 0 ${width} ${height + 16}`}
        role="img"
        aria-label={t('tracking.incomeChart')}
      >
        {months.map((m, i) => {
          const value = m.perCapitaAnnualised ?? 0;
          const below = m.line !== null && value < m.line;
          return (
            <g key={m.month}>
              <title>{`${m.month}: ${Math.round(value)} / ${m.line ?? '—'}`}</title>
              <rect
                x={i * barWidth + 1}
                y={y(value)}
                width={Math.max(barWidth - 2, 1)}
                height={height - y(value)}
                fill={m.perCapitaAnnualised === null ? '#d0d7de' : below ? '#cf222e' : '#2da44e'}
              />
            </g>
          );
        })}
        {linePoints ? (
          <polyline points={linePoints} fill="none" stroke="#b4441e" strokeWidth="2" strokeDasharray="6 3" />
        ) : null}
        <text x="2" y={height + 14} fontSize="11">
          {months[0]?.month}
        </text>
        <text x={width - 2} y={height + 14} fontSize="11" textAnchor="end">
          {months.at(-1)?.month}
        </text>
      </svg>
    </figure>
  );
}
