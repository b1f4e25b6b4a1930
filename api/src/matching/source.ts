import type { Db } from '../db/database.ts';
import type { SkillGraph } from './skill-graph.ts';
import type { MatchJob, MatchOpportunity, MatchPerson, MatchProject, MatchTraining, OpportunityKind } from './types.ts';

/** What retrieval needs to know about where and who the person is. */
export interface RetrievalSubject {
  person: MatchPerson;
  /** The widest radius worth fetching (the person's commute with tolerance), km. */
  radiusKm: number;
  today: string;
  /** The taxonomy, loaded once per request (retrieval filters on skills related to those held). */
  graph: SkillGraph;
}

/** An opportunity as applications see it: whether one may apply, and who owns it. */
export interface OpportunityRef {
  id: string;
  kind: OpportunityKind;
  title: string;
  open: boolean;
  /** Users who manage it (the employer's or provider's accounts). */
  ownerUserIds: string[];
  /** A job or project worked away from home: a hire records 劳务输出 rather than local work. */
  labourExport?: boolean;
  /** A course's skills and the level reached: what completing it adds to the person. */
  skillsTaught?: { code: string; level: number }[];
}

/**
 * Where matching gets opportunities from. Implemented over the opportunity tables (and
 * Meilisearch) by the opportunities domain; retrieval filters (open, geo radius or shuttle from
 * the person's site, skill codes) so that ranking sees thousands, not 100k.
 */
export interface OpportunitySource {
  jobsFor(db: Db, subject: RetrievalSubject): Promise<MatchJob[]>;
  trainingsFor(db: Db, subject: RetrievalSubject): Promise<MatchTraining[]>;
  projectsFor(db: Db, subject: RetrievalSubject): Promise<MatchProject[]>;
  job(db: Db, id: string): Promise<MatchJob | undefined>;
  ref(db: Db, kind: OpportunityKind, id: string): Promise<OpportunityRef | undefined>;
  /** Ids of the opportunities of a kind this user manages (an employer's postings). */
  ownedBy(db: Db, userId: string, kind: OpportunityKind): Promise<string[]>;
}

export type { MatchOpportunity };
