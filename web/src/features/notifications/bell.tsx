import { BellOutlined } from '@ant-design/icons';
import { Badge } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useUnreadCount } from './api.ts';
import './notifications.css';

/** The bell in the top bar: the unread count as a badge; a tap opens 消息. */
export function NotificationBell({ className }: { className?: string }) {
  const { t } = useTranslation();
  const unread = useUnreadCount(true).data?.unread ?? 0;
  return (
    <Link
      to="/notifications"
      className={`bell ${className ?? ''}`}
      data-testid="bell"
      aria-label={unread ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell')}
    >
      <Badge count={unread} size="small" overflowCount={99}>
        <BellOutlined aria-hidden="true" className="bell-icon" />
      </Badge>
    </Link>
  );
}
