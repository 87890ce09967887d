/** The income ledger of a compound (append-only; a correction replaces the entry it points at). */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';

type Db = Kysely<DB>;

export interface IncomeRow {
  id: number;
  period: string;
  category: string;
  due_yuan: number;
  collected_yuan: number;
  arrears_recovered_yuan: number;
  spent_yuan: number;
  note: string | null;
  corrects: number | null;
  corrected_by: number | null;
  recorded_by: number | null;
  recorded_by_name: string | null;
  recorded_at: Date;
}

export async function entries(db: Db, compoundId: number): Promise<IncomeRow[]> {
  const r = await sql<IncomeRow>`select i.id::int as id, to_char(i.period, 'YYYY-MM') as period, i.category, i.due_yuan, i.collected_yuan,
      i.arrears_recovered_yuan, i.spent_yuan, i.note, i.corrects::int as corrects,
      (select x.id::int from compound_income x where x.corrects = i.id) as corrected_by, i.recorded_by, u.display_name as recorded_by_name, i.recorded_at
    from compound_income i left join users u on u.id = i.recorded_by where i.compound_id = ${compoundId} order by i.period, i.id`.execute(db);
  return r.rows;
}

export async function findEntry(db: Db, id: number) {
  const r = await sql<{ id: number; compound_id: number; corrected: boolean }>`select i.id::int as id, i.compound_id,
      exists (select 1 from compound_income x where x.corrects = i.id) as corrected
    from compound_income i where i.id = ${id} for update`.execute(db);
  return r.rows[0];
}

export async function insertEntry(db: Db, e: { compoundId: number; period: string; category: string; dueYuan: number; collectedYuan: number; arrearsRecoveredYuan: number; spentYuan: number; note: string | null; corrects: number | null; userId: number | null; at: Date }): Promise<number> {
  const r = await sql<{ id: number }>`insert into compound_income (compound_id, period, category, due_yuan, collected_yuan, arrears_recovered_yuan, spent_yuan, note, corrects, recorded_by, recorded_at)
    values (${e.compoundId}, ${`${e.period}-01`}::date, ${e.category}, ${e.dueYuan}, ${e.collectedYuan}, ${e.arrearsRecoveredYuan}, ${e.spentYuan}, ${e.note}, ${e.corrects}, ${e.userId}, ${e.at})
    returning id::int as id`.execute(db);
  return r.rows[0].id;
}

/** Totals of the entries in force, per year and category (no people, no notes). */
export async function summary(db: Db, compoundId: number) {
  const r = await sql<{ year: string; category: string; due: number; collected: number; arrears: number; spent: number; entries: number }>`
    select to_char(i.period, 'YYYY') as year, i.category, sum(i.due_yuan) as due, sum(i.collected_yuan) as collected,
      sum(i.arrears_recovered_yuan) as arrears, sum(i.spent_yuan) as spent, count(*)::int as entries
    from compound_income i where i.compound_id = ${compoundId} and not exists (select 1 from compound_income x where x.corrects = i.id)
    group by 1, 2 order by 1, 2`.execute(db);
  return r.rows;
}

/** Arrears recovered in the ledger entries in force for compounds of the given communities in [from, to]. */
export async function arrearsByCommunity(db: Db, communityIds: number[], from: string, to: string) {
  if (!communityIds.length) return [];
  const r = await sql<{ community_id: number; arrears: number }>`select c.community_id, sum(i.arrears_recovered_yuan) as arrears
    from compound_income i join compounds c on c.id = i.compound_id
    where c.community_id = any(${communityIds}::int[]) and i.period between date_trunc('month', ${from}::date) and ${to}::date
      and not exists (select 1 from compound_income x where x.corrects = i.id)
    group by 1`.execute(db);
  return r.rows;
}
