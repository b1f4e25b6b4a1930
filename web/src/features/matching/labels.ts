import { chinaToday } from '@anju/domain/clock';
import type { TFunction } from 'i18next';
import type { OpportunityKind } from './api.ts';

/*
 * Jobs and projects share one state machine, but a project takes people on as participants
 * (参加) rather than hiring them: project wording overrides the job wording where it differs.
 */

/** The name of a state as this kind of application says it (已录用 for a job, 已参加 for a project). */
export const stateLabel = (t: TFunction, kind: OpportunityKind, state: string): string =>
  t([`matching.byKind.${kind}.states.${state}`, `matching.states.${state}`]);

/** The button that moves an application to `state` (录用 for a job, 接收参加 for a project). */
export const moveLabel = (t: TFunction, kind: OpportunityKind, state: string): string =>
  t([`matching.byKind.${kind}.moves.${state}`, `matching.moves.${state}`]);

/** A timestamp as the day it was in China (where the programme runs), 'YYYY-MM-DD'. */
export const dayInChina = (iso: string): string => chinaToday(new Date(iso));
