import { describe, it } from 'vitest';
import type { Actor } from '../../api/src/access/actor.ts';
import { householdVisible, personVisible, staffInScope } from '../../api/src/access/policy.ts';
import { loadCandidatePool } from '../../api/src/matching/load.ts';
import { OpenJobs } from '../../api/src/matching/open-jobs.ts';
import { drainOutbox } from '../../api/src/search-sync/worker.ts';
import { evaluateAlerts } from '../../api/src/tracking/evaluate-alerts.ts';
import { regionReport } from '../../api/src/tracking/reports.ts';
import { listUsers } from '../../api/src/users/queries.ts';
import type { Search } from '../../search/src/client.ts';
import { job } from '../matching/builders.ts';
import { testSkillGraph } from '../matching/skill-graph.fixture.ts';
import { expectSqlSnapshot } from './snapshot.ts';

/** One line per important query; see `snapshot.ts`. No database: the statements are only compiled. */

const actor = (role: Actor['role'], extra: Partial<Actor> = {}): Actor => ({
  userId: '7',
  role,
  name: '测试',
  allRegions: false,
  regionPaths: ['/1/4/'],
  department: null,
  personId: role === 'resident' ? '42' : null,
  ...extra,
});

const visibleHouseholds = (who: Actor) => (db: Parameters<typeof listUsers>[0]) =>
  db.selectFrom('households').select('households.id').where(householdVisible(who)).execute();

describe('SQL snapshots', () => {
  it('the access policy’s household and person filters, per role', async () => {
    await expectSqlSnapshot('policy-households-worker', visibleHouseholds(actor('worker')));
    await expectSqlSnapshot('policy-households-helper', visibleHouseholds(actor('helper')));
    await expectSqlSnapshot('policy-households-resident', visibleHouseholds(actor('resident')));
    await expectSqlSnapshot('policy-persons-resident', (db) =>
      db
        .selectFrom('persons')
        .innerJoin('households', 'households.id', 'persons.householdId')
        .select('persons.id')
        .where(personVisible(actor('resident')))
        .execute(),
    );
    await expectSqlSnapshot('policy-staff-in-scope', (db) =>
      db
        .selectFrom('users')
        .select('users.id')
        .where(staffInScope(actor('official')))
        .execute(),
    );
  });

  it('the users list, paged', async () => {
    await expectSqlSnapshot('users-list', (db) => listUsers(db, actor('worker'), { page: 2, pageSize: 20, q: '张' }));
  });

  it('the region dashboard', async () => {
    const region = { id: '1', code: '520100', name: '测试市', level: 'city', path: '/1/' };
    await expectSqlSnapshot('tracking-region-report', (db) =>
      regionReport(db, actor('official'), region, '2026-01', '2026-06', '2026-06-15'),
    );
  });

  it('alert evaluation', async () => {
    await expectSqlSnapshot('tracking-evaluate-alerts', (db) =>
      evaluateAlerts(db, { householdIds: ['1', '2'], asOf: '2026-06-15' }),
    );
  });

  it('the search outbox claim', async () => {
    await expectSqlSnapshot('search-sync-outbox-claim', (db) =>
      drainOutbox({ db, search: {} as Search }, { maxBatches: 1 }),
    );
  });

  it('the open-jobs index: first load, then the delta', async () => {
    await expectSqlSnapshot('matching-open-jobs', async (db) => {
      const index = new OpenJobs();
      await index.refresh(db);
      await index.refresh(db);
    });
  });

  it('an employer’s candidates: the skill holders within reach of the job, then their person rows', async () => {
    const sewing = job({
      requiredSkills: [{ code: 'industrial_sewing', minLevel: 1 }],
      shuttleSiteIds: ['9'],
      accommodation: true,
      physicalDemand: 'medium',
      maxAge: 55,
    });
    await expectSqlSnapshot('matching-candidate-pool', (db) =>
      loadCandidatePool(db, sewing, testSkillGraph, { today: '2026-06-15', appliedPersonIds: ['42'] }),
    );
  });
});
