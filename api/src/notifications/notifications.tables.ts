import type { ColumnType, Generated } from 'kysely';

type Created = ColumnType<Date, never, never>;

/** 待发短信: one message still to leave by SMS; the inbox row it belongs to is already written. */
export interface NotificationOutboxTable {
  id: Generated<string>;
  notificationId: string;
  userId: string;
  channel: 'sms';
  status: ColumnType<
    'pending' | 'sent' | 'failed' | 'dropped',
    'pending' | undefined,
    'sent' | 'failed' | 'dropped' | 'pending'
  >;
  attempts: ColumnType<number, number | undefined, number>;
  /** Not before: the end of the user's quiet hours, or a retry's backoff. */
  availableAt: ColumnType<Date, Date | undefined, Date>;
  lastError: string | null;
  providerMessageId: string | null;
  sentAt: Date | null;
  createdAt: Created;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}

/** 消息设置: a user's opt-outs, SMS switch and quiet hours (minutes after midnight, China time). */
export interface NotificationPreferenceTable {
  userId: string;
  mutedCategories: ColumnType<string[], string[] | undefined, string[]>;
  smsEnabled: ColumnType<boolean, boolean | undefined, boolean>;
  quietStartMinute: ColumnType<number, number | undefined, number>;
  quietEndMinute: ColumnType<number, number | undefined, number>;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}

/** 授权: a dated consent to be shown to employers as a candidate, given or withdrawn; the latest row holds. */
export interface ConsentTable {
  id: Generated<string>;
  personId: string;
  countyCode: string;
  scope: ColumnType<'employer_candidates', 'employer_candidates' | undefined, never>;
  given: boolean;
  dated: string;
  givenBy: 'self' | 'helper' | 'worker' | 'register';
  recordedBy: string | null;
  note: string | null;
  createdAt: Created;
}

export interface NotificationTables {
  notificationOutbox: NotificationOutboxTable;
  notificationPreferences: NotificationPreferenceTable;
  consents: ConsentTable;
}
