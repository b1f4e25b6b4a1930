import { CamelCasePlugin, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { AccessTables } from '../access/access.tables.ts';
import type { ApplicationTables } from '../applications/applications.tables.ts';
import type { JobTables } from '../jobs/jobs.tables.ts';
import type { NotificationTables } from '../notifications/notifications.tables.ts';
import type { OfflineTables } from '../offline/offline.tables.ts';
import type { OpportunityTables } from '../opportunities/opportunities.tables.ts';
import type { ProgrammeTables } from '../programmes/programmes.tables.ts';
import type { RegionTables } from '../regions/regions.tables.ts';
import type { RegistryTables } from '../registry/registry.tables.ts';
import type { SkillTables } from '../skills/skills.tables.ts';
import type { SupportTables } from '../support/support.tables.ts';
import type { TrackingTables } from '../tracking/tracking.tables.ts';
import type { WorkflowTables } from '../workflows/workflows.tables.ts';
import type { FoundationTables } from './foundation.tables.ts';

/**
 * The one Database type: every feature declares its tables in its own `*.tables.ts`
 * and adds them here, so there is a single source of truth for Kysely.
 */
export interface Database
  extends FoundationTables,
    RegionTables,
    AccessTables,
    SkillTables,
    RegistryTables,
    OpportunityTables,
    TrackingTables,
    ApplicationTables,
    JobTables,
    OfflineTables,
    WorkflowTables,
    NotificationTables,
    SupportTables,
    ProgrammeTables {}

export type Db = Kysely<Database>;

// Dates stay 'YYYY-MM-DD' strings (no time-zone drift); numerics become numbers;
// bigint ids stay strings, which is what the API exposes.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number.parseFloat(value));

export interface DbOptions {
  url: string;
  poolSize?: number;
  statementTimeoutMs?: number;
  onPoolError?: (error: Error) => void;
}

export function createPool(options: DbOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: options.statementTimeoutMs,
    application_name: 'anju',
    // The offices' day: `current_date` and date casts agree with `chinaToday()` (@anju/domain/clock).
    options: '-c TimeZone=Asia/Shanghai',
  });
  // A PostgreSQL restart kills idle clients; the pool replaces them on the next query.
  pool.on('error', (error) => options.onPoolError?.(error));
  // A backend killed while its client is checked out emits 'error' on the client itself;
  // the query that was running already fails, so only report it.
  pool.on('connect', (client) => client.on('error', (error) => options.onPoolError?.(error)));
  return pool;
}

export function createDb(options: DbOptions): Db {
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool: createPool(options) }),
    plugins: [new CamelCasePlugin()],
  });
}

/**
 * Runs batch work (nightly evaluation, data generation) in one transaction without the
 * request-sized statement timeout the pool sets for every connection.
 */
export function inBatchTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`set local statement_timeout = 0`.execute(trx);
    return work(trx);
  });
}

class RolledBack extends Error {}

/**
 * Runs `work` in one transaction, then rolls it back and returns what `work` returned: what a
 * write would do, seen without doing it (equivalence tests, EXPLAIN ANALYZE of writes in benches).
 */
export async function rolledBack<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  let outcome: { value: T } | undefined;
  await db
    .transaction()
    .execute(async (trx) => {
      outcome = { value: await work(trx) };
      throw new RolledBack();
    })
    .catch((error) => {
      if (!(error instanceof RolledBack)) throw error;
    });
  if (!outcome) throw new Error('rolledBack: the work did not finish');
  return outcome.value;
}

/**
 * Runs work on one pooled connection without the request-sized statement timeout (migrations: a
 * backfill over a city's people is batch work), then gives the connection back with its timeout.
 */
export function withoutStatementTimeout<DB, T>(
  db: Kysely<DB>,
  work: (connection: Kysely<DB>) => Promise<T>,
): Promise<T> {
  return db.connection().execute(async (connection) => {
    await sql`set statement_timeout = 0`.execute(connection);
    try {
      return await work(connection);
    } finally {
      await sql`reset statement_timeout`.execute(connection);
    }
  });
}

/** Readiness: the database answers a trivial query (the health route races it against a timeout). */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
