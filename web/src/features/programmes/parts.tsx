import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api-error.ts';
import { fieldOf, fieldProblemText } from '../../shared/field-problems.ts';
import { usePersonLookup, useSites } from './api.ts';
import './programmes.css';

/**
 * A refused write in the feature's words: the first field problem by its stable `code`
 * (`<namespace>.<field>.<code>` when the feature words it, else the shared words), else not found
 * or not saved. Never the API's English message.
 */
export function useRefusalText() {
  const { t, i18n } = useTranslation();
  return (error: unknown, namespace: string): string => {
    if (!(error instanceof ApiError)) return t('programmes.failed');
    const [problem] = error.problem.errors ?? [];
    if (problem) {
      const key = `${namespace}.${fieldOf(problem.path)}.${problem.code ?? 'invalid'}`;
      const words = i18n.exists(key) ? { [`${fieldOf(problem.path)}.${problem.code ?? 'invalid'}`]: key } : {};
      return fieldProblemText(problem, t, words);
    }
    // A refusal of the whole request (409 ended, …) names no field: its code alone picks the words.
    const code = typeof error.problem.code === 'string' ? `${namespace}.${error.problem.code}` : null;
    if (code && i18n.exists(code)) return t(code);
    return t(error.status === 404 ? 'programmes.notFound' : 'programmes.failed');
  };
}

/** The refusal under a form, read out when it appears. */
export function Refusal({ text }: { text: string | null }) {
  return text ? (
    <p className="programmes-refusal" role="alert" data-testid="refusal">
      {text}
    </p>
  ) : null;
}

/** A card with a title, facts and (at most) one primary action. */
export function Card({ title, children, testId }: { title: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <li className="programmes-card" data-testid={testId}>
      <h2>{title}</h2>
      {children}
    </li>
  );
}

/** A form folded under one button, so the page's list stays first on a phone. */
/**
 * A folded form. Its content is built the first time it opens (then kept, with what was typed):
 * a post page with a rotation form per holder stays light on a cheap phone, and a closed form's
 * fields are not on the page at all.
 */
export function Fold({ label, children, open = false }: { label: string; children: ReactNode; open?: boolean }) {
  const [opened, setOpened] = useState(open);
  return (
    <details
      className="programmes-fold"
      open={open || undefined}
      onToggle={(event) => {
        if (event.currentTarget.open) setOpened(true);
      }}
    >
      <summary>{label}</summary>
      {opened ? children : null}
    </details>
  );
}

export function SiteSelect({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const sites = useSites();
  return (
    <label>
      {t('programmes.site')}
      <select value={value} onChange={(event) => onChange(event.target.value)} required>
        <option value="">{t('programmes.chooseSite')}</option>
        {sites.data?.items.map((site) => (
          <option key={site.id} value={site.id}>
            {site.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Finds a person in the actor's households by name and chooses one (a radio per match). */
export function PersonPicker({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const [term, setTerm] = useState('');
  const people = usePersonLookup(term);
  const name = useId();
  return (
    <fieldset className="programmes-person">
      <legend>{t('programmes.person')}</legend>
      <label>
        {t('programmes.findPerson')}
        <input type="search" value={term} onChange={(event) => setTerm(event.target.value)} />
      </label>
      {people.data?.items.length === 0 ? <p>{t('programmes.noPeople')}</p> : null}
      {people.data?.items.map((person) => (
        <label key={person.id} className="programmes-choice">
          <input
            type="radio"
            name={name}
            value={person.id}
            checked={value === person.id}
            onChange={() => onChange(person.id)}
          />
          {person.name}
          {person.age !== null ? ` · ${person.age}` : ''} · {person.householdNumber}
        </label>
      ))}
    </fieldset>
  );
}

/** Whole yuan from an input; NaN stays NaN so zod names the field. */
export const yuanOf = (text: string) => Number(text);
