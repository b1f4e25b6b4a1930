import { chinaToday } from '@anju/domain/clock';
import { monthStart } from '@anju/domain/dates';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { AppDeps } from '../http/env.ts';
import { evaluateAlerts } from './evaluate-alerts.ts';

/**
 * Demo tracking data for whatever households the registry's demo seeder created: monitoring
 * lines, 18 months of income, visits, some 低保 records and assessments, then alerts. Runs
 * only when households exist and no monitoring line does (so never twice, never on real data
 * that has lines). Amounts come from a hash of the household id, so reruns are reproducible.
 */
export async function seedDemoTracking({ db, logger }: AppDeps): Promise<void> {
  const household = await db.selectFrom('households').select('id').limit(1).executeTakeFirst();
  if (!household) return;
  const line = await db.selectFrom('monitoringLines').select('id').limit(1).executeTakeFirst();
  if (line) return;
  await db.transaction().execute(async (trx) => {
    // Fictional province 52 (the demo city is 5299xx): 8,050 from 2023, 8,700 from 2025;
    // 绿水县 sets its own higher line from 2025, which overrides the province's there.
    await trx
      .insertInto('monitoringLines')
      .values([
        { regionCode: '52', level: 'province', year: 2023, amountYuan: 8050, note: '演示数据' },
        { regionCode: '52', level: 'province', year: 2025, amountYuan: 8700, note: '演示数据' },
        { regionCode: '529902', level: 'county', year: 2025, amountYuan: 9000, note: '演示数据：县级监测线' },
      ])
      .execute();
    await seedTrackingFacts(trx, { months: 18, today: chinaToday() });
  });
  const result = await evaluateAlerts(db);
  logger.warn({ ...result }, 'demo tracking data created (DEMO ONLY)');
}

/**
 * Set-based generation of income, visits, 低保 and assessments for every household that has
 * none yet: also what the benchmark uses to fill a city-scale database.
 */
export async function seedTrackingFacts(db: Db, options: { months: number; today: string }): Promise<void> {
  const from = monthStart(options.today, -options.months);
  const to = monthStart(options.today, -1);
  // A stable pseudo-random number in [0, 1) per household and salt.
  const rnd = (salt: string) =>
    sql`(('x' || substr(md5(h.id::text || ${salt}), 1, 8))::bit(32)::bigint % 10000) / 10000.0`;
  // Each household's draws are computed once (a materialised CTE), not for every month and
  // source of its 36 × 3 rows: at city scale that is ~0.4M md5 calls instead of ~30M.
  await sql`
    with hh as materialized (
      select h.id, h.county_code, ${rnd('w')} as wages, ${rnd('drop')} as keeps_job, ${rnd('b')} as business,
        ${rnd('t')} as transfer, ${rnd('c')} as costs, ${rnd('hasb')} as has_business, ${rnd('hast')} as has_transfer
      from households h
      where not exists (select 1 from income_records ir where ir.household_id = h.id))
    insert into income_records (county_code, household_id, period_kind, period_start, source, amount_yuan, production_costs_yuan)
    select h.county_code, h.id, 'month', m::date, src.source,
      round(case src.source
        when 'wages' then (600 + 2400 * h.wages) * (case when m < ${monthStart(options.today, -4)}::date or h.keeps_job > 0.1 then 1 else 0.4 end)
        when 'business' then 400 + 800 * h.business
        else 150 + 250 * h.transfer end, 2),
      case when src.source = 'business' then round(150 + 200 * h.costs, 2) else 0 end
    from hh h
    cross join generate_series(${from}::date, ${to}::date, interval '1 month') m
    cross join (values ('wages'), ('business'), ('transfer_subsidy')) as src(source)
    where src.source = 'wages' or (src.source = 'business' and h.has_business < 0.4)
      or (src.source = 'transfer_subsidy' and h.has_transfer < 0.5)`.execute(db);
  await sql`
    insert into visits (county_code, household_id, worker_id, visited_on, kind, findings, measures)
    select h.county_code, h.id, w.id, ${options.today}::date - (20 + (${rnd('v')} * 150)::int + k * 60),
      case when k = 0 then 'routine' else 'alert_follow_up' end,
      case when k = 0 then '家庭情况稳定' else '收入下降，已推荐就业' end,
      case when k = 0 then '{}'::text[] else array['job_referral'] end
    from households h
    cross join generate_series(0, 1) k
    join lateral (select coalesce(h.responsible_worker_id,
      (select u.id from users u where u.role in ('worker', 'admin') order by (u.role = 'worker') desc, u.id limit 1)) as id) w on w.id is not null
    where not exists (select 1 from visits v where v.household_id = h.id) and (k = 0 or ${rnd('k')} < 0.3)`.execute(db);
  await sql`
    insert into dibao_enrolments (county_code, household_id, state, class, monthly_amount_yuan, valid_until, state_since)
    select h.county_code, h.id, s.state, case when s.state = 'enrolled' then 'B' end,
      case when s.state = 'enrolled' then 320 end,
      case when s.state = 'enrolled' then ${options.today}::date + (10 + (${rnd('vu')} * 300)::int) end,
      ${options.today}::date - 120
    from households h
    cross join lateral (select case when ${rnd('d')} < 0.15 then 'enrolled' when ${rnd('d')} < 0.22 then 'applied' end as state) s
    where s.state is not null and not exists (select 1 from dibao_enrolments d where d.household_id = h.id)`.execute(
    db,
  );
  await sql`
    insert into dibao_events (county_code, household_id, enrolment_id, from_state, to_state, on_date, class, monthly_amount_yuan, valid_until)
    select d.county_code, d.household_id, d.id, null, d.state, d.state_since, d.class, d.monthly_amount_yuan, d.valid_until
    from dibao_enrolments d where not exists (select 1 from dibao_events e where e.enrolment_id = d.id)`.execute(db);
  await sql`
    insert into integration_assessments (county_code, household_id, assessed_on, economic, social_ties, daily_life_services,
      cultural_participation, psychological_belonging, children_in_local_school, medical_insurance_transferred,
      household_registration_moved, returns_to_origin_village)
    select h.county_code, h.id, ${options.today}::date - (30 + k * 180),
      least(5, 2 + (${rnd('e')} * 3)::int + (1 - k)), least(5, 2 + (${rnd('s')} * 3)::int),
      least(5, 3 + (${rnd('l')} * 2)::int), least(5, 1 + (${rnd('cu')} * 4)::int),
      greatest(1, least(5, 3 + (${rnd('p')} * 2)::int - case when ${rnd('pd')} < 0.1 and k = 0 then 2 else 0 end)),
      ${rnd('f1')} < 0.8, ${rnd('f2')} < 0.7, ${rnd('f3')} < 0.4, ${rnd('f4')} < 0.3
    from households h cross join generate_series(0, 1) k
    where not exists (select 1 from integration_assessments a where a.household_id = h.id)`.execute(db);
}
