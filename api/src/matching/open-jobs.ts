import { distanceKm } from '@anju/domain/geo';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { jobColumns, jobRow } from './job-rows.ts';
import { monthlyPay } from './pay.ts';
import type { RetrievalSubject } from './source.ts';
import type { MatchJob } from './types.ts';
import { defaultWeights } from './weights.ts';

/** The most local jobs retrieval hands to scoring (the newest first): plenty for a top 20. */
const NEAR_LIMIT = 3000;
/** Of work away from home, the most jobs retrieval hands to scoring (the likeliest first). */
const AWAY_LIMIT = 300;
/**
 * A snapshot older than this is not caught up but read afresh: the nightly trim drops deletion
 * log rows older than JOB_DELETIONS_KEPT_MS (api/src/jobs/trim.ts), which such a snapshot
 * could still need. The margin covers clocks and long transactions.
 */
export const MAX_SNAPSHOT_AGE_MS = 60 * 60 * 1000;
export const JOB_DELETIONS_KEPT_MS = 24 * MAX_SNAPSHOT_AGE_MS;
/** The one empty list every job without shuttles or skills shares (never mutated). */
const NONE: never[] = [];

interface Entry {
  job: MatchJob;
  /** The id as a number, for newest-first order without parsing per request. */
  order: number;
  requiredCodes: string[];
  /** The retrieval that last looked at it (a job asking two related skills is considered once). */
  seenBy: number;
}

/** Every job row as the index reads it, with what decides whether it belongs in the index. */
const jobRows = (db: Db) =>
  db
    .selectFrom('jobs')
    .innerJoin('employers', 'employers.id', 'jobs.employerId')
    .select([...jobColumns, 'jobs.status', 'employers.verified']);

/**
 * The open jobs of verified employers (岗位), held in the API process so that matching retrieves
 * from memory: at 100k open jobs, reading a few thousand candidate rows from PostgreSQL per
 * request cost more than ranking them (issue 6: top 20 at p95 ≤ 50 ms).
 *
 * It is never stale: before each retrieval it re-reads the jobs whose writer was not yet visible
 * in the snapshot of its last read — rows carry `changed_xid`, deleted jobs are logged
 * (migration 2026-11-29T1500) — and the jobs of employers changed since, in one repeatable-read
 * transaction whose snapshot becomes the next starting point. A write committed before a request
 * began is always seen by it, whoever wrote it (another API process, the seed, a fixture).
 */
export class OpenJobs {
  private readonly entries = new Map<string, Entry>();
  /** The entries by each required skill code, and those asking none: retrieval visits only these. */
  private readonly byRequiredCode = new Map<string, Set<Entry>>();
  private readonly askingNone = new Set<Entry>();
  private retrievals = 0;
  private snapshot: string | null = null;
  private snapshotTakenAt = 0;
  private pending: { startedAt: number; done: Promise<void> } | undefined;

  get size(): number {
    return this.entries.size;
  }

  /** Brings the index up to date with every write committed before this call. */
  async refresh(db: Db): Promise<void> {
    const arrivedAt = performance.now();
    for (;;) {
      const running = this.pending;
      // A refresh that began after this call sees every write this call must see.
      if (running && running.startedAt >= arrivedAt) return running.done;
      if (running) {
        await running.done.catch(() => undefined);
        continue;
      }
      const done = this.read(db).finally(() => {
        if (this.pending?.done === done) this.pending = undefined;
      });
      this.pending = { startedAt: performance.now(), done };
      return done;
    }
  }

