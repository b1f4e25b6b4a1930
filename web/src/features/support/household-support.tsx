import { chinaToday } from '@anju/domain/clock';
import { guaranteeDimensions, riskKinds, supportMeasureKinds } from '@anju/domain/enums';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/use-me.ts';
import { Saved, SpendingForm, VoidRisk } from './fact-corrections.tsx';
import { useHouseholdSupport, useSupportWrite } from './use-support.ts';
import './support.css';

/** The household page's support sections: 帮扶措施, 风险类型, 刚性支出 and 三保障 + 饮水安全. */
export function HouseholdSupport({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const support = useHouseholdSupport(householdId);
  const role = me.data?.role;
  const records = role === 'worker' || role === 'helper' || role === 'admin';
  if (!support.data) return null;
  const { measures, risks, spending, checks } = support.data;
  const latest = new Map(checks.latest.map((check) => [check.dimension, check]));
  return (
    <div className="support-section">
      <section aria-labelledby="measures-title">
        <h2 id="measures-title">🤝 {t('support.measures')}</h2>
        {measures.length === 0 ? <p>{t('support.noMeasures')}</p> : null}
        <ul className="support-list" data-testid="support-measures">
          {measures.map((m) => (
            <li key={m.id} className="support-card">
              <strong>{t(`support.measureKinds.${m.kind}`)}</strong> · {m.startedOn} –{' '}
              {m.endedOn ?? t('support.ongoing')}
              {m.personName ? ` · ${m.personName}` : ''} · {m.responsibleUnit}
              {m.amountYuan !== null ? ` · ${m.amountYuan} ${t('tracking.yuan')}` : ''}
              {m.note ? ` · ${m.note}` : ''}
            </li>
          ))}
        </ul>
        {records ? <MeasureForm householdId={householdId} /> : null}
      </section>
      <section aria-labelledby="guarantees-title">
        <h2 id="guarantees-title">🛡️ {t('support.guarantees')}</h2>
        <ul className="support-list" data-testid="guarantee-checks">
          {guaranteeDimensions.map((dimension) => {
            const check = latest.get(dimension);
            return (
              <li key={dimension} className="support-card" data-dimension={dimension}>
                <strong>{t(`support.dimensions.${dimension}`)}</strong> ·{' '}
                {check ? (
                  <>
                    <span className={check.ok ? 'support-ok' : 'support-failed'}>
                      {check.ok ? t('support.passed') : t('support.failed')}
                    </span>{' '}
                    · {check.checkedOn} · {check.evidence}
                  </>
                ) : (
                  t('support.notChecked')
                )}
              </li>
            );
          })}
        </ul>
        {records ? <CheckForm householdId={householdId} /> : null}
      </section>
      <section aria-labelledby="risks-title">
        <h2 id="risks-title">⚠️ {t('support.risks')}</h2>
        {risks.length === 0 ? <p>{t('support.noRisks')}</p> : null}
        <ul className="support-list">
          {risks.map((r) => (
            <li key={r.id} className="support-card">
              <strong>{t(`support.riskKinds.${r.kind}`)}</strong> · {r.fromOn} – {r.toOn ?? t('support.ongoing')}
              {r.note ? ` · ${r.note}` : ''}
              {records ? <VoidRisk householdId={householdId} riskId={r.id} /> : null}
            </li>
          ))}
        </ul>
        {records ? <RiskForm householdId={householdId} /> : null}
      </section>
      <section aria-labelledby="spending-title">
        <h2 id="spending-title">💊 {t('support.spending')}</h2>
        {spending.length === 0 ? <p>{t('support.noSpending')}</p> : null}
        <ul className="support-list">
          {spending.map((s) => (
            <li key={s.id} className="support-card" data-testid="spending-row">
              <strong>{t(`support.spendingKinds.${s.kind}`)}</strong> ·{' '}
              {s.periodKind === 'month' ? s.spentOn.slice(0, 7) : s.spentOn} · {s.amountYuan} {t('tracking.yuan')}
              {records ? <EditSpending householdId={householdId} row={s} /> : null}
            </li>
          ))}
        </ul>
        {records ? <SpendingForm householdId={householdId} /> : null}
      </section>
    </div>
  );
}

function EditSpending({
  householdId,
  row,
}: {
  householdId: string;
  row: Parameters<typeof SpendingForm>[0]['current'];
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <button type="button" className="support-card-action" onClick={() => setOpen(true)}>
        {t('support.editSpending')}
      </button>
    );
  return <SpendingForm householdId={householdId} current={row} onDone={() => setOpen(false)} />;
}

function MeasureForm({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const write = useSupportWrite(householdId);
  const [kind, setKind] = useState<(typeof supportMeasureKinds)[number]>('employment');
  const [startedOn, setStartedOn] = useState(chinaToday());
  const [unit, setUnit] = useState('');
  const [amount, setAmount] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    write.mutate({
      kind: 'measure',
      json: { kind, startedOn, responsibleUnit: unit, amountYuan: amount ? Number(amount) : null },
    });
  };
  return (
    <form className="support-form" onSubmit={submit} aria-label={t('support.addMeasure')}>
      <label>
        {t('support.kind')}
        <select name="measureKind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
          {supportMeasureKinds.map((k) => (
            <option key={k} value={k}>
              {t(`support.measureKinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('support.startedOn')}
        <input type="date" value={startedOn} onChange={(e) => setStartedOn(e.target.value)} required />
      </label>
      <label>
        {t('support.responsibleUnit')}
        <input name="responsibleUnit" value={unit} onChange={(e) => setUnit(e.target.value)} required />
      </label>
      <label>
        {t('support.amount')}
        <input type="number" min="0" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
      </label>
      <button type="submit" disabled={write.isPending}>
        {t('support.addMeasure')}
      </button>
      <Saved state={write} />
    </form>
  );
}

function CheckForm({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const write = useSupportWrite(householdId);
  const [dimension, setDimension] = useState<(typeof guaranteeDimensions)[number]>('drinking_water');
  const [checkedOn, setCheckedOn] = useState(chinaToday());
  const [ok, setOk] = useState('true');
  const [evidence, setEvidence] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    write.mutate({ kind: 'check', json: { dimension, checkedOn, ok: ok === 'true', evidence } });
  };
  return (
    <form className="support-form" onSubmit={submit} aria-label={t('support.addCheck')}>
      <label>
        {t('support.kind')}
        <select name="dimension" value={dimension} onChange={(e) => setDimension(e.target.value as typeof dimension)}>
          {guaranteeDimensions.map((d) => (
            <option key={d} value={d}>
              {t(`support.dimensions.${d}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('support.result')}
        <select name="ok" value={ok} onChange={(e) => setOk(e.target.value)}>
          <option value="true">{t('support.passed')}</option>
          <option value="false">{t('support.failed')}</option>
        </select>
      </label>
      <label>
        {t('support.checkedOn')}
        <input type="date" value={checkedOn} onChange={(e) => setCheckedOn(e.target.value)} required />
      </label>
      <label>
        {t('support.evidence')}
        <input name="evidence" value={evidence} onChange={(e) => setEvidence(e.target.value)} required />
      </label>
      <button type="submit" disabled={write.isPending}>
        {t('support.addCheck')}
      </button>
      <Saved state={write} />
    </form>
  );
}

function RiskForm({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const write = useSupportWrite(householdId);
  const [kind, setKind] = useState<(typeof riskKinds)[number]>('illness');
  const [fromOn, setFromOn] = useState(chinaToday());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    write.mutate({ kind: 'risk', json: { kind, fromOn } });
  };
  return (
    <form className="support-form" onSubmit={submit} aria-label={t('support.addRisk')}>
      <label>
        {t('support.kind')}
        <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
          {riskKinds.map((k) => (
            <option key={k} value={k}>
              {t(`support.riskKinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('support.fromOn')}
        <input type="date" value={fromOn} onChange={(e) => setFromOn(e.target.value)} required />
      </label>
      <button type="submit" disabled={write.isPending}>
        {t('support.addRisk')}
      </button>
      <Saved state={write} />
    </form>
  );
}
