import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PIN_PATTERN, setOfflinePin, unlockWithPin, wipeOfflineStore } from './store.ts';

/** 设置离线密码: asked once the households are kept, so a cold open without signal can read them. */
export function SetPinForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!PIN_PATTERN.test(pin)) return setProblem(t('offline.pinInvalid'));
    if (pin !== again) return setProblem(t('offline.pinMismatch'));
    setBusy(true);
    try {
      await setOfflinePin(pin);
      onDone();
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="offline-form" onSubmit={(e) => void submit(e)} aria-labelledby="pin-set-title">
      <h2 id="pin-set-title">🔒 {t('offline.pinSetTitle')}</h2>
      <p className="offline-muted">{t('offline.pinSetHint')}</p>
      <PinInput label={t('offline.pinLabel')} value={pin} onChange={setPin} />
      <PinInput label={t('offline.pinAgain')} value={again} onChange={setAgain} />
      {problem ? <p role="alert">{problem}</p> : null}
      <button type="submit" className="offline-primary" disabled={busy}>
        {t('offline.pinSave')}
      </button>
    </form>
  );
}

/** 输入离线密码: the kept households and queue of an earlier session, opened with the PIN. */
export function UnlockForm({ onOpen, onWiped }: { onOpen: () => void; onWiped: () => void }) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [forgetting, setForgetting] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const answer = await unlockWithPin(pin);
      if (answer.outcome === 'open') return onOpen();
      setPin('');
      if (answer.outcome === 'wrong') return setProblem(t('offline.pinWrong', { count: answer.triesLeft }));
      onWiped();
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="offline-form" onSubmit={(e) => void submit(e)} aria-labelledby="pin-open-title">
      <h2 id="pin-open-title">🔒 {t('offline.unlockTitle')}</h2>
      <p className="offline-muted">{t('offline.unlockHint')}</p>
      <PinInput label={t('offline.pinLabel')} value={pin} onChange={setPin} />
      {problem ? <p role="alert">{problem}</p> : null}
      <button type="submit" className="offline-primary" disabled={busy}>
        {busy ? t('offline.unlocking') : t('offline.unlock')}
      </button>
      {forgetting ? (
        <div className="offline-conflict">
          <p role="alert">{t('offline.forgetWarning')}</p>
          <button
            type="button"
            className="offline-secondary"
            onClick={async () => {
              await wipeOfflineStore();
              onWiped();
            }}
          >
            {t('offline.forgetConfirm')}
          </button>
        </div>
      ) : (
        <button type="button" className="offline-secondary" onClick={() => setForgetting(true)}>
          {t('offline.forget')}
        </button>
      )}
    </form>
  );
}

function PinInput({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="password"
        inputMode="numeric"
        autoComplete="off"
        pattern="[0-9]*"
        maxLength={6}
        value={value}
        onChange={(e) => onChange(e.target.value.replace(/\D/g, ''))}
      />
    </>
  );
}
