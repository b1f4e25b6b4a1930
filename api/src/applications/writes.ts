import type { Db } from '../db/database.ts';
import { notifyApplicantOfMove, notifyProviderOfApplication } from './notify.ts';
import { createApplication, type NewApplication, type TransitionInput, transitionApplication } from './queries.ts';

interface Posting {
  title: string;
  ownerUserIds: string[];
}

/** Files an application: the application, its first step and the employer's inbox entry land together. */
export function fileApplication(db: Db, input: NewApplication, posting: Posting) {
  return db.transaction().execute(async (trx) => {
    const filed = await createApplication(trx, input);
    await notifyProviderOfApplication(trx, {
      applicationId: filed.id,
      kind: input.kind,
      opportunityId: input.opportunityId,
      title: posting.title,
      ownerUserIds: posting.ownerUserIds,
    });
    return filed;
  });
}

/** Moves an application one step; the resident hears of what the other side did, in the same transaction. */
export function moveApplication(db: Db, input: TransitionInput, title: string) {
  return db.transaction().execute(async (trx) => {
    const after = await transitionApplication(trx, input);
    // The resident hears of what the other side did; their own moves need no telling.
    if (input.side !== 'applicant') {
      await notifyApplicantOfMove(trx, {
        applicationId: input.applicationId,
        personId: after.personId,
        kind: after.kind,
        to: after.state,
        version: after.version,
        title,
      });
    }
    return after;
  });
}
