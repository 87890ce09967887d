/** Compound gates on the walking network (closed during a daily window). */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';

export interface GateRow {
  id: number;
  road_edge_id: number;
  name: string;
  closed_from: string;
  closed_to: string;
  grid_id: number | null;
  geometry: unknown;
}

const SELECT = sql`select g.id, g.road_edge_id, g.name, g.closed_from, g.closed_to,
  (select a.id from areas a where a.level = 'grid' and ST_Intersects(a.geom, ST_LineInterpolatePoint(e.geom, 0.5)) limit 1) as grid_id,
  ST_AsGeoJSON(ST_LineInterpolatePoint(e.geom, 0.5), 7)::json as geometry
  from gates g join road_edges e on e.id = g.road_edge_id`;

export async function list(db: Kysely<DB>): Promise<GateRow[]> {
  return (await sql<GateRow>`${SELECT} order by g.id`.execute(db)).rows;
}

export async function find(db: Kysely<DB>, id: number): Promise<GateRow | undefined> {
  return (await sql<GateRow>`${SELECT} where g.id = ${id}`.execute(db)).rows[0];
}

/** The walkable edge nearest to a point within `maxM` metres, and the grid it lies in. */
export async function nearestEdge(db: Kysely<DB>, lon: number, lat: number, maxM: number) {
  const r = await sql<{ id: number; grid_id: number | null; d: number }>`
    select e.id, (select a.id from areas a where a.level = 'grid' and ST_Intersects(a.geom, ST_LineInterpolatePoint(e.geom, 0.5)) limit 1) as grid_id,
      ST_Distance(e.geom::geography, ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)::geography) as d
    from road_edges e
    where e.walkable and e.geom && ST_Expand(ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326), ${maxM / 90000})
    order by e.geom <-> ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326) limit 1`.execute(db);
  const e = r.rows[0];
  return e && e.d <= maxM ? e : undefined;
}

export async function insert(db: Kysely<DB>, g: { edgeId: number; name: string; from: string; to: string }): Promise<number> {
  const r = await db.insertInto('gates').values({ road_edge_id: g.edgeId, name: g.name, closed_from: g.from, closed_to: g.to }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function remove(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('gates').where('id', '=', id).execute();
}
