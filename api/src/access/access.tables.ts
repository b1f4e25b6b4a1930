import type { Role } from '@anju/domain/enums';
import type { ColumnType, Generated } from 'kysely';

export interface UserTable {
  id: Generated<string>;
  login: string | null;
  phone: string | null;
  name: string;
  role: Role;
  passwordHash: string | null;
  status: Generated<'active' | 'disabled'>;
  /** An official's or admin's region; everything below it is in scope. */
  regionId: string | null;
  /** An official's department slice (乡村振兴, 人社, 民政, 农业). */
  department: string | null;
  /** A resident's resettlement site (安置点): which workers may manage the account; grants no scope. */
  homeSiteId: Generated<string | null>;
  /** The employer (企业/扶贫车间/合作社) an `employer` account acts for. */
  employerId: ColumnType<string | null, string | null | undefined, string | null>;
  setupCodeHash: string | null;
  setupCodeExpiresAt: Date | null;
  createdBy: string | null;
  /** A resident's account is one person of the registry. */
  personId: ColumnType<string | null, string | null | undefined, string | null>;
  createdAt: ColumnType<Date, never, never>;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}

export interface UserRegionTable {
  userId: string;
  regionId: string;
}

export interface SessionTable {
  /** sha256 of the cookie's token: a database dump does not yield live sessions. */
  id: string;
  userId: string;
  createdAt: ColumnType<Date, never, never>;
  lastSeenAt: ColumnType<Date, Date | undefined, Date>;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  blockedUntil: Date | null;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}

/** An address from which an account signed in successfully, and when it last did. */
export interface LoginPlaceTable {
  userId: string;
  ip: string;
  lastSuccessAt: ColumnType<Date, Date | undefined, Date>;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: ColumnType<Date, never, never>;
  userId: string | null;
  role: string | null;
  regionPath: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  fields: string[] | null;
  outcome: 'ok' | 'denied' | 'failed';
  ip: string | null;
  requestId: string | null;
  detail: unknown | null;
}

export interface AccessTables {
  users: UserTable;
  userRegions: UserRegionTable;
  sessions: SessionTable;
  loginThrottle: LoginThrottleTable;
  loginPlaces: LoginPlaceTable;
  auditLog: AuditLogTable;
  loginCodes: LoginCodeTable;
}

/** 短信验证码: one request for a sign-in code (migration 2026-12-09T0100); the code only as a keyed hash. */
export interface LoginCodeTable {
  id: Generated<string>;
  phoneHash: string;
  ip: string | null;
  /** Set only when the phone belongs to an active account and a code was sent. */
  userId: string | null;
  codeHash: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  usedAt: Date | null;
  expiresAt: Date;
  createdAt: Date;
}
