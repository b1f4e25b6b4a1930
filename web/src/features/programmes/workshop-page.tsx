import { chinaMonth, chinaToday } from '@anju/domain/clock';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { QueryError } from '../../shared/query-error.tsx';
import { useMe } from '../auth/use-me.ts';
import { useDecideWorkshop, useRecordEmployment, useWorkshop, useWorkshopEmployment } from './api.ts';
import { Fold, PersonPicker, Refusal, useRefusalText } from './parts.tsx';
import { WorkshopFacts } from './workshops-page.tsx';

/** One 帮扶车间 (its manager's page): criteria against the latest month, monthly employment with pay, 认定. */
export function WorkshopPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe();
  const workshop = useWorkshop(id);
  const employment = useWorkshopEmployment(id);
  const decide = useDecideWorkshop(id);
  const refusal = useRefusalText();
  const role = me.data?.role;
  const data = workshop.data;
  return (
    <section aria-labelledby="workshop-title">
      <p>
        <Link to="/programmes/workshops">‹ {t('programmes.workshops.title')}</Link>
      </p>
      <QueryError query={workshop} />
      {data ? (
        <>
          <h1 id="workshop-title">{data.employerName}</h1>
          <WorkshopFacts workshop={data} />
          {role === 'official' || role === 'admin' ? (
            <>
              <button
                type="button"
                className={data.status === 'recognised' ? 'programmes-secondary' : 'programmes-primary'}
                disabled={decide.isPending}
                onClick={() =>
                  decide.mutate({
                    status: data.status === 'recognised' ? 'revoked' : 'recognised',
                    decidedOn: chinaToday(),
                  })
                }
              >
                {t(data.status === 'recognised' ? 'programmes.workshops.revoke' : 'programmes.workshops.recognise')}
              </button>
              <Refusal text={decide.isError ? refusal(decide.error, 'programmes.workshops.problems') : null} />
            </>
          ) : null}
          {role === 'worker' || role === 'admin' ? <EmploymentForm workshopId={data.id} /> : null}
          <h2>{t('programmes.workshops.employment')}</h2>
          <QueryError query={employment} />
          {employment.data?.items.length === 0 ? <p>{t('programmes.empty')}</p> : null}
          <ul className="programmes-totals" data-testid="employment">
            {employment.data?.items.map((row) => (
              <li key={row.id}>
                {t('programmes.workshops.employmentRow', {
                  month: row.month,
                  name: row.personName ?? '—',
                  pay: row.payYuan,
                })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function EmploymentForm({ workshopId }: { workshopId: string }) {
  const { t } = useTranslation();
  const record = useRecordEmployment(workshopId);
  const refusal = useRefusalText();
  const [personId, setPersonId] = useState('');
  const [month, setMonth] = useState(chinaMonth());
  const [pay, setPay] = useState('');
  return (
    <Fold label={`＋ ${t('programmes.workshops.recordMonth')}`}>
      <form
        className="programmes-form"
        onSubmit={(event) => {
          event.preventDefault();
          record.mutate({ personId, month, payYuan: Number(pay) });
        }}
      >
        <PersonPicker value={personId} onChange={setPersonId} />
        <label>
          {t('programmes.workshops.month')}
          <input type="month" value={month} onChange={(e) => setMonth(e.target.value)} />
        </label>
        <label>
          {t('programmes.workshops.pay')}
          <input inputMode="decimal" value={pay} onChange={(e) => setPay(e.target.value)} />
        </label>
        <Refusal text={record.isError ? refusal(record.error, 'programmes.workshops.problems') : null} />
        <button type="submit" className="programmes-primary" disabled={record.isPending || !personId}>
          {t('programmes.workshops.recordMonth')}
        </button>
      </form>
    </Fold>
  );
}
