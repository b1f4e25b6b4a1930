import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { type RosterImport, useRosterImports } from './api.ts';
import { Pager } from './pager.tsx';
import './registry.css';
import { QueryError } from '../../shared/query-error.tsx';

/** A dry run is recorded too: an import without rejections that did not commit was only checked. */
const statusOf = (item: RosterImport) =>
  item.committed ? 'committed' : item.rejectedCount > 0 ? 'rejected' : 'checked';
const icon = { committed: '✅', rejected: '⚠️', checked: '🔎' } as const;

/** 'YYYY-MM-DD HH:mm' in the portal's own time zone. */
const when = (iso: string) => {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

function ImportCard({ item, justNow }: { item: RosterImport; justNow: boolean }) {
  const { t } = useTranslation();
  const status = statusOf(item);
  return (
    <li className={`registry-card${justNow ? ' highlight' : ''}`} data-testid={`import-${item.id}`}>
      {justNow && <span className="registry-badge">🆕 {t('registry.imports.justNow')}</span>}
      <p>
        <strong>📄 {item.fileName}</strong>
        <br />
        {icon[status]} {t(`registry.imports.status.${status}`)}
      </p>
      <p>
        🕘 {t('registry.imports.at')}: {when(item.createdAt)}
        <br />👤 {t('registry.imports.by')}: {item.userName ?? '—'}
      </p>
      <p>
        {t('registry.imports.rows', { count: item.rowCount })} ·{' '}
        {t('registry.upload.created', { count: item.createdCount })} ·{' '}
        {t('registry.upload.updated', { count: item.updatedCount })} ·{' '}
        {t('registry.upload.unchanged', { count: item.unchangedCount })}
        {item.rejectedCount > 0 && <> · {t('registry.imports.rejectedCount', { count: item.rejectedCount })}</>}
      </p>
    </li>
  );
}

/** 导入记录: past roster imports, newest first; `?new=<id>` marks the one just committed. Mount at /registry/imports */
export function ImportHistoryPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const page = params.get('page') ?? '1';
  const justCommitted = params.get('new');
  const imports = useRosterImports(page);
  return (
    <section>
      <h1>🗂️ {t('registry.imports.title')}</h1>
      <p>{t('registry.imports.intro')}</p>
      <p>
        <Link className="registry-button" to="/registry/import">
          📤 {t('registry.import')}
        </Link>
      </p>
      {imports.isPending ? (
        <p>{t('registry.loading')}</p>
      ) : imports.isError ? (
        <QueryError query={imports} />
      ) : imports.data.items.length === 0 ? (
        <p className="registry-card">{t('registry.imports.empty')}</p>
      ) : (
        <>
          {imports.data.items.some((item) => item.rejectedCount > 0) && (
            <p className="registry-hint">{t('registry.imports.errorsHint')}</p>
          )}
          <ul className="registry-list">
            {imports.data.items.map((item) => (
              <ImportCard key={item.id} item={item} justNow={item.id === justCommitted} />
            ))}
          </ul>
          <Pager
            page={imports.data.page}
            pageSize={imports.data.pageSize}
            total={imports.data.total}
            onPage={(p) => setParams({ page: String(p) })}
          />
        </>
      )}
    </section>
  );
}
