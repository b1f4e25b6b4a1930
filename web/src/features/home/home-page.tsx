import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { type Role, useMe } from '../auth/use-me.ts';

/** Big tiles, one per thing the role comes to do (the same entries as the menu). */
/** The role's menu entries and the resident's recommendations come from web/src/app/ (router.tsx). */
export interface HomeSlots {
  tiles: (role: Role) => { path: string; label: string; icon: ReactNode }[];
  forYou: (personId: string, heading: string) => ReactNode;
  /** Counts of open work for workers, officials and admins. */
  workCounts: () => ReactNode;
}

export function HomePage({ slots }: { slots: HomeSlots }) {
  const { t } = useTranslation();
  const me = useMe();
  if (!me.data) return null;
  return (
    <>
      <Typography.Title level={1}>{t('home.welcome', { name: me.data.name })}</Typography.Title>
      <Typography.Paragraph>{t('home.pick')}</Typography.Paragraph>
      {['worker', 'official', 'admin'].includes(me.data.role) ? slots.workCounts() : null}
      <ul className="tiles" data-testid="home-tiles">
        {slots.tiles(me.data.role).map((item) => (
          <li key={item.path}>
            <Link to={item.path} className="tile">
              <span className="tile-icon" aria-hidden="true">
                {item.icon}
              </span>
              <span>{t(item.label)}</span>
            </Link>
          </li>
        ))}
      </ul>
      {me.data.role === 'resident' &&
        (me.data.personId ? slots.forYou(me.data.personId, t('matching.forYou')) : <p>{t('matching.noPerson')}</p>)}
    </>
  );
}
