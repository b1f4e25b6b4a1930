import type { ReactNode } from 'react';
import type { PostingSite } from '../api/postings.ts';

/** What the shared posting form hands each kind's own fields. */
export interface KindFieldsProps<T> {
  posting: T | undefined;
  sites: PostingSite[] | undefined;
  /** The API's problem with a field, in plain words, shown beside it. */
  problem: (field: string) => ReactNode;
}

/** Reads a submitted form: trimmed text, numbers (null when empty), ticked boxes, repeated inputs. */
export function formReader(form: FormData) {
  const text = (name: string) => String(form.get(name) ?? '').trim();
  return {
    text,
    textOrNull: (name: string) => text(name) || null,
    number: (name: string) => (text(name) ? Number(text(name)) : null),
    checked: (name: string) => form.get(name) === 'on',
    all: (name: string) => form.getAll(name).map(String),
  };
}
export type FormReader = ReturnType<typeof formReader>;