  /**
   * One statement reads the snapshot and what changed since the last one (both as of that same
   * snapshot); the rows themselves are read after, possibly newer — a write they already show is
   * simply read again next time, as it is not visible in the kept snapshot.
   */
  private async read(db: Db): Promise<void> {
    const takenAt = Date.now();
    if (this.snapshot !== null && takenAt - this.snapshotTakenAt > MAX_SNAPSHOT_AGE_MS) {
      this.entries.clear();
      this.byRequiredCode.clear();
      this.askingNone.clear();
      this.snapshot = null;
    }
    const since = this.snapshot;
    this.snapshotTakenAt = takenAt;
    if (since === null) {
      const { rows } = await sql<{ snapshot: string }>`select pg_current_snapshot()::text as snapshot`.execute(db);
      const open = await jobRows(db).where('jobs.status', '=', 'open').where('employers.verified', '=', true).execute();
      for (const row of open) this.put(row);
      this.snapshot = rows[0].snapshot;
      return;
    }
    const changedSince = (table: string, column: string) =>
      sql<string[]>`array(select ${sql.ref(column)}::text from ${sql.table(table)}
        where changed_xid >= pg_snapshot_xmin(${since}::pg_snapshot)
          and not pg_visible_in_snapshot(changed_xid, ${since}::pg_snapshot))`;
    const { rows } = await sql<{ snapshot: string; jobs: string[]; employers: string[]; deleted: string[] }>`select
      pg_current_snapshot()::text as snapshot,
      ${changedSince('jobs', 'id')} as jobs,
      ${changedSince('employers', 'id')} as employers,
      ${changedSince('job_deletions', 'job_id')} as deleted`.execute(db);
    const { snapshot, jobs, employers, deleted } = rows[0];
    for (const id of deleted) this.remove(id);
    if (jobs.length > 0 || employers.length > 0) {
      const changed = await jobRows(db)
        .where((eb) =>
          eb.or([
            eb('jobs.id', '=', sql<string>`any(${jobs}::bigint[])`),
            eb('jobs.employerId', '=', sql<string>`any(${employers}::bigint[])`),
          ]),
        )
        .execute();
      for (const row of changed) {
        if (row.status === 'open' && row.verified) this.put(row);
        else this.remove(row.id);
      }
    }
    this.snapshot = snapshot;
  }

  /** One copy of each repeated string (skill codes, enums, site ids): 100k jobs repeat a few hundred. */
  private readonly strings = new Map<string, string>();
  private intern = (value: string): string => {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
  };

  /** The job as scoring reads it, its repeated strings and empty lists shared (~40% less memory). */
  private compact(job: MatchJob): MatchJob {
    const requirement = (s: { code: string; minLevel: number }) => ({
      code: this.intern(s.code),
      minLevel: s.minLevel,
    });
    return {
      ...job,
      shuttleSiteIds: job.shuttleSiteIds.length ? job.shuttleSiteIds.map(this.intern) : NONE,
      physicalDemand: this.intern(job.physicalDemand) as MatchJob['physicalDemand'],
      requiredSkills: job.requiredSkills.length ? job.requiredSkills.map(requirement) : NONE,
      optionalSkills: job.optionalSkills.length ? job.optionalSkills.map(requirement) : NONE,
      workMode: this.intern(job.workMode) as MatchJob['workMode'],
      deadline: job.deadline === null ? null : this.intern(job.deadline),
      ...(job.schedule ? { schedule: job.schedule.map(this.intern) as MatchJob['schedule'] } : {}),
      ...(job.demands ? { demands: job.demands.map(this.intern) as MatchJob['demands'] } : {}),
      startDate: job.startDate === null ? null : this.intern(job.startDate),
      pay: job.pay && { ...job.pay, unit: this.intern(job.pay.unit) as NonNullable<MatchJob['pay']>['unit'] },
    };
  }

  private put(row: Record<string, any>) {
    const job = this.compact(jobRow(row));
    this.remove(job.id);
    const entry: Entry = {
      job,
      order: Number(job.id),
      requiredCodes: job.requiredSkills.length ? job.requiredSkills.map((s) => s.code) : NONE,
      seenBy: 0,
    };
    this.entries.set(job.id, entry);
    if (entry.requiredCodes.length === 0) this.askingNone.add(entry);
    for (const code of entry.requiredCodes) {
      let list = this.byRequiredCode.get(code);
      if (!list) {
        list = new Set();
        this.byRequiredCode.set(code, list);
      }
      list.add(entry);
    }
  }

