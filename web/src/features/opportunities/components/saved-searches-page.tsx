import { BellOutlined, DeleteOutlined, SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useDeleteSavedSearch, useMarkRead, useNotifications, useSavedSearches } from '../api/saved-searches.ts';
import '../opportunities.css';
import { QueryError } from '../../../shared/query-error.tsx';

const pageOf: Record<string, string> = { jobs: '/jobs', trainings: '/training', projects: '/projects' };

/** 我的提醒: the resident's saved searches and the in-app notifications they raised. */
export function SavedSearchesPage() {
  const { t } = useTranslation();
  const searches = useSavedSearches();
  const notifications = useNotifications();
  const remove = useDeleteSavedSearch();
  const markRead = useMarkRead();
  return (
    <section className="opps-page" aria-labelledby="saved-title">
      <h1 id="saved-title">
        <BellOutlined aria-hidden="true" /> {t('opportunities.saved.title')}
      </h1>
      <h2>{t('opportunities.saved.notifications')}</h2>
      <QueryError query={notifications} />
      {notifications.data?.items.length === 0 && <p>{t('opportunities.saved.noNotifications')}</p>}
      <ul className="result-list" data-testid="notifications">
        {notifications.data?.items.map((item) => (
          <li key={item.id} className="result-card">
            <strong>{item.title}</strong>
            <p>{item.body}</p>
            <div className="opps-actions">
              {item.read ? (
                <span>{t('opportunities.saved.read')}</span>
              ) : (
                <button type="button" onClick={() => markRead.mutate(item.id)}>
                  {t('opportunities.saved.markRead')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      <h2>{t('opportunities.saved.searches')}</h2>
      <QueryError query={searches} />
      {searches.data?.items.length === 0 && <p>{t('opportunities.saved.none')}</p>}
      <ul className="result-list" data-testid="saved-searches">
        {searches.data?.items.map((search) => (
          <li key={search.id} className="result-card">
            <strong>{search.name}</strong> · {t(`opportunities.saved.index.${search.index}`)}
            <div className="opps-actions">
              <Link to={pageOf[search.index] ?? '/jobs'}>
                <SearchOutlined aria-hidden="true" />
                &nbsp;{t('opportunities.saved.open')}
              </Link>
              <button type="button" onClick={() => remove.mutate(search.id)}>
                <DeleteOutlined aria-hidden="true" />
                &nbsp;{t('opportunities.saved.remove')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
