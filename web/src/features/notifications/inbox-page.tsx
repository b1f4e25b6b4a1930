import { BellOutlined, SettingOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { QueryError } from '../../shared/query-error.tsx';
import { useInbox, useMarkAllRead, useMarkRead } from './api.ts';
import './notifications.css';

/** 消息: the newest first; tapping one marks it read and opens what it is about. */
export function InboxPage() {
  const { t, i18n } = useTranslation();
  const inbox = useInbox();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const navigate = useNavigate();
  const english = i18n.language.startsWith('en');
  return (
    <section className="inbox" aria-labelledby="inbox-title">
      <h1 id="inbox-title">
        <BellOutlined aria-hidden="true" /> {t('notifications.title')}
      </h1>
      <div className="inbox-actions">
        <Button onClick={() => markAll.mutate()} disabled={!inbox.data?.unread} loading={markAll.isPending}>
          {t('notifications.markAllRead')}
        </Button>
        <Link to="/notifications/settings" className="inbox-settings">
          <SettingOutlined aria-hidden="true" /> {t('notifications.settingsLink')}
        </Link>
      </div>
      <QueryError query={inbox} />
      {inbox.data?.items.length === 0 && <p>{t('notifications.empty')}</p>}
      <ul className="inbox-list" data-testid="inbox">
        {inbox.data?.items.map((item) => {
          const text = english && item.en ? item.en : item;
          const open = () => {
            if (!item.read) markRead.mutate(item.id);
            if (item.link) navigate(item.link);
          };
          return (
            <li key={item.id} className={item.read ? 'inbox-item' : 'inbox-item unread'}>
              <button type="button" className="inbox-open" onClick={open}>
                {!item.read && <span className="inbox-dot">{t('notifications.unread')}</span>}
                <strong>{text.title}</strong>
                <span>{text.body}</span>
                <time dateTime={item.createdAt}>
                  {new Date(item.createdAt).toLocaleString(english ? 'en' : 'zh-CN')}
                </time>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
