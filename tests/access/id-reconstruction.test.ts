import { chinaToday } from '@anju/domain/clock';
import { ageOn } from '@anju/domain/dates';
import { idNumberCheckChar, makeIdNumber } from '@anju/domain/id-number';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import { createHousehold } from '../support/registry-fixtures.ts';

/**
 * The attacker of issue 15: a reader who may not unmask ID numbers collects everything their
 * role's answers show about a person (masked ID, birth date or age, sex, site, origin) and
 * enumerates the ID numbers consistent with it — region known exactly (the strongest case: the
 * site's county), every birth date that fits, every sequence of the right parity, the check
 * character. At least 10,000 candidates must be left for every such role.
 */
const FLOOR = 10_000;

let ctx: TestContext;
let tree: RegionTree;
beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
});
afterAll(() => ctx.close());

interface Seen {
  masks: Set<string>;
  birthDates: Set<string>;
  ages: Set<number>;
  sexes: Set<string>;
}

/** Every day from 1900 to today as 'YYYY-MM-DD'. */
function allDays(today: string): string[] {
  const days: string[] = [];
  for (let t = Date.UTC(1900, 0, 1); ; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (day > today) return days;
    days.push(day);
  }
}

/** The ID numbers consistent with what was seen, given the region code. */
function candidates(region: string, seen: Seen, today: string, days: string[]): string[] {
  const dates = days.filter(
    (day) =>
      [...seen.birthDates].every((date) => date === day) && [...seen.ages].every((age) => ageOn(day, today) === age),
  );
  const parities = [...seen.sexes].map((sex) => (sex === 'male' ? 1 : 0));
  const found: string[] = [];
  for (const date of dates) {
    const stem = `${region}${date.replaceAll('-', '')}`;
    for (let sequence = 0; sequence < 1000; sequence++) {
      if (parities.some((parity) => sequence % 2 !== parity)) continue;
      const first17 = `${stem}${String(sequence).padStart(3, '0')}`;
      const id = `${first17}${idNumberCheckChar(first17)}`;
      const fits = [...seen.masks].every(
        (mask) => mask.length === 18 && [...mask].every((char, i) => char === '*' || char === id[i]),
      );
      if (fits) found.push(id);
    }
  }
  return found;
}

/** Everything the role's answers show about each person of the household, by person id. */
async function collect(cookie: string, householdId: string, personIds: string[]): Promise<Map<string, Seen>> {
  const seen = new Map<string, Seen>(
    personIds.map((id) => [id, { masks: new Set(), birthDates: new Set(), ages: new Set(), sexes: new Set() }]),
  );
  const people: Record<string, unknown>[] = [];
  const household = await call(ctx.app, 'GET', `/api/households/${householdId}`, { cookie });
  expect(household.status).toBe(200);
  people.push(...(await household.json()).members);
  for (const sort of ['birthDate', '-birthDate']) {
    const list = await call(ctx.app, 'GET', `/api/persons?householdId=${householdId}&sort=${sort}`, { cookie });
    expect(list.status).toBe(200);
    people.push(...(await list.json()).items);
  }
  for (const id of personIds) {
    const one = await call(ctx.app, 'GET', `/api/persons/${id}`, { cookie });
    if (one.status === 200) people.push(await one.json());
  }
  const timeline = await call(ctx.app, 'GET', `/api/households/${householdId}/timeline`, { cookie });
  if (timeline.status === 200) people.push(...(await timeline.json()).members);
  for (const person of people) {
    const entry = seen.get(String(person.id));
    if (!entry) continue;
    if (typeof person.idNumber === 'string') entry.masks.add(person.idNumber);
    if (typeof person.birthDate === 'string') entry.birthDates.add(person.birthDate);
    if (typeof person.age === 'number') entry.ages.add(person.age);
    if (typeof person.sex === 'string') entry.sexes.add(person.sex);
  }
  return seen;
}

describe('masked ID numbers survive combination with everything else a role sees', () => {
  it('leave at least 10,000 candidates for every role that cannot unmask, and the worker still sees all', async () => {
    const today = chinaToday();
    const region = tree.countyA.code;
    // Birthdays at the edges of a year, a leap day, today, and ordinary days; both sexes.
    const born = [
      ['1980-01-01', 11],
      ['1979-12-31', 22],
      ['1984-02-29', 33],
      [`1990-${today.slice(5)}`, 45],
      ['2001-07-15', 58],
      ['1965-03-09', 67],
    ] as const;
    const household = await createHousehold(
      ctx.db,
      tree.siteA1.id,
      born.map(([birthDate, sequence], index) => ({
        name: `成员${index}`,
        relation: index === 0 ? 'head' : 'child',
        birthDate,
        idNumber: makeIdNumber(region, birthDate, sequence),
      })),
    );
    for (const [index, person] of household.persons.entries()) {
      await ctx.db
        .updateTable('persons')
        .set({ sex: born[index][1] % 2 === 1 ? 'male' : 'female' })
        .where('id', '=', person.id)
        .execute();
    }
    await ctx.db
      .updateTable('households')
      .set({ originCounty: '甲县', originTownship: '甲镇' })
      .where('id', '=', household.id)
      .execute();

    const official = await createUser(ctx.db, { role: 'official', regionId: tree.city.id });
    const helper = await createUser(ctx.db, { role: 'helper' });
    await ctx.db
      .insertInto('helperAssignments')
      .values({ userId: helper.id, householdId: household.id, countyCode: household.countyCode })
      .execute();
    const resident = await createUser(ctx.db, { role: 'resident', homeSiteId: tree.siteA1.id });
    await ctx.db
      .updateTable('users')
      .set({ personId: household.persons[0].id })
      .where('id', '=', resident.id)
      .execute();
    const worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] });

    const days = allDays(today);
    const ids = household.persons.map((person) => person.id);
    const figures: string[] = [];
    for (const [role, account] of Object.entries({ official, helper, resident })) {
      const seen = await collect(await signIn(ctx.app, account.login), household.id, ids);
      for (const [index, person] of household.persons.entries()) {
        const info = seen.get(person.id) as Seen;
        // The reader did see something about this person: the attack has material to work on.
        expect(info.masks.size + info.ages.size, `${role} sees ${person.name}`).toBeGreaterThan(0);
        const found = candidates(region, info, today, days);
        expect(found, `${role}: the real number is among the candidates`).toContain(person.idNumber);
        figures.push(`${role} ${born[index][0]}: ${found.length}`);
        expect(found.length, `${role}: candidates for ${person.name}`).toBeGreaterThanOrEqual(FLOOR);
      }
    }
    console.log(`ID candidates left per role and birth date: ${figures.join(', ')}`);

    // The enumeration is not toothless: the worker sees the birth date beside the mask and is
    // left with a few dozen numbers — and may see the number itself, audited, anyway.
    const workerCookie = await signIn(ctx.app, worker.login);
    const workerSeen = await collect(workerCookie, household.id, ids);
    const first = workerSeen.get(ids[0]) as Seen;
    expect(first.birthDates).toEqual(new Set([born[0][0]]));
    expect(candidates(region, first, today, days).length).toBeLessThan(100);
    const revealed = await call(ctx.app, 'GET', `/api/persons/${ids[0]}?reveal=idNumber`, { cookie: workerCookie });
    expect((await revealed.json()).idNumber).toBe(household.persons[0].idNumber);
    const audit = await ctx.db
      .selectFrom('auditLog')
      .select('fields')
      .where('resourceId', '=', ids[0])
      .where('action', '=', 'read')
      .execute();
    expect(audit.some((row) => row.fields?.includes('idNumber'))).toBe(true);
  });
});
