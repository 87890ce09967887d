/**
 * Gives imported road edges ids and end nodes: an end within 1 m of an existing network node
 * (or of another imported end) shares its id. Crossings are not split here; a full extract is
 * noded by the data pipeline (scripts/data-build).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import type { AnyValidRecord } from './records.ts';

const SNAP_DEG = 1e-5; // ≈ 1 m at Chinese latitudes

type Pt = [number, number];

export async function nodeRoadEnds(db: Kysely<DB>, recs: AnyValidRecord[]): Promise<Record<string, unknown>[]> {
  const ends = await sql<{ node: number; x: number; y: number }>`
    select source node, ST_X(ST_StartPoint(geom)) x, ST_Y(ST_StartPoint(geom)) y from road_edges
    union select target, ST_X(ST_EndPoint(geom)), ST_Y(ST_EndPoint(geom)) from road_edges`.execute(db);
  const max = await sql<{ e: number | null; n: number | null }>`select max(id) e, greatest(max(source), max(target)) n from road_edges`.execute(db);
  let nextEdge = (max.rows[0].e ?? 0) + 1;
  let nextNode = (max.rows[0].n ?? 0) + 1;
  const grid = new Map<string, { node: number; p: Pt }[]>();
  const key = (x: number, y: number) => `${Math.floor(x / SNAP_DEG)},${Math.floor(y / SNAP_DEG)}`;
  const add = (node: number, p: Pt) => {
    const k = key(p[0], p[1]);
    grid.set(k, [...(grid.get(k) ?? []), { node, p }]);
  };
  const find = (p: Pt): number | undefined => {
    const cx = Math.floor(p[0] / SNAP_DEG);
    const cy = Math.floor(p[1] / SNAP_DEG);
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (const c of grid.get(`${cx + dx},${cy + dy}`) ?? [])
          if (Math.hypot(c.p[0] - p[0], c.p[1] - p[1]) <= SNAP_DEG) return c.node;
    return undefined;
  };
  for (const e of ends.rows) add(e.node, [e.x, e.y]);
  const nodeAt = (p: Pt) => {
    const n = find(p);
    if (n !== undefined) return n;
    const id = nextNode++;
    add(id, p);
    return id;
  };
  return recs.map((r) => {
    const coords = (r.geometry as unknown as { coordinates: Pt[] }).coordinates;
    const props = r.properties as Record<string, unknown>;
    return {
      ...props,
      id: props.id ?? nextEdge++,
      source: nodeAt(coords[0]),
      target: nodeAt(coords[coords.length - 1]),
      geometry: JSON.stringify(r.geometry),
    };
  });
}
