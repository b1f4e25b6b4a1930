import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { QueryError } from '../../shared/query-error.tsx';
import { useMe } from '../auth/use-me.ts';
import { useCreateWorkshop, useEmployers, useWorkshops } from './api.ts';
import { Card, Fold, Refusal, SiteSelect, useRefusalText } from './parts.tsx';

export type Workshop = NonNullable<ReturnType<typeof useWorkshops>['data']>['items'][number];

/** The latest month's relocated employment against the criteria, in words. */
export function WorkshopFacts({ workshop }: { workshop: Workshop }) {
  const { t } = useTranslation();
  return (
    <>
      <p>
        {t(`programmes.workshops.statuses.${workshop.status}`)} · {workshop.siteName}
      </p>
      <p>
        {workshop.latestMonth
          ? t('programmes.workshops.latest', { month: workshop.latestMonth, count: workshop.relocatedEmployed })
          : t('programmes.workshops.noMonth')}
      </p>
      <p className="programmes-muted">
        {t(workshop.meetsCriteria ? 'programmes.workshops.meets' : 'programmes.workshops.notMeets')}
      </p>
    </>
  );
}

/** 帮扶车间: workshops in scope (an employer account: its own), and a recognition request. */
export function WorkshopsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const workshops = useWorkshops();
  const writer = me.data?.role === 'worker' || me.data?.role === 'admin';
  return (
    <section aria-labelledby="workshops-title">
      <h1 id="workshops-title">{t('programmes.workshops.title')}</h1>
      {writer ? <NewWorkshopForm /> : null}
      <QueryError query={workshops} />
      {workshops.data?.items.length === 0 ? <p>{t('programmes.empty')}</p> : null}
      <ul className="programmes-list" data-testid="workshops">
        {workshops.data?.items.map((workshop) => (
          <Card key={workshop.id} title={workshop.employerName} testId="workshop">
            <WorkshopFacts workshop={workshop} />
            <Link className="programmes-primary" to={`/programmes/workshops/${workshop.id}`}>
              {t('programmes.workshops.open')}
            </Link>
          </Card>
        ))}
      </ul>
    </section>
  );
}

function NewWorkshopForm() {
  const { t } = useTranslation();
  const create = useCreateWorkshop();
  const employers = useEmployers();
  const refusal = useRefusalText();
  const [employerId, setEmployerId] = useState('');
  const [siteId, setSiteId] = useState('');
  const [minEmployed, setMinEmployed] = useState('10');
  const [minShare, setMinShare] = useState('30');
  const [total, setTotal] = useState('');
  return (
    <Fold label={`＋ ${t('programmes.workshops.newWorkshop')}`}>
      <form
        className="programmes-form"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate({
            employerId,
            siteId,
            minRelocatedEmployed: Number(minEmployed),
            minRelocatedShare: Number(minShare) / 100,
            totalEmployed: Number(total),
          });
        }}
      >
        <label>
          {t('programmes.workshops.employer')}
          <select value={employerId} onChange={(e) => setEmployerId(e.target.value)}>
            <option value="">{t('programmes.workshops.chooseEmployer')}</option>
            {employers.data?.items.map((employer) => (
              <option key={employer.id} value={employer.id}>
                {employer.name}
              </option>
            ))}
          </select>
        </label>
        <SiteSelect value={siteId} onChange={setSiteId} />
        <label>
          {t('programmes.workshops.minRelocatedEmployed')}
          <input inputMode="numeric" value={minEmployed} onChange={(e) => setMinEmployed(e.target.value)} />
        </label>
        <label>
          {t('programmes.workshops.minRelocatedShare')}
          <input inputMode="numeric" value={minShare} onChange={(e) => setMinShare(e.target.value)} />
        </label>
        <label>
          {t('programmes.workshops.totalEmployed')}
          <input inputMode="numeric" value={total} onChange={(e) => setTotal(e.target.value)} />
        </label>
        <Refusal text={create.isError ? refusal(create.error, 'programmes.workshops.problems') : null} />
        <button type="submit" className="programmes-primary" disabled={create.isPending}>
          {t('programmes.workshops.apply')}
        </button>
      </form>
    </Fold>
  );
}
