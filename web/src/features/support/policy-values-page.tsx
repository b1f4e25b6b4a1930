import { chinaToday } from '@anju/domain/clock';
import { monitoringCategories } from '@anju/domain/enums';
import type { TFunction } from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api-error.ts';
import { fieldProblemTexts } from '../../shared/field-problems.ts';
import { QueryError } from '../../shared/query-error.tsx';
import { useMe } from '../auth/use-me.ts';
import { usePolicyValues, usePolicyValueWrite } from './use-support.ts';
import './support.css';

/** The keys an admin adds from the form, in the order README's step 8 asks for them. */
const addableKeys = [
  'monitoring_line_yearly',
  'dibao_standard_monthly',
  ...monitoringCategories.map((category) => `visit_interval_days:${category}`),
];

/** A refused value in the words of this page, by field (the API's English is never shown). */
const problemWords = {
  key: 'support.policy.problems.key',
  regionCode: 'support.policy.problems.regionCode',
  year: 'support.policy.problems.year',
};

function keyLabel(t: TFunction, key: string): string {
  const [base, suffix] = key.split(':');
  const label = t(`support.policy.keys.${base}`);
  if (!suffix) return label;
  // visit_interval_days:<监测类型>; subsidy:<kind> keeps its own word when there is no label for it.
  const known = `registry.monitoring.${suffix}`;
  const suffixLabel = base === 'visit_interval_days' && t(known) !== known ? t(known) : suffix;
  return `${label} · ${suffixLabel}`;
}

function writeProblem(t: TFunction, error: unknown): string | null {
  if (!error) return null;
  const byField = error instanceof ApiError ? fieldProblemTexts(error.problem.errors, t, problemWords) : {};
  return Object.values(byField)[0] ?? t('support.policy.problems.failed');
}

/** 政策参数: policy values by key, place and year; the admin adds and changes them, officials read. */
export function PolicyValuesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const admin = me.data?.role === 'admin';
  const values = usePolicyValues();
  const write = usePolicyValueWrite();
  const problem = writeProblem(t, write.error);
  return (
    <section aria-labelledby="policy-title">
      <h1 id="policy-title">⚙️ {t('support.policy.title')}</h1>
      <p>{t('support.policy.intro')}</p>
      {values.error ? <QueryError query={values} /> : null}
      <table className="support-table" data-testid="policy-values">
        <thead>
          <tr>
            <th>{t('support.policy.key')}</th>
            <th>{t('support.policy.region')}</th>
            <th>{t('support.policy.year')}</th>
            <th>{t('support.policy.value')}</th>
          </tr>
        </thead>
        <tbody>
          {(values.data?.items ?? []).map((row) => (
            <tr key={row.id}>
              <td data-label={t('support.policy.key')}>{keyLabel(t, row.key)}</td>
              <td data-label={t('support.policy.region')}>{row.regionCode ?? t('support.policy.everywhere')}</td>
              <td data-label={t('support.policy.year')}>{row.year}</td>
              <td data-label={t('support.policy.value')}>
                {admin ? (
                  <ValueEditor
                    value={row.value}
                    onSave={(value) => write.mutate({ kind: 'change', id: row.id, value })}
                  />
                ) : (
                  row.value
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {admin ? <AddValueForm onAdd={(input) => write.mutate({ kind: 'add', ...input })} /> : null}
      {problem ? (
        <p role="alert" className="support-failed">
          {problem}
        </p>
      ) : null}
    </section>
  );
}

function ValueEditor({ value, onSave }: { value: number; onSave: (value: number) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(String(value));
  return (
    <form
      className="support-inline"
      onSubmit={(event) => {
        event.preventDefault();
        onSave(Number(draft));
      }}
    >
      <input
        type="number"
        min="0"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        aria-label={t('support.policy.value')}
      />
      <button type="submit">{t('support.policy.change')}</button>
    </form>
  );
}

function AddValueForm({
  onAdd,
}: {
  onAdd: (input: { key: string; regionCode: string | null; year: number; value: number }) => void;
}) {
  const { t } = useTranslation();
  const [key, setKey] = useState(addableKeys[0] ?? '');
  const [regionCode, setRegionCode] = useState('');
  const [year, setYear] = useState(chinaToday().slice(0, 4));
  const [value, setValue] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onAdd({ key, regionCode: regionCode.trim() || null, year: Number(year), value: Number(value) });
  };
  return (
    <form className="support-form" onSubmit={submit} aria-label={t('support.policy.add')}>
      <label>
        {t('support.policy.key')}
        <select value={key} onChange={(e) => setKey(e.target.value)} required>
          {addableKeys.map((option) => (
            <option key={option} value={option}>
              {keyLabel(t, option)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('support.policy.region')}
        <input
          value={regionCode}
          onChange={(e) => setRegionCode(e.target.value)}
          placeholder={t('support.policy.everywhere')}
          inputMode="numeric"
        />
      </label>
      <label>
        {t('support.policy.year')}
        <input type="number" value={year} onChange={(e) => setYear(e.target.value)} required />
      </label>
      <label>
        {t('support.policy.value')}
        <input type="number" min="0" value={value} onChange={(e) => setValue(e.target.value)} required />
      </label>
      <button type="submit">{t('support.policy.add')}</button>
    </form>
  );
}
