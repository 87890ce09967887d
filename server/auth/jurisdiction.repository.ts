/** The two lookups jurisdiction checks need: an area's chain up to its street, a household's unit. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';

/** The area and its ancestors (ids), or null when the area does not exist. */
export async function selfAndAncestorIds(db: Kysely<DB>, areaId: number): Promise<number[] | null> {
  const r = await sql<{ id: number }>`
    with recursive up(id, parent_id) as (
      select id, parent_id from areas where id = ${areaId}
      union all
      select a.id, a.parent_id from areas a join up on a.id = up.parent_id
    )
    select id from up`.execute(db);
  return r.rows.length ? r.rows.map((x) => x.id) : null;
}

export async function householdUnitId(db: Kysely<DB>, householdId: number): Promise<number | null> {
  const r = await db.selectFrom('households').select('unit_id').where('id', '=', householdId).executeTakeFirst();
  return r?.unit_id ?? null;
}

/** Ids of the area and everything below it (for filtering by jurisdiction). */
export function subtreeIds(areaId: number) {
  return sql<number>`(
    with recursive down(id) as (
      select id from areas where id = ${areaId}
      union all
      select a.id from areas a join down on a.parent_id = down.id
    )
    select id from down)`;
}
