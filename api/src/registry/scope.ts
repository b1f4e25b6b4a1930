import { type RawBuilder, sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { requireRole } from '../access/scope.ts';

/**
 * Which households an actor sees, as a SQL condition on a query that has `households` in FROM:
 * worker → households on their sites (user_regions); official → their region (read only);
 * admin → all; helper (帮扶干部) → assigned households; resident → their own household;
 * employer → none. The one place household scoping is written.
 */
export function householdVisible(actor: Actor): RawBuilder<boolean> {
  switch (actor.role) {
    case 'admin':
      return sql<boolean>`true`;
    case 'official':
    case 'worker': {
      if (actor.allRegions) return sql<boolean>`true`;
      if (actor.regionPaths.length === 0) return sql<boolean>`false`;
      const patterns = actor.regionPaths.map((path) => `${path.replace(/[%_\\]/g, '\\$&')}%`);
      return sql<boolean>`exists (select 1 from regions scope_site where scope_site.id = households.site_id and scope_site.path like any(${patterns}::text[]))`;
    }
    case 'helper':
      return sql<boolean>`exists (select 1 from helper_assignments scope_ha where scope_ha.household_id = households.id and scope_ha.user_id = ${actor.userId})`;
    case 'resident':
      if (!actor.personId) return sql<boolean>`false`;
      return sql<boolean>`households.id = (select scope_p.household_id from persons scope_p where scope_p.id = ${actor.personId})`;
    default:
      return sql<boolean>`false`;
  }
}

/** Roles that may read the registry at all; an employer never does (privacy by design). */
export function requireRegistryReader(actor: Actor): void {
  requireRole(actor, 'admin', 'official', 'worker', 'helper', 'resident');
}

/** Only a worker (on their own sites) or an admin changes the registry. */
export function requireRegistryWriter(actor: Actor): void {
  requireRole(actor, 'admin', 'worker');
}

/** Who may see what in a person record, beyond the masked defaults. */
export interface Disclosure {
  fullIdNumber: boolean;
  /** The full birth date; everyone else sees the age only (a birth date beside a mask gives the ID away). */
  birthDate: boolean;
  fullPhone: boolean;
  healthNotes: boolean;
}

export function disclosureFor(actor: Actor, wants: { reveal?: 'idNumber'; include?: 'healthNotes' }): Disclosure {
  const worksTheCase = actor.role === 'admin' || actor.role === 'worker';
  return {
    // A worker only ever reaches households on their own sites, so "worker of that site" holds.
    fullIdNumber: worksTheCase && wants.reveal === 'idNumber',
    // Those who may unmask the ID (audited) may see the date it contains.
    birthDate: worksTheCase,
    fullPhone: worksTheCase || actor.role === 'helper' || actor.role === 'resident',
    healthNotes: worksTheCase && wants.include === 'healthNotes',
  };
}
