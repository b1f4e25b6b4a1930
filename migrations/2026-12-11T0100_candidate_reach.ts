import { type Kysely, sql } from 'kysely';

/**
 * Issue 23: an employer's candidates are retrieved from the skill holders within reach of the job,
 * not from every holder of the skill in the database.
 *
 * Retrieval asks "who, among the people seen by employers, holds one of these skills and lives on
 * one of these sites, within their own longest commute". Answered through persons, that is one
 * scattered heap page per skill holder anywhere in the city (about a thousand pages per job at
 * 78k people, read from disk after a restart) before most are dropped as too far. So person_skills
 * carries, next to each skill, the four facts that filter needs: the household's `site_id` and
 * the person's `max_commute_km`, `willing_to_work_away` and `visible_to_employers`. One partial
 * index, (skill_code, site_id) for the people seen by employers, with the rest included, then
 * answers it from a few contiguous index pages, and persons are read only for the people who pass.
 *
 * Denormalised facts must stay true, so triggers keep them, whatever the write path (forms, roster
 * import, duplicate merge, seeds, a console): a skill row takes them from its person and household
 * when it is written or moves to another person; a person's change of household, commute,
 * willingness or visibility is copied to their skill rows; a household's move to another site
 * is copied to its members' skill rows. Retrieval still applies the exact filters on persons
 * after this index, so the copy only has to name a superset: it can never add a candidate.
 *
 * The longest commute anyone seen by employers accepts bounds the sites within reach of a job:
 * a small partial index on persons answers that max() with one index read.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('person_skills')
    .addColumn('site_id', 'bigint')
    .addColumn('max_commute_km', 'double precision')
    .addColumn('willing_to_work_away', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('visible_to_employers', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await sql`update person_skills ps
    set site_id = h.site_id, max_commute_km = p.max_commute_km,
      willing_to_work_away = p.willing_to_work_away, visible_to_employers = p.visible_to_employers
    from persons p join households h on h.id = p.household_id
    where p.id = ps.person_id`.execute(db);
  await sql`alter table person_skills alter column site_id set not null`.execute(db);

  await sql`create function person_skills_take_person_facts() returns trigger language plpgsql as $$
    begin
      select h.site_id, p.max_commute_km, p.willing_to_work_away, p.visible_to_employers
        into new.site_id, new.max_commute_km, new.willing_to_work_away, new.visible_to_employers
        from persons p join households h on h.id = p.household_id
        where p.id = new.person_id;
      return new;
    end $$`.execute(db);
  await sql`create trigger person_skills_person_facts before insert or update of person_id on person_skills
    for each row execute function person_skills_take_person_facts()`.execute(db);

  await sql`create function persons_copy_reach_to_skills() returns trigger language plpgsql as $$
    begin
      update person_skills ps
        set site_id = h.site_id, max_commute_km = new.max_commute_km,
          willing_to_work_away = new.willing_to_work_away, visible_to_employers = new.visible_to_employers
        from households h
        where h.id = new.household_id and ps.person_id = new.id;
      return null;
    end $$`.execute(db);
  await sql`create trigger persons_reach_to_skills
    after update of household_id, max_commute_km, willing_to_work_away, visible_to_employers on persons
    for each row
    when ((old.household_id, old.max_commute_km, old.willing_to_work_away, old.visible_to_employers)
      is distinct from (new.household_id, new.max_commute_km, new.willing_to_work_away, new.visible_to_employers))
    execute function persons_copy_reach_to_skills()`.execute(db);

  await sql`create function households_copy_site_to_skills() returns trigger language plpgsql as $$
    begin
      update person_skills ps set site_id = new.site_id
        from persons p
        where p.household_id = new.id and ps.person_id = p.id;
      return null;
    end $$`.execute(db);
  await sql`create trigger households_site_to_skills after update of site_id on households
    for each row when (old.site_id is distinct from new.site_id)
    execute function households_copy_site_to_skills()`.execute(db);

  await sql`create index person_skills_reach_idx on person_skills (skill_code, site_id)
    include (person_id, max_commute_km, willing_to_work_away)
    where visible_to_employers`.execute(db);
  await sql`create index persons_visible_commute_idx on persons (max_commute_km)
    where visible_to_employers`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index persons_visible_commute_idx`.execute(db);
  await sql`drop index person_skills_reach_idx`.execute(db);
  await sql`drop trigger households_site_to_skills on households`.execute(db);
  await sql`drop function households_copy_site_to_skills()`.execute(db);
  await sql`drop trigger persons_reach_to_skills on persons`.execute(db);
  await sql`drop function persons_copy_reach_to_skills()`.execute(db);
  await sql`drop trigger person_skills_person_facts on person_skills`.execute(db);
  await sql`drop function person_skills_take_person_facts()`.execute(db);
  await db.schema
    .alterTable('person_skills')
    .dropColumn('site_id')
    .dropColumn('max_commute_km')
    .dropColumn('willing_to_work_away')
    .dropColumn('visible_to_employers')
    .execute();
}
