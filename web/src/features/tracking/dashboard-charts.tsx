import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Report } from './dashboard-report.ts';
import { type ChartOption, EChart } from './echart.tsx';

const brand = '#0969da';
const danger = '#cf222e';
const green = '#1a7f37';
const grid = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };
const percentAxis = { type: 'value' as const, min: 0, max: 100, axisLabel: { formatter: '{value}%' } };
const toPercent = (value: number | null) => (value === null ? null : Math.round(value * 100));

/**
 * The dashboard's charts (ECharts, SVG): income against the line, share below the line and 低保
 * by month; the sub-regions side by side; alerts by kind. Each is named for screen readers and
 * its figures are in the tables below it.
 */
export function DashboardCharts({ report }: { report: Report }) {
  const { t } = useTranslation();
  const months = report.income.trend.map((m) => m.month);
  const income = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid,
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value', name: t('tracking.yuan') },
      series: [
        {
          type: 'line',
          name: t('tracking.rolling12'),
          data: report.income.trend.map((m) => m.medianPerCapitaRolling12),
          itemStyle: { color: brand },
          symbolSize: 6,
        },
        {
          type: 'line',
          name: t('tracking.line'),
          data: report.income.trend.map((m) => m.line),
          itemStyle: { color: danger },
          lineStyle: { type: 'dashed' },
          symbol: 'none',
        },
      ],
    }),
    [report, t, months],
  );
  const below = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid,
      xAxis: { type: 'category', data: months },
      yAxis: [percentAxis, { type: 'value', name: t('tracking.householdsUnit'), minInterval: 1 }],
      series: [
        {
          type: 'bar',
          name: t('tracking.belowLine'),
          data: report.income.trend.map((m) => toPercent(m.shareBelowLine)),
          itemStyle: { color: danger },
        },
        {
          type: 'line',
          name: t('tracking.dibaoEnrolled'),
          yAxisIndex: 1,
          data: report.income.trend.map((m) => m.dibaoEnrolled),
          itemStyle: { color: green },
        },
      ],
    }),
    [report, t, months],
  );
  const places = report.children.length ? report.children : [];
  const compare = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid,
      xAxis: { type: 'category', data: places.map((p) => p.name), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: percentAxis,
      series: [
        {
          type: 'bar',
          name: t('tracking.employmentRate'),
          data: places.map((p) => toPercent(p.employmentRate)),
          itemStyle: { color: brand },
        },
        {
          type: 'bar',
          name: t('tracking.belowLine'),
          data: places.map((p) => toPercent(p.shareBelowLine)),
          itemStyle: { color: danger },
        },
      ],
    }),
    [places, t],
  );
  const work = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { ...grid, top: 8 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        data: [t('tracking.overdueVisits'), ...report.alertsByKind.map((a) => t(`tracking.rules.${a.ruleId}`))],
      },
      series: [
        {
          type: 'bar',
          name: t('tracking.openAlerts'),
          data: [report.overdueVisits, ...report.alertsByKind.map((a) => a.open)],
          itemStyle: { color: '#bf8700' },
          label: { show: true, position: 'right' },
        },
      ],
    }),
    [report, t],
  );
  return (
    <div className="tracking-charts" data-testid="charts">
      <figure className="tracking-chart-box">
        <figcaption>{t('tracking.incomeTrend')}</figcaption>
        <EChart option={income} label={t('tracking.incomeTrend')} />
      </figure>
      <figure className="tracking-chart-box">
        <figcaption>{t('tracking.belowAndDibao')}</figcaption>
        <EChart option={below} label={t('tracking.belowAndDibao')} />
      </figure>
      {places.length > 1 ? (
        <figure className="tracking-chart-box">
          <figcaption>{t('tracking.childrenCompared')}</figcaption>
          <EChart option={compare} label={t('tracking.childrenCompared')} />
        </figure>
      ) : null}
      <figure className="tracking-chart-box">
        <figcaption>{t('tracking.workByKind')}</figcaption>
        <EChart
          option={work}
          label={t('tracking.workByKind')}
          height={Math.max(120, 40 * (report.alertsByKind.length + 1))}
        />
      </figure>
    </div>
  );
}
