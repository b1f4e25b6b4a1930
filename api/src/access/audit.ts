import type { Context } from 'hono';
import type { Db } from '../db/database.ts';
import { clientIp } from '../http/client-ip.ts';
import type { AppEnv } from '../http/env.ts';
import type { Actor } from './actor.ts';

export interface AuditEntry {
  action: string;
  resourceType: string;
  resourceId?: string | null;
  /** For reads of sensitive data: which fields were shown (never their values). */
  fields?: string[];
  outcome?: 'ok' | 'denied' | 'failed';
  detail?: Record<string, unknown>;
  actor?: Actor | null;
}

/** Appends one row to the audit log. Values of sensitive fields are never written here. */
export async function writeAudit(db: Db, c: Context<AppEnv>, entry: AuditEntry): Promise<void> {
  const actor = entry.actor === undefined ? c.get('actor') : entry.actor;
  await db
    .insertInto('auditLog')
    .values({
      userId: actor?.userId ?? null,
      role: actor?.role ?? null,
      regionPath: actor?.regionPaths[0] ?? null,
      action: entry.action,
      resourceType: entry.resourceType,
      resourceId: entry.resourceId ?? null,
      fields: entry.fields?.length ? entry.fields : null,
      outcome: entry.outcome ?? 'ok',
      ip: clientIp(c),
      requestId: c.get('requestId') ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    })
    .execute();
}
