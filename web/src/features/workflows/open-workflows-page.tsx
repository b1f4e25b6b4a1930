import { chinaToday } from '@anju/domain/clock';
import { stepOf, type WorkflowKind } from '@anju/domain/workflows';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { QueryError } from '../../shared/query-error.tsx';
import { useOpenWorkflows } from './use-workflows.ts';
import './workflows.css';

/** 待办流程: open workflows in the actor's scope, the overdue first. */
export function OpenWorkflowsPage() {
  const { t, i18n } = useTranslation();
  const [overdue, setOverdue] = useState(false);
  const workflows = useOpenWorkflows(overdue, 1);
  const today = chinaToday();
  return (
    <section>
      <h1>📋 {t('workflows.worklist.title')}</h1>
      <p>{t('workflows.worklist.intro')}</p>
      <label className="workflows-card">
        <input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} />{' '}
        {t('workflows.worklist.onlyOverdue')}
      </label>
      {workflows.isError ? <QueryError query={workflows} /> : null}
      {workflows.data?.items.length === 0 ? <p>{t('workflows.worklist.empty')}</p> : null}
      <ul className="workflows-list" data-testid="open-workflows">
        {workflows.data?.items.map((w) => {
          const step = w.currentStep ? stepName(w.kind, w.currentStep, i18n.language) : '';
          return (
            <li key={w.id} className="workflows-card">
              <strong>{t(`workflows.kinds.${w.kind}`)}</strong> · {t('workflows.household')} {w.householdNumber}
              <br />
              {t('workflows.currentStep', { step })}
              {w.currentDueOn ? ` · ${t('workflows.dueOn', { date: w.currentDueOn })}` : ''}
              {w.currentDueOn && w.currentDueOn < today ? (
                <span className="workflows-overdue"> · ⚠️ {t('workflows.overdue')}</span>
              ) : null}
              <br />
              <Link to={`/registry/households/${w.householdId}#workflows`}>{t('workflows.worklist.open')} →</Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function stepName(kind: WorkflowKind, key: string, language: string): string {
  const step = stepOf(kind, key);
  if (!step) return key;
  return language.startsWith('en') ? step.nameEn : step.nameZh;
}
