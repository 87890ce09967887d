/** Every kysely call for areas. Rows come back snake_case and become domain objects in the service. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { asGeoJson, inBBox, type BBox } from '../geo-sql.ts';
import type { Level } from './areas.schema.ts';

export interface AreaRow {
  id: number;
  code: string;
  name: string;
  level: Level;
  parent_id: number | null;
  households: number;
  population: number;
  units: number;
}

const COLS = ['id', 'code', 'name', 'level', 'parent_id', 'households', 'population', 'units'] as const;

export async function listAreas(db: Kysely<DB>, q: { level?: Level; parentId?: number; bbox?: BBox; tolerance: number }) {
  let query = db
    .selectFrom('areas')
    .select(COLS)
    .select(asGeoJson('geom', q.tolerance).as('geometry'))
    .where(inBBox('geom', q.bbox))
    .orderBy('code');
  if (q.level) query = query.where('level', '=', q.level);
  if (q.parentId !== undefined) query = query.where('parent_id', '=', q.parentId);
  return query.execute() as Promise<(AreaRow & { geometry: unknown })[]>;
}

export async function findArea(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('areas')
    .select(COLS)
    .select([
      sql<number[]>`array[ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom)]`.as('bbox'),
      sql<unknown>`ST_AsGeoJSON(ST_PointOnSurface(geom), 7)::json`.as('center'),
    ])
    .where('id', '=', id)
    .executeTakeFirst() as Promise<(AreaRow & { bbox: number[]; center: { coordinates: [number, number] } }) | undefined>;
}

/** Ancestors from the street down, excluding the area itself. */
export async function ancestors(db: Kysely<DB>, id: number): Promise<Pick<AreaRow, 'id' | 'code' | 'name' | 'level'>[]> {
  const r = await sql<Pick<AreaRow, 'id' | 'code' | 'name' | 'level'> & { depth: number }>`
    with recursive up(id, code, name, level, parent_id, depth) as (
      select a.id, a.code, a.name, a.level, a.parent_id, 0 from areas a where a.id = ${id}
      union all
      select p.id, p.code, p.name, p.level, p.parent_id, up.depth + 1 from areas p join up on p.id = up.parent_id
    )
    select id, code, name, level, depth from up where depth > 0 order by depth desc`.execute(db);
  return r.rows.map(({ depth: _d, ...a }) => a);
}

export async function children(db: Kysely<DB>, id: number): Promise<AreaRow[]> {
  return db.selectFrom('areas').select(COLS).where('parent_id', '=', id).orderBy('code').execute() as Promise<AreaRow[]>;
}

/** Public contact of responsible people: role, name, phone. 党员中心户 are households, so not listed. */
export async function responsiblePeople(db: Kysely<DB>, areaId: number) {
  return db
    .selectFrom('responsible_people')
    .select(['role', 'name', 'phone'])
    .where('area_id', '=', areaId)
    .where('role', '!=', 'central_household')
    .orderBy('role')
    .orderBy('id')
    .execute();
}

export async function countCentralHouseholds(db: Kysely<DB>, areaId: number): Promise<number> {
  const r = await db
    .selectFrom('responsible_people')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('area_id', '=', areaId)
    .where('role', '=', 'central_household')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
