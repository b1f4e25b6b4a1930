import { chinaToday } from '@anju/domain/clock';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDibaoChange, useDibaoEnrolment } from './use-tracking.ts';

interface Dibao {
  id: string;
  state: string;
  class: string | null;
  monthlyAmountYuan: number | null;
  validUntil: string | null;
  stateSince: string;
}

/** 低保: the current state and a form for the next step the state machine allows. */
export function DibaoPanel({ householdId, dibao }: { householdId: string; dibao: Dibao | null }) {
  const { t } = useTranslation();
  const enrolment = useDibaoEnrolment(dibao?.id);
  const allowed: string[] | undefined = dibao ? enrolment.data?.allowedNext : ['applied', 'not_applied'];
  return (
    <section aria-labelledby="dibao-title" className="tracking-card">
      <h2 id="dibao-title">🧾 {t('tracking.dibao')}</h2>
      <p data-testid="dibao-state">
        {dibao ? (
          <>
            <strong>{t(`tracking.dibaoStates.${dibao.state}`)}</strong> · {t('tracking.since')} {dibao.stateSince}
            {dibao.class ? ` · ${dibao.class}${t('tracking.dibaoClassSuffix')}` : ''}
            {dibao.monthlyAmountYuan !== null ? ` · ${dibao.monthlyAmountYuan} ${t('tracking.yuanPerMonth')}` : ''}
            {dibao.validUntil ? ` · ${t('tracking.validUntil')} ${dibao.validUntil}` : ''}
          </>
        ) : (
          t('tracking.dibaoNone')
        )}
      </p>
      {/* A fresh form for each state, once the allowed next steps of that state are known. */}
      {allowed?.length && (!dibao || enrolment.data?.state === dibao.state) ? (
        <DibaoStepForm key={`${dibao?.id}-${dibao?.state}`} householdId={householdId} dibao={dibao} allowed={allowed} />
      ) : null}
    </section>
  );
}

function DibaoStepForm({
  householdId,
  dibao,
  allowed,
}: {
  householdId: string;
  dibao: Dibao | null;
  allowed: string[];
}) {
  const { t } = useTranslation();
  const change = useDibaoChange();
  const [next, setNext] = useState(allowed[0]);
  const [on, setOn] = useState(chinaToday());
  const [reason, setReason] = useState('');
  const [dibaoClass, setDibaoClass] = useState('B');
  const [amount, setAmount] = useState('');
  const [validUntil, setValidUntil] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!dibao) change.mutate({ kind: 'start', householdId, state: next as 'applied' | 'not_applied', on, reason });
    else
      change.mutate({
        kind: 'move',
        enrolmentId: dibao.id,
        to: next,
        on,
        reason,
        class: next === 'enrolled' ? dibaoClass : undefined,
        monthlyAmountYuan: next === 'enrolled' && amount ? Number(amount) : undefined,
        validUntil: next === 'enrolled' || next === 'renewed' ? validUntil : undefined,
      });
  };
  return (
    <form className="tracking-form" onSubmit={submit}>
      <label>
        {t('tracking.dibaoNext')}
        <select value={next} onChange={(e) => setNext(e.target.value)}>
          {allowed.map((state) => (
            <option key={state} value={state}>
              {t(`tracking.dibaoStates.${state}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        📅 {t('tracking.date')}
        <input type="date" value={on} max={chinaToday()} onChange={(e) => setOn(e.target.value)} required />
      </label>
      {next === 'enrolled' ? (
        <>
          <label>
            {t('tracking.dibaoClass')}
            <select value={dibaoClass} onChange={(e) => setDibaoClass(e.target.value)}>
              {['A', 'B', 'C'].map((c) => (
                <option key={c} value={c}>
                  {c}
                  {t('tracking.dibaoClassSuffix')}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('tracking.yuanPerMonth')}
            <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required />
          </label>
        </>
      ) : null}
      {next === 'enrolled' || next === 'renewed' ? (
        <label>
          {t('tracking.validUntil')}
          <input type="date" value={validUntil} min={on} onChange={(e) => setValidUntil(e.target.value)} required />
        </label>
      ) : null}
      <label>
        {t('tracking.reason')}
        <input
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required={next === 'refused' || next === 'exited'}
        />
      </label>
      <button type="submit" disabled={change.isPending}>
        💾 {t('tracking.save')}
      </button>
      {change.isError ? (
        <p role="alert">
          {t('tracking.failed')} ({change.error.message})
        </p>
      ) : null}
    </form>
  );
}
