import { useTranslation } from 'react-i18next';

export function Pager({
  page,
  pageSize,
  total,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <nav className="registry-pager">
      <button type="button" className="registry-button secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        ◀ {t('registry.previous')}
      </button>
      <span>{t('registry.pageOf', { page, total })}</span>
      <button
        type="button"
        className="registry-button secondary"
        disabled={page * pageSize >= total}
        onClick={() => onPage(page + 1)}
      >
        {t('registry.next')} ▶
      </button>
    </nav>
  );
}
