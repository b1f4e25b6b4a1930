import { useTranslation } from 'react-i18next';

export interface IncomeMonth {
  month: string;
  wages: number;
  business: number;
  property: number;
  transfers: number;
  total: number | null;
  perCapitaAnnualised: number | null;
  line: number | null;
}

const parts = [
  { key: 'wages', colour: '#0969da' },
  { key: 'business', colour: '#8250df' },
  { key: 'property', colour: '#bf8700' },
  { key: 'transfers', colour: '#1a7f37' },
] as const;

/**
 * Each month's income by source, per person and annualised, stacked against the monitoring
 * line (dashed): a small inline SVG rather than a chart library, so cheap phones stay quick.
 */
export function IncomeChart({ months }: { months: IncomeMonth[] }) {
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
  const below = months.filter(
    (m) => m.perCapitaAnnualised !== null && m.line !== null && m.perCapitaAnnualised < m.line,
  );
  return (
    <figure className="tracking-figure">
      <figcaption>{t('tracking.incomeChart')}</figcaption>
      <svg
        className="tracking-chart"
        viewBox={`0 0 ${width} ${height + 16}`}
        role="img"
        aria-label={t('tracking.incomeChartSummary', {
          months: months.filter((m) => m.total !== null).length,
          below: below.length,
        })}
      >
        {months.map((m, i) => {
          // Scale each source like the month's total: net × 12 ÷ members.
          const factor = m.total && m.perCapitaAnnualised !== null ? m.perCapitaAnnualised / m.total : 0;
          let base = 0;
          return (
            <g key={m.month}>
              <title>{`${m.month}: ${m.perCapitaAnnualised === null ? '—' : Math.round(m.perCapitaAnnualised)} / ${m.line ?? '—'}`}</title>
              {parts.map((part) => {
                const value = Math.max(m[part.key] * factor, 0);
                const top = y(base + value);
                const rect = (
                  <rect
                    key={part.key}
                    x={i * barWidth + 1}
                    y={top}
                    width={Math.max(barWidth - 2, 1)}
                    height={Math.max(y(base) - top, 0)}
                    fill={part.colour}
                  />
                );
                base += value;
                return rect;
              })}
            </g>
          );
        })}
        {linePoints ? (
          <polyline points={linePoints} fill="none" stroke="#cf222e" strokeWidth="2" strokeDasharray="6 3" />
        ) : null}
        <text x="2" y={height + 14} fontSize="11">
          {months[0]?.month}
        </text>
        <text x={width - 2} y={height + 14} fontSize="11" textAnchor="end">
          {months.at(-1)?.month}
        </text>
      </svg>
      <ul className="tracking-legend">
        {parts.map((part) => (
          <li key={part.key}>
            <span className="swatch" style={{ background: part.colour }} aria-hidden="true" />
            {t(`tracking.sourceGroups.${part.key}`)}
          </li>
        ))}
        <li>
          <span className="swatch line" aria-hidden="true" />
          {t('tracking.line')}
        </li>
      </ul>
    </figure>
  );
}
