import { type SupportMeasure, supportMeasures } from '@anju/domain/enums';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { problemReasonText } from '../../shared/problem-reason.ts';
import { QueryError } from '../../shared/query-error.tsx';
import { useMe } from '../auth/use-me.ts';
import { alertKinds } from './dimensions.ts';
import { useAlertAction, useRegions, useWorklist, type WorklistFilter } from './use-tracking.ts';
import type { VisitOrigin } from './visit-origin.ts';
import './tracking.css';

const PAGE_SIZE = 10;
const dues = ['all', 'overdue', 'week'] as const;

type Item = NonNullable<ReturnType<typeof useWorklist>['data']>['items'][number];

/** 工作清单: one page of work at a time, most urgent first, one primary action per card. */
export function WorklistPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  // The filter lives in state (whose updates queue, so quick changes all stay) and is mirrored
  // into the address, so a link such as the home page's `?due=overdue` opens it filtered.
  const [filter, setFilter] = useState<WorklistFilter>(() => ({
    kind: params.get('kind') ?? '',
    site: params.get('site') ?? '',
    due: (dues as readonly string[]).includes(params.get('due') ?? '')
      ? (params.get('due') as WorklistFilter['due'])
      : 'all',
    page: Math.max(1, Number(params.get('page')) || 1),
  }));
  useEffect(() => {
    const search = new URLSearchParams();
    if (filter.kind) search.set('kind', filter.kind);
    if (filter.site) search.set('site', filter.site);
    if (filter.due !== 'all') search.set('due', filter.due);
    if (filter.page > 1) search.set('page', String(filter.page));
    setParams(search, { replace: true });
  }, [filter, setParams]);
  const worklist = useWorklist(filter, PAGE_SIZE);
  const regions = useRegions();
  const sites = (regions.data?.items ?? []).filter((region) => region.level === 'site');
  const change = (next: Partial<WorklistFilter>) => setFilter((previous) => ({ ...previous, page: 1, ...next }));
  const total = worklist.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <section aria-labelledby="worklist-title" className="tracking-page">
      <h1 id="worklist-title">📋 {t('tracking.worklist')}</h1>
      <form className="tracking-form tracking-filters" aria-label={t('tracking.filters')}>
        <label>
          {t('tracking.filterKind')}
          <select value={filter.kind} onChange={(e) => change({ kind: e.target.value })} data-testid="filter-kind">
            <option value="">{t('tracking.all')}</option>
            {alertKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`tracking.rules.${kind}`)}
              </option>
            ))}
          </select>
        </label>
        {sites.length > 1 ? (
          <label>
            {t('tracking.filterSite')}
            <select value={filter.site} onChange={(e) => change({ site: e.target.value })} data-testid="filter-site">
              <option value="">{t('tracking.all')}</option>
              {sites.map((site) => (
                <option key={site.id} value={site.id}>
                  {site.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label>
          {t('tracking.filterDue')}
          <select
            value={filter.due}
            onChange={(e) => change({ due: e.target.value as WorklistFilter['due'] })}
            data-testid="filter-due"
          >
            {dues.map((due) => (
              <option key={due} value={due}>
                {t(`tracking.dues.${due}`)}
              </option>
            ))}
          </select>
        </label>
      </form>
      <QueryError query={worklist} />
      {worklist.isPending ? <p>{t('tracking.loading')}</p> : null}
      {worklist.data ? (
        <p className="tracking-muted" data-testid="worklist-total">
          {t('tracking.worklistTotal', { count: total })}
        </p>
      ) : null}
      {worklist.data && total === 0 ? <p>{t('tracking.noAlerts')}</p> : null}
      <ul className="tracking-list" data-testid="work-items">
        {(worklist.data?.items ?? []).map((item) => (
          <WorkCard key={`${item.source}-${item.alertId ?? item.householdId}`} item={item} />
        ))}
      </ul>
      {pages > 1 ? (
        <nav className="tracking-pager" aria-label={t('tracking.pages')}>
          <button type="button" disabled={filter.page <= 1} onClick={() => change({ page: filter.page - 1 })}>
            ‹ {t('tracking.previous')}
          </button>
          <span data-testid="page-of">{t('tracking.pageOf', { page: filter.page, pages })}</span>
          <button type="button" disabled={filter.page >= pages} onClick={() => change({ page: filter.page + 1 })}>
            {t('tracking.next')} ›
          </button>
        </nav>
      ) : null}
    </section>
  );
}

function WorkCard({ item }: { item: Item }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const role = me.data?.role;
  const action = useAlertAction();
  const [mode, setMode] = useState<'idle' | 'resolve' | 'dismiss'>('idle');
  const [measure, setMeasure] = useState<SupportMeasure>('job_referral');
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const titleId = `work-${item.source}-${item.alertId ?? item.householdId}`;
  const who = item.headName ?? `${t('tracking.household')} ${item.householdNumber}`;
  const visitKind = item.kind === 'visit_overdue';
  const canVisit = role === 'worker';
  const canDecide = (role === 'worker' || role === 'admin') && item.alertId !== null;
  const household = `/tracking/households/${item.householdId}`;
  // A 稳岗 follow-up due opens the migrant's follow-up form (programmes), `refId` naming the member.
  const followup = item.kind === 'retention_followup' && item.refId !== null && role !== 'official';
  // A 公益性岗位 term ending opens that post with the rotation form (`refId` naming the assignment).
  const rotation = item.kind === 'welfare_term_end' && item.refId !== null && role !== 'official';
  const primary = followup
    ? { to: `/programmes/labour-export/members/${item.refId}`, label: `☎ ${t('tracking.recordFollowup')}` }
    : rotation
      ? { to: `/programmes/welfare-posts/assignments/${item.refId}`, label: `🔄 ${t('tracking.planRotation')}` }
      : visitKind && canVisit
        ? { to: `${household}/visit`, label: `✍️ ${t('tracking.recordVisit')}` }
        : { to: household, label: `🏠 ${t('tracking.openHousehold')}` };
  const explanation = item.source === 'visit' ? null : i18n.language === 'en' ? item.explanationEn : item.explanationZh;
  const run = (which: 'acknowledge' | 'resolve' | 'dismiss') =>
    action.mutate(
      { id: item.alertId as string, action: which, measure, note, reason },
      { onSuccess: () => setMode('idle') },
    );
  return (
    <li
      className={`tracking-card${item.overdue ? ' overdue' : ''}`}
      data-testid="work-item"
      data-kind={item.kind}
      data-household={item.householdNumber}
      aria-labelledby={titleId}
    >
      <h2 id={titleId}>
        {who} · {item.site}
      </h2>
      <p className="tracking-card-meta">
        <span className="tracking-badge kind">{t(`tracking.rules.${item.kind}`)}</span>{' '}
        {item.overdue ? (
          <span className="tracking-badge">{t('tracking.daysOverdue', { days: item.daysOverdue })}</span>
        ) : (
          <span>
            ⏰ {t('tracking.deadline')} {item.dueOn}
          </span>
        )}{' '}
        {item.state === 'acknowledged' ? (
          <span className="tracking-badge ok">{t('tracking.states.acknowledged')}</span>
        ) : null}{' '}
        {item.escalated ? <span className="tracking-badge">{t('tracking.escalated')}</span> : null}{' '}
        <span>
          👤 {t('tracking.responsible')}: {item.responsibleWorkerName ?? t('tracking.nobody')}
        </span>
      </p>
      {explanation ? <p className="tracking-explanation">{explanation}</p> : null}
      {visitKind && item.source === 'visit' ? (
        <p className="tracking-muted">
          {t('tracking.lastVisit')}: {item.lastVisitOn ?? t('tracking.never')}
        </p>
      ) : null}
      {mode === 'resolve' ? (
        <div className="tracking-form">
          <label>
            {t('tracking.chooseMeasure')}
            <select
              value={measure}
              onChange={(event) => setMeasure(supportMeasures.find((m) => m === event.target.value) ?? measure)}
            >
              {supportMeasures.map((m) => (
                <option key={m} value={m}>
                  {t(`tracking.measureNames.${m}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('tracking.note')}
            <input value={note} onChange={(event) => setNote(event.target.value)} />
          </label>
        </div>
      ) : null}
      {mode === 'dismiss' ? (
        <label className="tracking-form">
          {t('tracking.dismissReason')}
          <input value={reason} onChange={(event) => setReason(event.target.value)} />
        </label>
      ) : null}
      <div className="tracking-card-actions">
        {mode === 'idle' ? (
          <>
            <Link
              className="button tracking-primary"
              to={primary.to}
              state={{ fromAlert: item.source === 'alert' && !visitKind } satisfies VisitOrigin}
              data-testid="primary-action"
            >
              {primary.label}
            </Link>
            {primary.to !== household || canDecide || visitKind ? (
              <details className="tracking-menu">
                <summary aria-label={t('tracking.more')}>⋯</summary>
                <div className="tracking-menu-items">
                  {primary.to !== household ? (
                    <Link className="button" to={household}>
                      🏠 {t('tracking.openHousehold')}
                    </Link>
                  ) : null}
                  {canDecide && item.state === 'open' ? (
                    <button type="button" onClick={() => run('acknowledge')}>
                      ✋ {t('tracking.acknowledge')}
                    </button>
                  ) : null}
                  {canDecide && !visitKind ? (
                    <>
                      <button type="button" onClick={() => setMode('resolve')}>
                        ✅ {t('tracking.resolve')}
                      </button>
                      <button type="button" onClick={() => setMode('dismiss')}>
                        ✖️ {t('tracking.dismiss')}
                      </button>
                    </>
                  ) : null}
                  {visitKind ? <p className="tracking-muted">{t('tracking.visitClosesAlert')}</p> : null}
                </div>
              </details>
            ) : null}
          </>
        ) : (
          <>
            <button
              type="button"
              className="tracking-primary"
              disabled={action.isPending || (mode === 'dismiss' && reason.trim() === '')}
              onClick={() => run(mode)}
            >
              {t('tracking.confirm')}
            </button>
            <button type="button" onClick={() => setMode('idle')}>
              {t('tracking.cancel')}
            </button>
          </>
        )}
      </div>
      {action.isError ? <p role="alert">{problemReasonText(t, action.error, 'tracking')}</p> : null}
    </li>
  );
}
