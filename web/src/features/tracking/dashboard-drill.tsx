import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { QueryError } from '../../shared/query-error.tsx';
import { type ChildRegion, num, pct, type WorkerRow } from './dashboard-report.ts';
import { useDrillHouseholds } from './use-tracking.ts';

/**
 * A table that scrolls sideways on a narrow phone instead of squeezing its columns; the scrolling
 * box takes the keyboard's focus so it can be scrolled without a mouse (WCAG 2.1.1; axe found the
 * wider English tables unreachable).
 */
export function ScrollTable({ testId, children }: { testId?: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable (WCAG 2.1.1)
    <div className="tracking-scroll scroll-region" tabIndex={0}>
      <table className="tracking-table" data-testid={testId}>
        {children}
      </table>
    </div>
  );
}

/** The next level down, side by side; each name drills into that region's dashboard. */
export function ChildrenTable({ rows, search }: { rows: ChildRegion[]; search: string }) {
  const { t } = useTranslation();
  return (
    <ScrollTable testId="children-table">
      <thead>
        <tr>
          <th scope="col">{t('tracking.region')}</th>
          <th scope="col">{t('tracking.households')}</th>
          <th scope="col">{t('tracking.employmentRate')}</th>
          <th scope="col">{t('tracking.belowLine')}</th>
          <th scope="col">{t('tracking.overdueVisits')}</th>
          <th scope="col">{t('tracking.openAlerts')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.code}>
            <th scope="row">
              <Link to={`/tracking/sites/${row.code}${search}`}>{row.name}</Link>
            </th>
            <td>{row.households}</td>
            <td>{pct(row.employmentRate)}</td>
            <td>{pct(row.shareBelowLine)}</td>
            <td>{row.overdueVisits}</td>
            <td>{row.openAlerts}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

/** Per responsible worker; each name drills into that worker's households. */
export function WorkersTable({ rows, linkFor }: { rows: WorkerRow[]; linkFor: (worker: string) => string }) {
  const { t } = useTranslation();
  return (
    <ScrollTable testId="workers-table">
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
        {rows.map((row) => (
          <tr key={row.workerId ?? 'none'}>
            <th scope="row">
              <Link to={linkFor(row.workerId ?? 'none')}>{row.workerName ?? t('tracking.nobody')}</Link>
            </th>
            <td>{row.households}</td>
            <td data-testid="worker-open-alerts">{row.openAlerts}</td>
            <td>{row.overdueAlerts}</td>
            <td>{row.overdueVisits}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

const PAGE_SIZE = 10;

/** One worker's households (or those with no one responsible), worst first, a page at a time. */
export function DrillHouseholds({
  code,
  worker,
  to,
  page,
  onPage,
}: {
  code: string;
  worker: string;
  to: string;
  page: number;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  const query = useDrillHouseholds(code, worker, to, page, PAGE_SIZE);
  const data = query.data as
    | {
        total: number;
        items: {
          householdId: string;
          householdNumber: string;
          headName: string | null;
          site: string;
          members: number;
          perCapita: number | null;
          line: number | null;
          belowLine: boolean;
          visitOverdue: boolean;
          openAlerts: number;
        }[];
      }
    | undefined;
  const pages = Math.max(1, Math.ceil((data?.total ?? 0) / PAGE_SIZE));
  return (
    <section aria-labelledby="drill-title">
      <h2 id="drill-title">🏠 {t('tracking.drillHouseholds', { count: data?.total ?? 0 })}</h2>
      <QueryError query={query} />
      <ul className="tracking-list" data-testid="drill-households">
        {(data?.items ?? []).map((h) => (
          <li key={h.householdId} className={`tracking-card${h.belowLine ? ' overdue' : ''}`}>
            <Link to={`/tracking/households/${h.householdId}`} className="tracking-card-link">
              <strong>{h.headName ?? `${t('tracking.household')} ${h.householdNumber}`}</strong> · {h.site}
            </Link>
            <p className="tracking-muted">
              {t('tracking.membersCount', { count: h.members })} · {t('tracking.perCapita')} {num(h.perCapita)}
              {h.line !== null ? ` / ${t('tracking.line')} ${h.line}` : ''}
            </p>
            <p>
              {h.belowLine ? <span className="tracking-badge">{t('tracking.belowLineShort')}</span> : null}{' '}
              {h.visitOverdue ? <span className="tracking-badge">{t('tracking.rules.visit_overdue')}</span> : null}{' '}
              {h.openAlerts ? (
                <span className="tracking-badge">{t('tracking.openAlertsCount', { count: h.openAlerts })}</span>
              ) : null}
            </p>
          </li>
        ))}
      </ul>
      {pages > 1 ? (
        <nav className="tracking-pager" aria-label={t('tracking.pages')}>
          <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
            ‹ {t('tracking.previous')}
          </button>
          <span>{t('tracking.pageOf', { page, pages })}</span>
          <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
            {t('tracking.next')} ›
          </button>
        </nav>
      ) : null}
    </section>
  );
}