  private remove(id: string) {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    this.askingNone.delete(entry);
    for (const code of entry.requiredCodes) this.byRequiredCode.get(code)?.delete(entry);
  }

  /**
   * The jobs worth scoring for the person: open today, asking no skill or one related to a skill
   * they hold, and reachable — within their commute radius, on a shuttle from their site, or
   * placed nowhere; piecework at home like any local job (its materials come from a workshop
   * within reach, or brought to the site: 送料上门, score.ts placeOf). For someone willing to work away, also 劳务输出 and
   * jobs with a dormitory: those can be thousands, alike in reach and fit, so only the likeliest
   * (own skills asked, a dormitory, then pay) are scored.
   */
  retrieve(subject: RetrievalSubject): MatchJob[] {
    const { person, today, radiusKm, graph } = subject;
    const related = new Set(person.skills.flatMap((s) => graph.relatedCodes(s.code)));
    const held = new Set(person.skills.map((s) => s.code));
    const at = person.siteLocation;
    // A bounding box first: cheaper than the haversine for the many jobs far away.
    const dLat = at ? radiusKm / 111.32 : 0;
    const dLng = at ? radiusKm / (111.32 * Math.max(0.01, Math.cos((at.lat * Math.PI) / 180))) : 0;
    const near: Entry[] = [];
    const away: Entry[] = [];
    const retrieval = ++this.retrievals;
    const willingAway = person.availability ? person.availability.where === 'away' : person.willingToWorkAway;
    const consider = (entry: Entry) => {
      if (entry.seenBy === retrieval) return;
      entry.seenBy = retrieval;
      const { job } = entry;
      if (job.deadline !== null && job.deadline < today) return;
      const where = job.location;
      const reachable =
        where === null ||
        // 送料上门: take-home work brought to the site is within reach wherever it is handed out.
        job.materialsDelivered === true ||
        job.shuttleSiteIds.includes(person.siteId) ||
        (job.workMode !== 'labour_export' &&
          at !== null &&
          Math.abs(where.lat - at.lat) <= dLat &&
          Math.abs(where.lng - at.lng) <= dLng &&
          distanceKm(at, where) <= radiusKm);
      if (reachable) near.push(entry);
      else if (willingAway && (job.workMode === 'labour_export' || job.accommodation)) away.push(entry);
    };
    for (const entry of this.askingNone) consider(entry);
    for (const code of related) for (const entry of this.byRequiredCode.get(code) ?? []) consider(entry);
    if (near.length > NEAR_LIMIT) near.sort((a, b) => b.order - a.order).splice(NEAR_LIMIT);
    if (away.length > AWAY_LIMIT) {
      // Each job's standing computed once: own skill asked, then a dormitory, then monthly pay.
      const standing = new Map<Entry, number>();
      for (const entry of away) {
        const asksOwnSkill = entry.requiredCodes.some((code) => held.has(code));
        const pay = monthlyPay(entry.job.pay, defaultWeights)?.max ?? 0;
        standing.set(entry, (asksOwnSkill ? 2e9 : 0) + (entry.job.accommodation ? 1e9 : 0) + Math.min(pay, 1e8));
      }
      away.sort((a, b) => standing.get(b)! - standing.get(a)! || b.order - a.order).splice(AWAY_LIMIT);
    }
    return [...near, ...away].map((entry) => entry.job);
  }
}

const indexes = new WeakMap<Db, OpenJobs>();

/** The process's open-jobs index for this database, brought up to date. */
export async function openJobs(db: Db): Promise<OpenJobs> {
  let index = indexes.get(db);
  if (!index) {
    index = new OpenJobs();
    indexes.set(db, index);
  }
  await index.refresh(db);
  return index;
}
