/** What a grid sign shows: the grid, its community and street, and its public contacts. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';

export interface SignRow {
  id: number;
  code: string;
  name: string;
  households: number;
  units: number;
  community: string;
  street: string;
  people: { role: string; name: string; phone: string | null }[] | null;
}

export async function areaLevel(db: Kysely<DB>, id: number): Promise<{ id: number; code: string; level: string } | undefined> {
  return db.selectFrom('areas').select(['id', 'code', 'level']).where('id', '=', id).executeTakeFirst();
}

/** The grid itself, or every grid of a community, in code order. */
export async function signGrids(db: Kysely<DB>, areaId: number): Promise<SignRow[]> {
  const r = await sql<SignRow>`
    select g.id, g.code, g.name, g.households, g.units, c.name as community, s.name as street,
      (select json_agg(json_build_object('role', p.role, 'name', p.name, 'phone', p.phone) order by p.role, p.id)
         from responsible_people p where p.area_id = g.id and p.role <> 'central_household') as people
    from areas g join areas c on c.id = g.parent_id join areas s on s.id = c.parent_id
    where g.level = 'grid' and (g.id = ${areaId} or g.parent_id = ${areaId})
    order by g.code`.execute(db);
  return r.rows;
}
