import { chinaToday } from '@anju/domain/clock';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../shared/query-error.tsx';
import { useMe } from '../auth/use-me.ts';
import { type SubsidyInput, useAdvanceSubsidy, useCreateSubsidy, useSubsidies, useSubsidyTotals } from './api.ts';
import { Card, Fold, PersonPicker, Refusal, useRefusalText } from './parts.tsx';

const kinds = ['training', 'employment', 'transport'] as const;
const states = ['qualified', 'applied', 'approved', 'paid'] as const;

/** 补贴台账: a year's entries with totals by state; each moves applied → approved → paid, never twice. */
export function SubsidiesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const thisYear = Number(chinaToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const entries = useSubsidies(year);
  const totals = useSubsidyTotals(year);
  const advance = useAdvanceSubsidy();
  const refusal = useRefusalText();
  const writer = me.data?.role === 'worker' || me.data?.role === 'admin';
  const byState = states.map((state) => {
    const rows = totals.data?.items.filter((row) => row.state === state) ?? [];
    return {
      state,
      count: rows.reduce((sum, row) => sum + row.entries, 0),
      amount: rows.reduce((sum, row) => sum + row.amountYuan, 0),
    };
  });
  return (
    <section aria-labelledby="subsidies-title">
      <h1 id="subsidies-title">{t('programmes.subsidies.title')}</h1>
      <label className="programmes-form">
        {t('programmes.subsidies.year')}
        <select value={year} onChange={(e) => setYear(Number(e.target.value))}>
          {[thisYear, thisYear - 1, thisYear - 2].map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </label>
      <h2>{t('programmes.subsidies.totals', { year })}</h2>
      <QueryError query={totals} />
      <ul className="programmes-totals" data-testid="subsidy-totals">
        {byState.map((row) => (
          <li key={row.state} data-state={row.state}>
            {t('programmes.subsidies.total', {
              state: t(`programmes.subsidies.states.${row.state}`),
              count: row.count,
              amount: row.amount,
            })}
          </li>
        ))}
      </ul>
      {writer ? <NewEntryForm /> : null}
      <Refusal text={advance.isError ? refusal(advance.error, 'programmes.subsidies.problems') : null} />
      <QueryError query={entries} />
      {entries.data?.items.length === 0 ? <p>{t('programmes.empty')}</p> : null}
      <ul className="programmes-list" data-testid="subsidies">
        {entries.data?.items.map((entry) => (
          <Card
            key={entry.id}
            title={`${entry.personName ?? '—'} · ${t(`programmes.subsidies.kinds.${entry.kind}`)}`}
            testId="subsidy"
          >
            <p>
              {entry.basis} · {entry.period} · {t('programmes.yuan', { amount: entry.amountYuan })}
            </p>
            <p data-testid="subsidy-state">{t(`programmes.subsidies.states.${entry.state}`)}</p>
            {writer && entry.state !== 'paid' ? (
              <button
                type="button"
                className="programmes-primary"
                disabled={advance.isPending}
                onClick={() => advance.mutate(entry.id)}
              >
                {t(`programmes.subsidies.advance.${entry.state}`)}
              </button>
            ) : null}
          </Card>
        ))}
      </ul>
    </section>
  );
}

function NewEntryForm() {
  const { t } = useTranslation();
  const create = useCreateSubsidy();
  const refusal = useRefusalText();
  const [personId, setPersonId] = useState('');
  const [kind, setKind] = useState<SubsidyInput['kind']>('training');
  const [basis, setBasis] = useState('');
  const [period, setPeriod] = useState(chinaToday().slice(0, 4));
  const [amount, setAmount] = useState('');
  return (
    <Fold label={`＋ ${t('programmes.subsidies.newEntry')}`}>
      <form
        className="programmes-form"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate({ personId, kind, basis, period, amountYuan: Number(amount) });
        }}
      >
        <PersonPicker value={personId} onChange={setPersonId} />
        <label>
          {t('programmes.subsidies.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as SubsidyInput['kind'])}>
            {kinds.map((value) => (
              <option key={value} value={value}>
                {t(`programmes.subsidies.kinds.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('programmes.subsidies.basis')}
          <input value={basis} onChange={(e) => setBasis(e.target.value)} />
        </label>
        <label>
          {t('programmes.subsidies.period')}
          <input value={period} onChange={(e) => setPeriod(e.target.value)} />
        </label>
        <label>
          {t('programmes.subsidies.amount')}
          <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
        </label>
        <Refusal text={create.isError ? refusal(create.error, 'programmes.subsidies.problems') : null} />
        <button type="submit" className="programmes-primary" disabled={create.isPending || !personId}>
          {t('programmes.subsidies.create')}
        </button>
      </form>
    </Fold>
  );
}
