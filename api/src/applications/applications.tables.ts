import type { ColumnType, Generated } from 'kysely';
import type { ApplicationKind, ApplicationState } from './state-machine.ts';

/** 求职申请 / 培训报名 / 项目参与: one person's application to one opportunity. */
export interface ApplicationTable {
  id: Generated<string>;
  kind: ApplicationKind;
  /** A job, training or project id; the foreign key per kind comes with the opportunity tables. */
  opportunityId: string;
  personId: string;
  householdId: string;
  countyCode: string;
  state: ApplicationState;
  createdBy: string | null;
  version: Generated<number>;
  createdAt: ColumnType<Date, never, never>;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}

/** Each step of an application, timestamped: the history employers, residents and workers see. */
export interface ApplicationEventTable {
  id: Generated<string>;
  applicationId: string;
  countyCode: string;
  fromState: ApplicationState | null;
  toState: ApplicationState;
  actorUserId: string | null;
  actorRole: string | null;
  note: string | null;
  certificate: string | null;
  occurredAt: ColumnType<Date, Date | undefined, never>;
}

export interface ApplicationTables {
  applications: ApplicationTable;
  applicationEvents: ApplicationEventTable;
}
