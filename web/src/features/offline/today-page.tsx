import { chinaToday } from '@anju/domain/clock';
import { monthOf } from '@anju/domain/dates';
import { type IncomeSource, incomeSources, visitKinds } from '@anju/domain/enums';
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SetPinForm, UnlockForm } from './pin-forms.tsx';
import {
  downloadPack,
  enqueue,
  type OfflineRecord,
  type Pack,
  type PackHousehold,
  type QueuedRecord,
  readPack,
  readQueue,
  resolveConflict,
  SignedOutError,
  syncQueue,
  writePack,
} from './queue.ts';
import { keepLoadedAssets } from './shell-cache.ts';
import { hasOfflinePin, offlineStoreState, openOfflineStore, type StoreState } from './store.ts';
import './offline.css';

const dimensions = [
  'economic',
  'socialTies',
  'dailyLifeServices',
  'culturalParticipation',
  'psychologicalBelonging',
] as const;
const PHOTO_MAX = 300 * 1024;
const amountOf = (text: string) => Number(text.replace(/[,，\s]/g, ''));
/** How often records that wait for signal are tried again while the phone says it is online. */
const RETRY_SYNC_MS = 5_000;

function useOnline() {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);
  return online;
}

type Lock = 'checking' | StoreState;

/**
 * 今日走访: the worklist kept on the phone (encrypted), visits recorded without signal into a
 * queue that syncs by itself when the signal returns; a conflict shows both versions to choose.
 * A store kept in an earlier session (the browser was closed) opens with the offline PIN; the
 * households show once a PIN is set, so a cold open without signal never loses them.
 */
