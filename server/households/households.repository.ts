/** Every kysely call for households and their members (personal data: callers audit the read). */
import { sql, type Kysely } from 'kysely';
import { subtreeIds } from '../auth/jurisdiction.repository.ts';
import type { DB } from '../db/types.ts';

function householdsQuery(db: Kysely<DB>) {
  return db
    .selectFrom('households as h')
    .innerJoin('areas as u', 'u.id', 'h.unit_id')
    .leftJoin('buildings as b', 'b.id', 'h.building_id')
    .select(['h.id', 'h.code', 'h.room', 'h.size', 'u.id as unit_id', 'u.code as unit_code', 'u.name as unit_name', 'b.id as building_id', 'b.name as building_name', 'b.address as building_address']);
}

export type HouseholdRow = Awaited<ReturnType<ReturnType<typeof householdsQuery>['execute']>>[number];

/** Households in an area and below, by code, with the total count. */
export async function listInArea(db: Kysely<DB>, areaId: number, limit: number, offset: number) {
  const rows = await householdsQuery(db).where('h.unit_id', 'in', subtreeIds(areaId)).orderBy('h.code').limit(limit).offset(offset).execute();
  const total = await db
    .selectFrom('households')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('unit_id', 'in', subtreeIds(areaId))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}

export async function findOne(db: Kysely<DB>, id: number): Promise<HouseholdRow | undefined> {
  return householdsQuery(db).where('h.id', '=', id).executeTakeFirst();
}

export async function membersOf(db: Kysely<DB>, householdIds: number[]) {
  if (!householdIds.length) return [];
  return db
    .selectFrom('household_members')
    .select(['id', 'household_id', 'name', 'relation', 'birth_year', 'phone', 'groups'])
    .where('household_id', 'in', householdIds)
    .orderBy('household_id')
    .orderBy('id')
    .execute();
}

/** Members per special group among the households of an area and below. */
export async function groupCounts(db: Kysely<DB>, areaId: number): Promise<Map<string, number>> {
  const r = await sql<{ grp: string; n: number }>`
    select g as grp, count(*)::int as n
    from household_members m join households h on h.id = m.household_id, unnest(m.groups) as g
    where h.unit_id in ${subtreeIds(areaId)}
    group by g`.execute(db);
  return new Map(r.rows.map((x) => [x.grp, Number(x.n)]));
}

export async function areaTotals(db: Kysely<DB>, id: number) {
  return db.selectFrom('areas').select(['id', 'code', 'name', 'level', 'households', 'population']).where('id', '=', id).executeTakeFirst();
}
