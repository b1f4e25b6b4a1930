import { chinaToday } from '@anju/domain/clock';
import { residentKinds, stepOf, type WorkflowKind, workflowKinds } from '@anju/domain/workflows';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/use-me.ts';
import { workflowProblem } from './problem-text.ts';
import { type CompleteJson, useHouseholdWorkflows, useWorkflowWrite } from './use-workflows.ts';
import './workflows.css';

/** Whole days from one ISO day to a later one. */
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

type Workflow = NonNullable<ReturnType<typeof useHouseholdWorkflows>['data']>['items'][number];
type Step = NonNullable<Workflow['trail']>[number];

/** 帮扶流程 on the household page: start one, take the current step, read the trail. */
export function HouseholdWorkflows({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const workflows = useHouseholdWorkflows(householdId);
  const role = me.data?.role;
  const starts = role === 'worker' || role === 'helper' || role === 'admin' || role === 'resident';
  if (!workflows.data) return null;
  return (
    <section aria-labelledby="workflows-title" className="workflows-section" id="workflows">
      <h2 id="workflows-title">📋 {t('workflows.title')}</h2>
      {workflows.data.items.length === 0 ? <p>{t('workflows.none')}</p> : null}
      <ul className="workflows-list">
        {workflows.data.items.map((w) => (
          <WorkflowCard key={w.id} workflow={w} householdId={householdId} role={role} />
        ))}
      </ul>
      {starts ? <StartForm householdId={householdId} resident={role === 'resident'} /> : null}
    </section>
  );
}

function StartForm({ householdId, resident }: { householdId: string; resident: boolean }) {
  const { t } = useTranslation();
  const write = useWorkflowWrite(householdId);
  const kinds = resident ? residentKinds : workflowKinds;
  const [kind, setKind] = useState<WorkflowKind>(kinds[0]);
  const [reason, setReason] = useState('');
  const [category, setCategory] = useState<'unstable' | 'marginal' | 'sudden_hardship'>('marginal');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    write.mutate(
      { kind: 'start', json: { kind, reason, category: kind === 'monitoring_identification' ? category : undefined } },
      { onSuccess: () => setReason('') },
    );
  };
  return (
    <details className="workflows-card">
      <summary>➕ {t('workflows.start')}</summary>
      <form className="workflows-form" onSubmit={submit}>
        <label>
          {t('workflows.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as WorkflowKind)}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`workflows.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {kind === 'monitoring_identification' ? (
          <label>
            {t('workflows.category')}
            <select value={category} onChange={(e) => setCategory(e.target.value as typeof category)}>
              {(['unstable', 'marginal', 'sudden_hardship'] as const).map((c) => (
                <option key={c} value={c}>
                  {t(`workflows.categories.${c}`)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label>
          {t('workflows.reason')}
          <input value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={500} />
        </label>
        <button type="submit" className="workflows-primary" disabled={write.isPending}>
          {t('workflows.startButton')}
        </button>
        {write.isError ? <p role="alert">{workflowProblem(write.error, t)}</p> : null}
      </form>
    </details>
  );
}

function WorkflowCard({ workflow, householdId, role }: { workflow: Workflow; householdId: string; role?: string }) {
  const { t } = useTranslation();
  const trail = workflow.trail ?? [];
  const current = trail.find((step) => step.completedOn === null);
  const definition = current ? stepOf(workflow.kind, current.key) : undefined;
  const mayTake = Boolean(definition && role && (definition.who.roles as readonly string[]).includes(role));
  return (
    <li className="workflows-card" data-testid={`workflow-${workflow.kind}`}>
      <strong>{t(`workflows.kinds.${workflow.kind}`)}</strong> ·{' '}
      <span data-testid="workflow-state">{t(`workflows.states.${workflow.state}`)}</span>
      <br />
      {t('workflows.startedOn', { date: workflow.startedOn })} · {t(`workflows.origins.${workflow.origin}`)} ·{' '}
      {workflow.reason}
      {workflow.targetCategory ? ` · ${t(`workflows.categories.${workflow.targetCategory}`)}` : ''}
      <ol className="workflows-trail" aria-label={t('workflows.trail')}>
        {trail.map((step) => (
          <TrailStep key={step.id} step={step} />
        ))}
      </ol>
      {current && definition && mayTake ? (
        <CompleteForm key={current.id} workflow={workflow} step={current} householdId={householdId} />
      ) : null}
    </li>
  );
}

function TrailStep({ step }: { step: Step }) {
  const { t, i18n } = useTranslation();
  const name = i18n.language.startsWith('en') ? step.nameEn : step.nameZh;
  return (
    <li className={step.overdue ? 'workflows-overdue' : undefined}>
      <strong>{name}</strong> ·{' '}
      {step.completedOn ? (
        <>
          {step.outcome ? t(`workflows.outcomes.${step.outcome}`) : ''} ·{' '}
          {t('workflows.doneBy', {
            name: step.completedByName ?? t(`workflows.origins.schedule`),
            date: step.completedOn,
          })}
        </>
      ) : (
        <>
          {t('workflows.waiting')} · {t('workflows.dueOn', { date: step.dueOn })}
          {step.overdue ? ` · ⚠️ ${t('workflows.overdue')}` : ''}
        </>
      )}
      {step.note ? ` · ${step.note}` : ''}
      {step.documents.length ? ` · ${t('workflows.documents')}: ${step.documents.join('、')}` : ''}
    </li>
  );
}

function CompleteForm({ workflow, step, householdId }: { workflow: Workflow; step: Step; householdId: string }) {
  const { t, i18n } = useTranslation();
  const write = useWorkflowWrite(householdId);
  const definition = stepOf(workflow.kind, step.key);
  const objectionAllowed = Boolean(definition?.publicityDays) || step.key === 'deliberation';
  const [outcome, setOutcome] = useState<CompleteJson['outcome']>('passed');
  const [objection, setObjection] = useState<'reverify' | 'reject'>('reverify');
  const [note, setNote] = useState('');
  const [documents, setDocuments] = useState('');
  const [dibaoClass, setDibaoClass] = useState<'A' | 'B' | 'C'>('B');
  const [amount, setAmount] = useState('');
  const [validUntil, setValidUntil] = useState('');
  const terms = Boolean(definition?.setsDibaoTerms) && outcome === 'passed';
  const full = workflow.kind === 'dibao_application';
  const name = i18n.language.startsWith('en') ? step.nameEn : step.nameZh;
  const today = chinaToday();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const docs = documents
      .split('\n')
      .map((d) => d.trim())
      .filter(Boolean);
    write.mutate({
      kind: 'complete',
      id: workflow.id,
      stepKey: step.key,
      json: {
        outcome,
        note: note || undefined,
        documents: docs.length ? docs : undefined,
        objection: outcome === 'objection' ? objection : undefined,
        terms: terms
          ? {
              class: full ? dibaoClass : undefined,
              monthlyAmountYuan: full && amount ? Number(amount) : undefined,
              validUntil: validUntil || undefined,
            }
          : undefined,
      },
    });
  };
  return (
    <form className="workflows-form" onSubmit={submit} aria-label={t('workflows.currentStep', { step: name })}>
      <p>
        {t('workflows.currentStep', { step: name })} · {t('workflows.dueOn', { date: step.dueOn })}
      </p>
      {step.publicityEndsOn ? (
        <p data-testid="publicity">
          {step.publicityEndsOn > today
            ? t('workflows.publicityLeft', {
                days: daysBetween(today, step.publicityEndsOn),
                date: step.publicityEndsOn,
              })
            : t('workflows.publicityOver', { date: step.publicityEndsOn })}
        </p>
      ) : null}
      <label>
        {t('workflows.outcome')}
        <select value={outcome} onChange={(e) => setOutcome(e.target.value as CompleteJson['outcome'])}>
          <option value="passed">{t('workflows.outcomes.passed')}</option>
          <option value="failed">{t('workflows.outcomes.failed')}</option>
          {objectionAllowed ? <option value="objection">{t('workflows.outcomes.objection')}</option> : null}
        </select>
      </label>
      {outcome === 'objection' ? (
        <label>
          {t('workflows.objectionThen')}
          <select value={objection} onChange={(e) => setObjection(e.target.value as 'reverify' | 'reject')}>
            <option value="reverify">{t('workflows.objectionChoices.reverify')}</option>
            <option value="reject">{t('workflows.objectionChoices.reject')}</option>
          </select>
        </label>
      ) : null}
      {terms ? (
        <fieldset className="workflows-terms">
          <legend>{t('workflows.terms')}</legend>
          {full ? (
            <>
              <label>
                {t('workflows.dibaoClass')}
                <select value={dibaoClass} onChange={(e) => setDibaoClass(e.target.value as 'A' | 'B' | 'C')}>
                  {(['A', 'B', 'C'] as const).map((c) => (
                    <option key={c} value={c}>
                      {c}
                      {t('workflows.classSuffix')}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('workflows.monthlyAmount')}
                <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required />
              </label>
            </>
          ) : null}
          <label>
            {t('workflows.validUntil')}
            <input
              type="date"
              value={validUntil}
              min={today}
              onChange={(e) => setValidUntil(e.target.value)}
              required
            />
          </label>
        </fieldset>
      ) : null}
      <label>
        {t('workflows.note')}
        <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
      </label>
      <label>
        {t('workflows.documents')}
        <textarea
          value={documents}
          rows={2}
          placeholder={t('workflows.documentsHint')}
          onChange={(e) => setDocuments(e.target.value)}
        />
      </label>
      <button type="submit" className="workflows-primary" disabled={write.isPending}>
        ✅ {t('workflows.complete', { step: name })}
      </button>
      {write.isError ? <p role="alert">{workflowProblem(write.error, t)}</p> : null}
    </form>
  );
}
