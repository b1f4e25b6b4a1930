/**
 * The login path's form parts in plain React (no antd: a signed-out phone loads none of it, issue 19):
 * a labelled field with its error under it, the big submit button, the error/notice line, and the
 * field state with its checks. Styles in ./login.css.
 */
import { type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A check of one field: the i18n key of its message, or null when the value is fine. */
type Check<K extends string> = (value: string, values: Record<K, string>) => string | null;

/** Field values and their messages. A field shows its message after a submit (or a `validate` of it) and updates it while typed in, as antd's Form did. */
export function useFields<K extends string>(checks: Record<K, Check<K>>) {
  const names = Object.keys(checks) as K[];
  const [values, setValues] = useState(() => Object.fromEntries(names.map((name) => [name, ''])) as Record<K, string>);
  const [errors, setErrors] = useState<Partial<Record<K, string>>>({});
  const messageOf = (name: K, all: Record<K, string>) => checks[name](all[name], all) ?? undefined;
  const fields = {
    values,
    errors,
    /** What a Field needs of one name: `<Field label=… {...fields.bind('password')} />`. */
    bind: (name: K) => ({
      value: values[name],
      onValue: (value: string) => fields.set(name, value),
      error: errors[name],
    }),
    set(name: K, value: string) {
      const next = { ...values, [name]: value };
      setValues(next);
      // Checked again while typing once it has a message; fields depending on it (the password twice) too.
      setErrors(
        (current) =>
          Object.fromEntries(Object.entries(current).map(([key]) => [key, messageOf(key as K, next)])) as Partial<
            Record<K, string>
          >,
      );
    },
    /** Checks the given fields (all by default): their values when all are fine, else null. */
    validate(only: readonly K[] = names): Record<K, string> | null {
      const found = Object.fromEntries(only.map((name) => [name, messageOf(name, values)])) as Partial<
        Record<K, string>
      >;
      setErrors((current) => ({ ...current, ...found }));
      return only.some((name) => found[name]) ? null : values;
    },
  };
  return fields;
}

export const required = (value: string) => (value.trim() === '' ? 'login.required' : null);
export const sixDigits = (value: string) => required(value) ?? (/^\d{6}$/.test(value) ? null : 'login.codeFormat');

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> {
  label: string;
  value: string;
  onValue: (value: string) => void;
  /** The i18n key of the field's message. */
  error?: string;
  hint?: string;
}

/** A label above a big input (≥ 44 px, 16 px text: no zoom on phones), its hint and its message below. */
export function Field({ label, value, onValue, error, hint, ...input }: FieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        onChange={(event) => onValue(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        {...input}
      />
      {error && (
        <p id={`${id}-error`} className="field-error">
          {t(error)}
        </p>
      )}
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/** 用户名或手机号: the same field in the password form and the first-use form. */
export function LoginNameField(props: { value: string; onValue: (value: string) => void; error?: string }) {
  const { t } = useTranslation();
  return <Field label={t('login.login')} autoComplete="username" inputMode="text" {...props} />;
}

/** The full-width button; while its request runs it stays put, disabled and marked busy. */
export function WideButton({
  primary = false,
  busy = false,
  children,
  ...button
}: { primary?: boolean; busy?: boolean; children: ReactNode } & ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button
      type="button"
      className={primary ? 'wide-button primary' : 'wide-button'}
      aria-busy={busy || undefined}
      {...button}
      disabled={busy || button.disabled}
    >
      {children}
    </button>
  );
}

/** An error (read out at once) or a quiet notice above the form. */
export function Notice({ kind, children }: { kind: 'error' | 'success'; children: ReactNode }) {
  return (
    <p className={`login-notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <span aria-hidden="true">{kind === 'error' ? '⚠️' : '✅'}</span> {children}
    </p>
  );
}
