import { chinaToday } from '@anju/domain/clock';
import { essentialSpendingKinds } from '@anju/domain/enums';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemReasonText } from '../../shared/problem-reason.ts';
import { useSupportWrite } from './use-support.ts';

/** Saved, or why not in plain words (from the problem's code, never its English text). */
export function Saved({ state }: { state: { isSuccess: boolean; error: Error | null } }) {
  const { t } = useTranslation();
  if (state.error) return <p role="alert">{problemReasonText(t, state.error, 'support')}</p>;
  return state.isSuccess ? <p role="status">{t('support.saved')}</p> : null;
}

/** 作废: a risk recorded by mistake is voided, and the worker must say why. */
export function VoidRisk({ householdId, riskId }: { householdId: string; riskId: string }) {
  const { t } = useTranslation();
  const write = useSupportWrite(householdId);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!open)
    return (
      <button type="button" className="support-card-action" onClick={() => setOpen(true)}>
        {t('support.voidRisk')}
      </button>
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    write.mutate({ kind: 'voidRisk', riskId, reason });
  };
  return (
    <form className="support-form" onSubmit={submit} aria-label={t('support.voidRisk')}>
      <label>
        {t('support.voidReason')}
        <input name="voidReason" value={reason} onChange={(e) => setReason(e.target.value)} required minLength={2} />
      </label>
      <button type="submit" disabled={write.isPending}>
        {t('support.voidConfirm')}
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        {t('support.cancel')}
      </button>
      <Saved state={write} />
    </form>
  );
}

interface SpendingRow {
  id: string;
  kind: (typeof essentialSpendingKinds)[number];
  amountYuan: number;
  periodKind: 'month' | 'day';
  spentOn: string;
}

/** 刚性支出: records a new one, or corrects `current` (kind, amount, month or day). */
export function SpendingForm({
  householdId,
  current,
  onDone,
}: {
  householdId: string;
  current?: SpendingRow;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const write = useSupportWrite(householdId);
  const [kind, setKind] = useState(current?.kind ?? 'medical');
  const [amount, setAmount] = useState(current ? String(current.amountYuan) : '');
  const [periodKind, setPeriodKind] = useState<'month' | 'day'>(current?.periodKind ?? 'month');
  const [when, setWhen] = useState(
    current
      ? current.periodKind === 'month'
        ? current.spentOn.slice(0, 7)
        : current.spentOn
      : chinaToday().slice(0, 7),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const json = {
      kind,
      amountYuan: Number(amount),
      ...(periodKind === 'month' ? { month: when.slice(0, 7) } : { spentOn: when }),
    };
    const done = { onSuccess: () => onDone?.() };
    if (current) write.mutate({ kind: 'editSpending', spendingId: current.id, json }, done);
    else write.mutate({ kind: 'spending', json }, done);
  };
  const label = current ? t('support.editSpending') : t('support.addSpending');
  return (
    <form className="support-form" onSubmit={submit} aria-label={label}>
      <label>
        {t('support.kind')}
        <select name="spendingKind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
          {essentialSpendingKinds.map((k) => (
            <option key={k} value={k}>
              {t(`support.spendingKinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('support.amount')}
        <input
          name="spendingAmount"
          type="number"
          min="0.01"
          step="0.01"
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          required
        />
      </label>
      <label>
        {t('support.period')}
        <select
          name="periodKind"
          value={periodKind}
          onChange={(e) => {
            const next = e.target.value as 'month' | 'day';
            setPeriodKind(next);
            setWhen(next === 'month' ? when.slice(0, 7) : `${when.slice(0, 7)}-01`);
          }}
        >
          <option value="month">{t('support.byMonth')}</option>
          <option value="day">{t('support.byDay')}</option>
        </select>
      </label>
      <label>
        {periodKind === 'month' ? t('support.month') : t('support.spentOn')}
        <input
          name="spentWhen"
          type={periodKind === 'month' ? 'month' : 'date'}
          value={when}
          onChange={(e) => setWhen(e.target.value)}
          required
        />
      </label>
      <button type="submit" disabled={write.isPending}>
        {current ? t('support.save') : t('support.addSpending')}
      </button>
      {onDone ? (
        <button type="button" onClick={onDone}>
          {t('support.cancel')}
        </button>
      ) : null}
      <Saved state={write} />
    </form>
  );
}