export function TodayPage() {
  const { t } = useTranslation();
  const online = useOnline();
  const [lock, setLock] = useState<Lock>('checking');
  const [pinSet, setPinSet] = useState(false);
  const [wiped, setWiped] = useState(false);
  const [signedOut, setSignedOut] = useState(false);
  const [pack, setPack] = useState<Pack | undefined>();
  const [queue, setQueue] = useState<QueuedRecord[]>([]);
  const [open, setOpen] = useState<PackHousehold | null>(null);
  const [busy, setBusy] = useState(false);

  const syncing = useRef(false);
  const sync = useCallback(async () => {
    if (syncing.current) return; // one round at a time: a record is never posted twice at once
    syncing.current = true;
    try {
      setQueue(await syncQueue());
      setSignedOut(false);
    } catch (error) {
      if (error instanceof SignedOutError) setSignedOut(true);
      setQueue(await readQueue());
    } finally {
      syncing.current = false;
    }
  }, []);

  const refresh = useCallback(async () => {
    if (!navigator.onLine) return;
    setBusy(true);
    try {
      const fresh = await downloadPack();
      if (!fresh) return;
      const state = await openOfflineStore(fresh.storeSecret, fresh.expiresAt);
      setLock(state);
      if (state !== 'open') return;
      setSignedOut(false);
      await writePack(fresh);
      void keepLoadedAssets().catch(() => undefined);
      setPack(fresh);
      setPinSet(await hasOfflinePin());
      await sync();
    } catch (error) {
      // Signed out, or no signal after all: keep what the phone holds.
      if (error instanceof SignedOutError) setSignedOut(true);
    } finally {
      setBusy(false);
    }
  }, [sync]);

  /** The store just opened (this session, or the PIN): show what it holds, then refresh. */
  const load = useCallback(async () => {
    setLock('open');
    setPack(await readPack());
    setQueue(await readQueue());
    setPinSet(await hasOfflinePin());
    await refresh();
  }, [refresh]);

  useEffect(() => {
    void (async () => {
      const state = await offlineStoreState();
      if (state === 'open') return load();
      setLock(state);
      if (state === 'none') await refresh();
    })();
  }, [load, refresh]);

  useEffect(() => {
    if (online && lock === 'open') void sync();
  }, [online, lock, sync]);

  // Signal comes back in steps: the first request after the 'online' event can still fail with no
  // network, so while records wait to go up they are tried again every few seconds.
  const waiting = online && lock === 'open' && queue.some((item) => item.state === 'pending');
  useEffect(() => {
    if (!waiting) return;
    const retry = window.setInterval(() => void sync(), RETRY_SYNC_MS);
    return () => window.clearInterval(retry);
  }, [waiting, sync]);

  const save = async (item: QueuedRecord) => {
    setQueue(await enqueue(item));
    setOpen(null);
    if (navigator.onLine) await sync();
  };

  return (
    <section className="offline-page" aria-labelledby="today-title">
      <h1 id="today-title">📋 {t('offline.title')}</h1>
      <p className={online ? 'offline-badge offline-badge-on' : 'offline-badge'} role="status" data-testid="network">
        {online ? t('offline.online') : t('offline.offline')}
      </p>
      {signedOut ? (
        <p role="alert" className="offline-muted">
          {t('offline.signedOut')} <a href="/login">{t('offline.signIn')}</a>
        </p>
      ) : null}
      {wiped ? <p role="alert">{t('offline.pinWiped')}</p> : null}
      {lock === 'locked' ? (
        <UnlockForm
          onOpen={() => void load()}
          onWiped={() => {
            setWiped(true);
            setLock('none');
            void refresh();
          }}
        />
      ) : null}
      {lock === 'open' && pack && !pinSet ? <SetPinForm onDone={() => setPinSet(true)} /> : null}
      {online && lock !== 'locked' ? (
        <button type="button" className="offline-primary" onClick={() => void refresh()} disabled={busy}>
          ⬇️ {t('offline.download')}
        </button>
      ) : null}
      {lock === 'locked' ? null : pack ? (
        <p className="offline-muted" data-testid="pack-state">
          {t('offline.downloaded', { count: pack.households.length, time: pack.generatedAt.slice(11, 16) })}
        </p>
      ) : (
        <p className="offline-muted">{online ? t('offline.noPack') : t('offline.nothingKept')}</p>
      )}

      {lock === 'open' ? (
        <>
          <h2>{t('offline.queue')}</h2>
          {queue.length === 0 ? <p className="offline-muted">{t('offline.queueEmpty')}</p> : null}
          <ul className="offline-list">
            {queue.map((item) => (
              <QueueItem
                key={item.record.clientId}
                item={item}
                onResolve={async (keep) => setQueue(await resolveConflict(item.record.clientId, keep))}
              />
            ))}
          </ul>
          {online && queue.some((item) => item.state === 'pending') ? (
            <button type="button" className="offline-secondary" onClick={() => void sync()}>
              🔄 {t('offline.syncNow')}
            </button>
          ) : null}
        </>
      ) : null}

      {open ? <VisitForm household={open} onCancel={() => setOpen(null)} onSave={save} /> : null}

      {lock === 'open' && pinSet ? (
        <ul className="offline-list" aria-label={t('offline.title')}>
          {pack?.households.map((h) => (
            <li
              key={h.householdId}
              className="offline-card"
              data-testid="pack-household"
              data-household={h.householdNumber}
            >
              <div>
                <strong>{h.householdNumber}</strong> {h.headName ?? ''} · {t('offline.members', { count: h.members })}
              </div>
              <div className="offline-muted">
                {h.siteName}
                {h.address ? ` ${h.address}` : ''} ·{' '}
                {h.overdue ? t('offline.overdue', { days: h.daysOverdue }) : t('offline.dueOn', { date: h.dueOn })}
              </div>
              <button type="button" className="offline-primary" onClick={() => setOpen(h)}>
                ✍️ {t('offline.record')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function QueueItem({ item, onResolve }: { item: QueuedRecord; onResolve: (keep: 'mine' | 'server') => void }) {
  const { t } = useTranslation();
  const mine = item.record.payload as { findings?: string | null; visitedOn?: string };
  return (
    <li
      className="offline-card"
      data-testid="queued"
      data-household={item.householdNumber}
      data-state={item.state}
      data-client-id={item.record.clientId}
    >
      <div>
        <strong>{item.householdNumber}</strong> · {mine.visitedOn ?? ''}{' '}
        <span className={`offline-state offline-state-${item.state}`}>{t(`offline.states.${item.state}`)}</span>
      </div>
      {item.state === 'refused' ? <p role="alert">{t('offline.refused', { code: item.problemCode ?? '' })}</p> : null}
      {item.state === 'conflict' ? (
        <div className="offline-conflict">
          <p>{t('offline.conflictTitle')}</p>
          <div className="offline-sides">
            <div>
              <h3>{t('offline.serverVersion')}</h3>
              <ServerSide server={item.server} />
            </div>
            <div>
              <h3>{t('offline.myVersion')}</h3>
              <p>{mine.findings || '—'}</p>
            </div>
          </div>
          <button type="button" className="offline-primary" onClick={() => onResolve('mine')}>
            {t('offline.keepMine')}
          </button>
          <button type="button" className="offline-secondary" onClick={() => onResolve('server')}>
            {t('offline.keepServer')}
          </button>
        </div>
      ) : null}
    </li>
  );
}

interface ServerFacts {
  householdChanged?: boolean;
  monitoringCategory?: string;
  visits?: { visitedOn: string; findings: string | null; by: string | null }[];
  income?: { month: string; source: string; amountYuan: number; by: string | null }[];
  assessments?: { assessedOn: string; total: number; by: string | null }[];
}

function ServerSide({ server }: { server: unknown }) {
  const { t } = useTranslation();
  const facts = (server ?? {}) as ServerFacts;
  return (
    <ul>
      {facts.householdChanged ? (
        <li>{t('offline.householdChanged', { category: t(`registry.monitoring.${facts.monitoringCategory}`) })}</li>
      ) : null}
      {facts.visits?.map((v) => (
        <li key={`v-${v.visitedOn}-${v.findings}`}>
          {t('offline.serverVisit', { date: v.visitedOn, findings: v.findings ?? '—', by: v.by ?? '' })}
        </li>
      ))}
      {facts.income?.map((i) => (
        <li key={`i-${i.month}-${i.source}`}>
          {t('offline.serverIncome', {
            month: i.month,
            source: t(`tracking.sources.${i.source}`),
            amount: i.amountYuan,
            by: i.by ?? '',
          })}
        </li>
      ))}
      {facts.assessments?.map((a) => (
        <li key={`a-${a.assessedOn}-${a.total}`}>
          {t('offline.serverAssessment', { date: a.assessedOn, total: a.total, by: a.by ?? '' })}
        </li>
      ))}
    </ul>
  );
}

function readPhoto(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

function currentPlace(): Promise<{ lat: number; lng: number; accuracyM: number } | null> {
  return new Promise((resolve) => {
    if (!('geolocation' in navigator)) return resolve(null);
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude, accuracyM: p.coords.accuracy }),
      () => resolve(null),
      { timeout: 10_000, maximumAge: 600_000 },
    );
  });
}

function VisitForm({
  household,
  onCancel,
  onSave,
}: {
  household: PackHousehold;
  onCancel: () => void;
  onSave: (item: QueuedRecord) => Promise<void>;
}) {
  const { t } = useTranslation();
  const today = chinaToday();
  const [kind, setKind] = useState<(typeof visitKinds)[number]>('routine');
  const [findings, setFindings] = useState('');
  const [month, setMonth] = useState(monthOf(today, -1));
  const [amounts, setAmounts] = useState<Partial<Record<IncomeSource, string>>>({});
  const [withIntegration, setWithIntegration] = useState(false);
  const [scores, setScores] = useState<Record<(typeof dimensions)[number], number>>({
    economic: 3,
    socialTies: 3,
    dailyLifeServices: 3,
    culturalParticipation: 3,
    psychologicalBelonging: 3,
  });
  const [photo, setPhoto] = useState<File | null>(null);
  const [consent, setConsent] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const items = incomeSources
      .filter((source) => (amounts[source] ?? '').trim() !== '')
      .map((source) => ({ source, amountYuan: amountOf(amounts[source] ?? ''), productionCostsYuan: 0 }));
    if (items.some((item) => Number.isNaN(item.amountYuan))) return setProblem(t('offline.amountInvalid'));
    if (photo && photo.size > (PHOTO_MAX * 3) / 4) return setProblem(t('offline.photoTooBig'));
    const place = consent ? await currentPlace() : null;
    const record: OfflineRecord = {
      clientId: crypto.randomUUID(),
      kind: 'visit',
      capturedAt: new Date().toISOString(),
      householdId: household.householdId,
      base: household.base,
      photo: photo ? await readPhoto(photo) : null,
      location: place ? { ...place, consent: true } : null,
      payload: {
        visitedOn: today,
        kind,
        findings: findings || null,
        measures: [],
        income: items.length ? { month, items } : null,
        assessment: withIntegration ? { assessedOn: today, ...scores } : null,
      },
    };
    await onSave({ record, householdNumber: household.householdNumber, state: 'pending' });
  };

  return (
    <form className="offline-form" onSubmit={(e) => void submit(e)} aria-labelledby="offline-form-title">
      <h2 id="offline-form-title">{t('offline.formTitle', { number: household.householdNumber })}</h2>
      <label>
        {t('tracking.visitKind')}
        <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
          {visitKinds.map((k) => (
            <option key={k} value={k}>
              {t(`tracking.kinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('offline.findings')}
        <textarea value={findings} onChange={(e) => setFindings(e.target.value)} rows={3} />
      </label>
      <fieldset>
        <legend>💰 {t('offline.income')}</legend>
        <label>
          {t('offline.incomeMonth')}
          <input type="month" value={month} max={today.slice(0, 7)} onChange={(e) => setMonth(e.target.value)} />
        </label>
        {incomeSources.map((source) => (
          <label key={source}>
            {t(`tracking.sources.${source}`)}
            <input
              inputMode="decimal"
              value={amounts[source] ?? ''}
              onChange={(e) => setAmounts({ ...amounts, [source]: e.target.value })}
            />
          </label>
        ))}
      </fieldset>
      <label className="offline-check">
        <input type="checkbox" checked={withIntegration} onChange={(e) => setWithIntegration(e.target.checked)} />
        {t('offline.withIntegration')}
      </label>
      {withIntegration ? (
        <fieldset>
          <legend>{t('offline.integration')}</legend>
          {dimensions.map((d) => (
            <label key={d}>
              {t(`tracking.dimensions.${d}`)}
              <select value={scores[d]} onChange={(e) => setScores({ ...scores, [d]: Number(e.target.value) })}>
                {[1, 2, 3, 4, 5].map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </fieldset>
      ) : null}
      <label>
        📷 {t('offline.photo')}
        <input
          type="file"
          accept="image/jpeg,image/png,image/webp"
          onChange={(e) => setPhoto(e.target.files?.[0] ?? null)}
        />
      </label>
      <label className="offline-check">
        <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />📍{' '}
        {t('offline.location')}
      </label>
      {problem ? <p role="alert">{problem}</p> : null}
      <button type="submit" className="offline-primary">
        💾 {t('offline.save')}
      </button>
      <button type="button" className="offline-secondary" onClick={onCancel}>
        {t('offline.cancel')}
      </button>
    </form>
  );
}
