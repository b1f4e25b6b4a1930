import type { ColumnType, Generated } from 'kysely';

export const offlineKinds = ['visit', 'income', 'assessment'] as const;
export type OfflineKind = (typeof offlineKinds)[number];
/** applied; conflict (waits for the worker's choice); discarded (the worker kept the server's version). */
export type OfflineStatus = 'applied' | 'conflict' | 'discarded';

/** 离线采集: one record captured on a phone without signal, by (user, client id). */
export interface OfflineRecordTable {
  id: Generated<string>;
  userId: string;
  clientId: string;
  kind: OfflineKind;
  householdId: string;
  countyCode: string;
  capturedAt: Date;
  baseHouseholdVersion: number;
  baseFactsAt: Date;
  payload: ColumnType<unknown, string, string>;
  status: OfflineStatus;
  conflict: ColumnType<unknown | null, string | null | undefined, string | null>;
  visitId: string | null;
  assessmentId: string | null;
  incomeRecordIds: ColumnType<string[], string[] | undefined, string[]>;
  photoDataUrl: string | null;
  location: ColumnType<unknown | null, string | null | undefined, string | null>;
  receivedAt: ColumnType<Date, never, never>;
  resolvedAt: Date | null;
}

export interface OfflineTables {
  offlineRecords: OfflineRecordTable;
}
