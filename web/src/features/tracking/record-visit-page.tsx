import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useRecordVisit } from './use-tracking.ts';
import './tracking.css';

const measures = [
  'job_referral',
  'training_referral',
  'dibao_application',
  'public_welfare_post',
  'medical_aid',
  'education_aid',
  'other',
] as const;
const sources = [
  'wages',
  'business',
  'property',
  'transfer_dibao',
  'transfer_pension',
  'transfer_subsidy',
  'transfer_other',
] as const;
const today = () => new Date().toISOString().slice(0, 10);

/** 记录走访: a visit with its measures, and optionally one month's income, in one form. */
export function RecordVisitPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const save = useRecordVisit();
  const [kind, setKind] = useState<'routine' | 'alert_follow_up' | 'dibao_check'>('routine');
  const [visitedOn, setVisitedOn] = useState(today());
  const [findings, setFindings] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [nextVisitDue, setNextVisitDue] = useState('');
  const [period, setPeriod] = useState(today().slice(0, 7));
  const [source, setSource] = useState<string>('wages');
  const [amount, setAmount] = useState('');
  const [costs, setCosts] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      householdId: id,
      visitedOn,
      kind,
      findings,
      measures: chosen,
      nextVisitDue,
      income: amount
        ? {
            period,
            source,
            amountYuan: Number(amount),
            productionCostsYuan: source === 'business' ? Number(costs || 0) : 0,
          }
        : undefined,
    });
  };
  return (
    <form className="tracking-form" onSubmit={submit} aria-labelledby="visit-title">
      <h1 id="visit-title">✍️ {t('tracking.recordVisit')}</h1>
      <label>
        📅 {t('tracking.visitedOn')}
        <input type="date" value={visitedOn} max={today()} onChange={(e) => setVisitedOn(e.target.value)} required />
      </label>
      <label>
        {t('tracking.visitKind')}
        <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
          {(['routine', 'alert_follow_up', 'dibao_check'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`tracking.kinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        📝 {t('tracking.findings')}
        <textarea value={findings} onChange={(e) => setFindings(e.target.value)} rows={3} />
      </label>
      <fieldset>
        <legend>🛠️ {t('tracking.measures')}</legend>
        <div className="tracking-checks">
          {measures.map((m) => (
            <label key={m}>
              <input
                type="checkbox"
                name="measure"
                value={m}
                checked={chosen.includes(m)}
                onChange={(e) => setChosen(e.target.checked ? [...chosen, m] : chosen.filter((c) => c !== m))}
              />
              {t(`tracking.measureNames.${m}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <label>
        {t('tracking.nextVisitDue')}
        <input type="date" value={nextVisitDue} onChange={(e) => setNextVisitDue(e.target.value)} />
      </label>
      <fieldset className="tracking-form">
        <legend>💰 {t('tracking.incomeTitle')}</legend>
        <label>
          {t('tracking.incomeMonth')}
          <input type="month" value={period} onChange={(e) => setPeriod(e.target.value)} />
        </label>
        <label>
          {t('tracking.incomeSource')}
          <select value={source} onChange={(e) => setSource(e.target.value)}>
            {sources.map((s) => (
              <option key={s} value={s}>
                {t(`tracking.sources.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('tracking.amount')}
          <input name="amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
        </label>
        {source === 'business' ? (
          <label>
            {t('tracking.costs')}
            <input inputMode="decimal" value={costs} onChange={(e) => setCosts(e.target.value)} />
          </label>
        ) : null}
      </fieldset>
      <button type="submit" className="tracking-primary" disabled={save.isPending}>
        💾 {t('tracking.save')}
      </button>
      {save.isSuccess ? <p role="status">{t('tracking.saved')}</p> : null}
      {save.isError ? <p role="alert">{t('tracking.failed')}</p> : null}
    </form>
  );
}
