import { type Kysely, sql } from 'kysely';

/**
 * Matching retrieves the open jobs that ask for a skill related to one the person holds. An
 * index on the codes of the required skills (and a small one on open jobs asking none) lets
 * PostgreSQL find those few thousand among 100k open jobs without reading every posting. For an
 * employer's candidates, (skill_code, person_id) answers "who holds one of these skills" from the
 * index alone.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index jobs_open_required_codes_idx on jobs
    using gin ((jsonb_path_query_array(required_skills, '$[*].code')))
    where status = 'open'`.execute(db);
  await sql`create index jobs_open_no_skills_idx on jobs (id)
    where status = 'open' and jsonb_array_length(required_skills) = 0`.execute(db);
  await sql`create index person_skills_skill_person_idx on person_skills (skill_code, person_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index person_skills_skill_person_idx`.execute(db);
  await sql`drop index jobs_open_no_skills_idx`.execute(db);
  await sql`drop index jobs_open_required_codes_idx`.execute(db);
}
