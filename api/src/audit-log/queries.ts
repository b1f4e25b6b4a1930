import { sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { maskIdNumber, maskPhone } from '../access/masking.ts';
import { regionScope } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import { mapPage, paged } from '../http/paging.ts';

export interface AuditFilters {
  page: number;
  pageSize: number;
  userId?: string;
  action?: string;
  outcome?: 'ok' | 'denied' | 'failed';
  from?: string;
  to?: string;
}

const PHONE = /^1\d{10}$/;
const ID_NUMBER = /^\d{17}[\dXx]$/;

/**
 * A failed login records what was typed, which may be a phone or ID number: mask such
 * values before the log is shown to anyone.
 */
function maskDetail(detail: unknown): Record<string, unknown> | null {
  if (!detail || typeof detail !== 'object') return null;
  return Object.fromEntries(
    Object.entries(detail as Record<string, unknown>).map(([key, value]) => [
      key,
      typeof value === 'string' && PHONE.test(value)
        ? maskPhone(value)
        : typeof value === 'string' && ID_NUMBER.test(value)
          ? maskIdNumber(value)
          : value,
    ]),
  );
}

/**
 * The audit log as the actor may see it: an admin everything; an official the entries made
 * by accounts within their region (even a city-wide official sees no region-less entries,
 * such as anonymous sign-in attempts).
 */
export async function listAuditLog(db: Db, actor: Actor, filters: AuditFilters) {
  let query = db.selectFrom('auditLog').leftJoin('users', 'users.id', 'auditLog.userId');
  if (actor.role !== 'admin') {
    query = query.where(regionScope<any, any>({ ...actor, allRegions: false }, 'audit_log.region_path'));
  }
  if (filters.userId) query = query.where('auditLog.userId', '=', filters.userId);
  if (filters.action) query = query.where('auditLog.action', '=', filters.action);
  if (filters.outcome) query = query.where('auditLog.outcome', '=', filters.outcome);
  if (filters.from) query = query.where('auditLog.at', '>=', sql<Date>`${filters.from}::date::timestamptz`);
  if (filters.to) query = query.where('auditLog.at', '<', sql<Date>`(${filters.to}::date + 1)::timestamptz`);
  const page = await paged(
    query,
    (filtered) =>
      filtered
        .select([
          'auditLog.id',
          'auditLog.at',
          'auditLog.userId',
          'users.name as userName',
          'auditLog.role',
          'auditLog.regionPath',
          'auditLog.action',
          'auditLog.resourceType',
          'auditLog.resourceId',
          'auditLog.fields',
          'auditLog.outcome',
          'auditLog.ip',
          'auditLog.requestId',
          'auditLog.detail',
        ])
        .orderBy('auditLog.id', 'desc'),
    filters,
  );
  return mapPage(page, (row) => ({ ...row, at: row.at.toISOString(), detail: maskDetail(row.detail) }));
}
