import type { Actor } from '../access/actor.ts';
import { requireRole } from '../access/policy.ts';

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
