import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { QueryError } from '../../shared/query-error.tsx';
import { useMe } from '../auth/use-me.ts';
import { type BatchInput, useBatches, useCreateBatch } from './api.ts';
import { Card, Fold, Refusal, SiteSelect, useRefusalText } from './parts.tsx';

const transports = ['chartered_bus', 'special_train', 'self'] as const;

/** 劳务输出: the batches from the actor's sites, latest departure first; workers start a new one. */
export function LabourExportPage() {
  const { t } = useTranslation();
  const me = useMe();
  const batches = useBatches();
  const writer = me.data?.role === 'worker' || me.data?.role === 'admin';
  return (
    <section aria-labelledby="labour-title">
      <h1 id="labour-title">{t('programmes.labour.title')}</h1>
      {writer ? <NewBatchForm /> : null}
      <QueryError query={batches} />
      {batches.data?.items.length === 0 ? <p>{t('programmes.empty')}</p> : null}
      <ul className="programmes-list" data-testid="batches">
        {batches.data?.items.map((batch) => (
          <Card key={batch.id} title={batch.destinationEmployer} testId="batch">
            <p>
              {batch.destinationRegion} · {t(`programmes.transports.${batch.transport}`)}
            </p>
            <p className="programmes-muted">
              {batch.siteName} · {t('programmes.labour.departs', { date: batch.departureDate })} ·{' '}
              {t('programmes.labour.members', { count: batch.memberCount })}
            </p>
            <Link className="programmes-primary" to={`/programmes/labour-export/${batch.id}`}>
              {t('programmes.labour.open')}
            </Link>
          </Card>
        ))}
      </ul>
    </section>
  );
}

function NewBatchForm() {
  const { t } = useTranslation();
  const create = useCreateBatch();
  const refusal = useRefusalText();
  const empty: BatchInput = {
    siteId: '',
    destinationEmployer: '',
    destinationRegion: '',
    departureDate: '',
    transport: 'chartered_bus',
    organiser: '',
    note: null,
  };
  const [form, setForm] = useState<BatchInput>(empty);
  const set = (change: Partial<BatchInput>) => setForm((old) => ({ ...old, ...change }));
  return (
    <Fold label={`＋ ${t('programmes.labour.newBatch')}`}>
      <form
        className="programmes-form"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate(form, { onSuccess: () => setForm(empty) });
        }}
      >
        <SiteSelect value={form.siteId} onChange={(siteId) => set({ siteId })} />
        <label>
          {t('programmes.labour.destinationEmployer')}
          <input value={form.destinationEmployer} onChange={(e) => set({ destinationEmployer: e.target.value })} />
        </label>
        <label>
          {t('programmes.labour.destinationRegion')}
          <input value={form.destinationRegion} onChange={(e) => set({ destinationRegion: e.target.value })} />
        </label>
        <label>
          {t('programmes.labour.departureDate')}
          <input type="date" value={form.departureDate} onChange={(e) => set({ departureDate: e.target.value })} />
        </label>
        <label>
          {t('programmes.labour.transport')}
          <select
            value={form.transport}
            onChange={(e) => set({ transport: e.target.value as BatchInput['transport'] })}
          >
            {transports.map((transport) => (
              <option key={transport} value={transport}>
                {t(`programmes.transports.${transport}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('programmes.labour.organiser')}
          <input value={form.organiser} onChange={(e) => set({ organiser: e.target.value })} />
        </label>
        <Refusal text={create.isError ? refusal(create.error, 'programmes.labour.problems') : null} />
        <button type="submit" className="programmes-primary" disabled={create.isPending}>
          {t('programmes.labour.create')}
        </button>
      </form>
    </Fold>
  );
}
