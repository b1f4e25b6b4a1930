import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/use-me.ts';
import { useMyConsent, useSetMyConsent } from './api.ts';
import './notifications.css';

/** 允许招聘单位看到我: a resident's own consent, with the date it was given and a withdraw button. */
export function ConsentCard() {
  const { t } = useTranslation();
  const me = useMe();
  const isResident = me.data?.role === 'resident' && Boolean(me.data.personId);
  const consent = useMyConsent(isResident);
  const change = useSetMyConsent();
  if (!isResident || !consent.data) return null;
  const { given, dated, givenBy } = consent.data;
  return (
    <section className="consent-card" aria-labelledby="consent-title" data-testid="consent-card">
      <h2 id="consent-title">{t('notifications.consent.title')}</h2>
      <p>{t('notifications.consent.explain')}</p>
      {given && dated ? (
        <p data-testid="consent-state">
          {t('notifications.consent.givenOn', { date: dated })}
          {givenBy ? `（${t(`notifications.consent.givenBy.${givenBy}`)}）` : ''}
        </p>
      ) : (
        <p data-testid="consent-state">{t('notifications.consent.notGiven')}</p>
      )}
      <Button
        type={given ? 'default' : 'primary'}
        size="large"
        loading={change.isPending}
        onClick={() => change.mutate(!given)}
      >
        {given ? t('notifications.consent.withdraw') : t('notifications.consent.give')}
      </Button>
    </section>
  );
}
