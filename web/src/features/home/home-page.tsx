import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { navFor } from '../../app/routes.tsx';
import { useMe } from '../auth/use-me.ts';
import { Recommendations } from '../matching/recommendations.tsx';
import { WorkCounts } from '../tracking/work-counts.tsx';

/** Big tiles, one per thing the role comes to do (the same entries as the menu). */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  if (!me.data) return null;
  return (
    <>
      <Typography.Title level={1}>{t('home.welcome', { name: me.data.name })}</Typography.Title>
      <Typography.Paragraph>{t('home.pick')}</Typography.Paragraph>
      {['worker', 'official', 'admin'].includes(me.data.role) ? <WorkCounts /> : null}
      <ul className="tiles" data-testid="home-tiles">
        {navFor(me.data.role).map((item) => (
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
        (me.data.personId ? (
          <Recommendations personId={me.data.personId} heading={t('matching.forYou')} />
        ) : (
          <p>{t('matching.noPerson')}</p>
        ))}
    </>
  );
}
