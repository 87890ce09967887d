/** Every kysely call of the service circle: the walking network, the demand, the stations. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import type { RoadEdgeInput } from './walk-graph.ts';

/** [west, south, east, north], degrees. */
export type Extent = [number, number, number, number];

/**
 * Walkable road edges (gates are applied apart, `withGates`): all, or those whose bounding box
 * meets `extent`, or only the edges `ids` (which still exist and are walkable) within it.
 */
export async function roadEdges(db: Kysely<DB>, opts: { extent?: Extent | null; ids?: readonly number[] } = {}): Promise<RoadEdgeInput[]> {
  const box = opts.extent ? sql`and e.geom && ST_MakeEnvelope(${opts.extent[0]}, ${opts.extent[1]}, ${opts.extent[2]}, ${opts.extent[3]}, 4326)` : sql``;
  const only = opts.ids ? sql`and e.id = any(${[...opts.ids]}::int[])` : sql``;
  const r = await sql<{ id: number; source: number; target: number; length_m: number; highway: string; walkable: boolean; bridge: boolean; tunnel: boolean; geometry: { coordinates: [number, number][] } }>`
    select e.id, e.source, e.target, e.length_m, e.highway, e.walkable, e.bridge, e.tunnel,
           ST_AsGeoJSON(e.geom, 7)::json as geometry
    from road_edges e where e.walkable ${box} ${only} order by e.id`.execute(db);
  return r.rows.map((e) => ({
    id: e.id, source: e.source, target: e.target, lengthM: e.length_m, highway: e.highway,
    walkable: e.walkable, bridge: e.bridge, tunnel: e.tunnel, coordinates: e.geometry.coordinates,
  }));
}

export interface NetworkSignature {
  /** The road-edge log's last revision and its tag (migration 0010). */
  rev: string;
  tag: string;
  /** Changes when a gate closing is marked or removed (a gate edit need not rebuild the network). */
  gates: string;
  /** The streets (the jurisdictions graphs are kept for) and their bounding boxes. */
  streets: { id: number; bbox: Extent }[];
}

/** What the graphs are built from, cheaply: a few index reads and the streets' boxes. */
export async function networkSignature(db: Kysely<DB>): Promise<NetworkSignature> {
  const r = await sql<{ rev: string | null; tag: string | null; gates: string; streets: NetworkSignature['streets'] }>`
    select l.rev::text as rev, l.tag::text as tag,
      concat_ws(':', (select count(*) from gates), (select coalesce(max(created_at)::text, '') from gates), (select coalesce(sum(id::bigint * 17 + road_edge_id), 0) from gates)) as gates,
      (select coalesce(json_agg(json_build_object('id', a.id, 'bbox', json_build_array(ST_XMin(a.geom), ST_YMin(a.geom), ST_XMax(a.geom), ST_YMax(a.geom))) order by a.id), '[]'::json)
         from areas a where a.level = 'street') as streets
    from (select 1) one left join lateral (select rev, tag from road_edge_log order by rev desc limit 1) l on true`.execute(db);
  const row = r.rows[0];
  return { rev: row.rev ?? '0', tag: row.tag ?? '', gates: row.gates, streets: row.streets };
}

/** One logged road change: the edge and its bounding box (before or after). */
export interface RoadChange {
  edgeId: number;
  extent: Extent;
}

/**
 * Road changes after revision `rev`, or null when they cannot be told apart from a new history:
 * the row (rev, tag) is gone or differs (the database was restored or recreated), or the roads
 * were truncated or re-baselined since.
 */
export async function roadChangesSince(db: Kysely<DB>, rev: string, tag: string): Promise<RoadChange[] | null> {
  const same = await sql<{ ok: boolean }>`select tag::text = ${tag} as ok from road_edge_log where rev = ${rev}::bigint`.execute(db);
  if (!same.rows[0]?.ok) return null;
  const r = await sql<{ op: string; edge_id: number | null; west: number; south: number; east: number; north: number }>`
    select op, edge_id, west, south, east, north from road_edge_log where rev > ${rev}::bigint order by rev`.execute(db);
  if (r.rows.some((x) => x.edge_id === null)) return null;
  return r.rows.map((x) => ({ edgeId: x.edge_id!, extent: [x.west, x.south, x.east, x.north] }));
}

/** The street an area lies in (itself when it is one). */
export async function streetOf(db: Kysely<DB>, areaId: number): Promise<number | null> {
  const r = await sql<{ id: number }>`
    with recursive up as (select id, parent_id from areas where id = ${areaId}
      union all select a.id, a.parent_id from areas a join up on a.id = up.parent_id)
    select id from up where parent_id is null`.execute(db);
  return r.rows[0]?.id ?? null;
}

/** Every gate closing by road edge (for `withGates`). */
export async function gateClosings(db: Kysely<DB>): Promise<{ edgeId: number; windows: { from: string; to: string }[] }[]> {
  const r = await sql<{ edge_id: number; windows: { from: string; to: string }[] }>`
    select road_edge_id as edge_id, json_agg(json_build_object('from', closed_from, 'to', closed_to) order by id) as windows
    from gates group by road_edge_id order by road_edge_id`.execute(db);
  return r.rows.map((x) => ({ edgeId: x.edge_id, windows: x.windows }));
}

/** Demand: one row per (building, unit) with its households, population and area chain. */
export interface DemandRow {
  building_id: number | null;
  unit_id: number;
  grid_id: number;
  community_id: number;
  street_id: number;
  households: number;
  population: number;
  x: number;
  y: number;
  name: string | null;
}

/** Where demand is read from: an area (and all below it), or every unit within a radius of a point. */
export type DemandScope = number | { lon: number; lat: number; radiusM: number };

export async function demand(db: Kysely<DB>, scope: DemandScope): Promise<DemandRow[]> {
  const areaId = typeof scope === 'number' ? scope : null;
  const near = typeof scope === 'number' ? null : scope;
  const r = await sql<DemandRow>`
    with recursive scope(id) as (select id from areas where id = ${areaId ?? -1} union all select a.id from areas a join scope on a.parent_id = scope.id)
    select h.building_id, h.unit_id, g.id as grid_id, c.id as community_id, s.id as street_id,
           count(*)::int as households, sum(h.size)::int as population,
           ST_X(ST_PointOnSurface(coalesce(b.geom, u.geom))) as x, ST_Y(ST_PointOnSurface(coalesce(b.geom, u.geom))) as y,
           coalesce(b.name, u.name) as name
    from households h
    join areas u on u.id = h.unit_id ${near ? sql`` : sql`and u.id in (select id from scope)`}
    join areas g on g.id = u.parent_id join areas c on c.id = g.parent_id join areas s on s.id = c.parent_id
    left join buildings b on b.id = h.building_id
    ${near ? sql`where ST_DWithin(coalesce(b.geom, u.geom)::geography, ST_SetSRID(ST_MakePoint(${near.lon}, ${near.lat}), 4326)::geography, ${near.radiusM})` : sql``}
    group by h.building_id, h.unit_id, g.id, c.id, s.id, b.geom, u.geom, b.name, u.name
    order by h.building_id nulls last, h.unit_id`.execute(db);
  return r.rows;
}

/** Entrances of the given buildings (only those the demand reads, not every entrance of the city). */
export async function entrances(db: Kysely<DB>, buildingIds: readonly number[]): Promise<{ building_id: number; x: number; y: number }[]> {
  if (!buildingIds.length) return [];
  const r = await sql<{ building_id: number; x: number; y: number }>`
    select building_id, ST_X(geom) x, ST_Y(geom) y from entrances where building_id = any(${[...buildingIds]}::int[]) order by id`.execute(db);
  return r.rows;
}

export interface StationRow {
  id: number;
  kind: string;
  name: string;
  opening_hours: string | null;
  floor: number;
  lift: boolean;
  step_free: boolean;
  x: number;
  y: number;
}

export async function stations(db: Kysely<DB>, kinds: readonly string[]): Promise<StationRow[]> {
  if (!kinds.length) return [];
  const r = await sql<StationRow>`
    select id, kind, name, opening_hours, floor, lift, step_free, ST_X(geom) x, ST_Y(geom) y
    from places where kind = any(${kinds as string[]}::text[]) order by id`.execute(db);
  return r.rows;
}

export async function station(db: Kysely<DB>, id: number): Promise<StationRow | undefined> {
  const r = await sql<StationRow>`select id, kind, name, opening_hours, floor, lift, step_free, ST_X(geom) x, ST_Y(geom) y from places where id = ${id}`.execute(db);
  return r.rows[0];
}

export interface CandidateRow {
  ref: string;
  name: string;
  x: number;
  y: number;
  floor: number;
  lift: boolean;
}

/** Idle and reclaimed spaces inside an area: ground floor or with a lift (siting candidates); a space converted into a station is not one. */
export async function spaceCandidates(db: Kysely<DB>, areaId: number): Promise<CandidateRow[]> {
  const r = await sql<CandidateRow>`
    select 'space:' || s.id as ref, s.name, ST_X(s.geom) x, ST_Y(s.geom) y, s.floor, s.lift
    from spaces s join areas a on a.id = ${areaId} and ST_Intersects(a.geom, s.geom)
    where s.status in ('idle', 'reclaimed') and s.place_id is null and (s.floor <= 1 or s.lift)
    order by s.id`.execute(db);
  return r.rows;
}

/** POI kinds that are not premises a station could move into (street furniture, transit, nature). */
const NOT_PREMISES = ['traffic_signals', 'bus_stop', 'crossing', 'gate', 'subway_entrance', 'parking', 'parking_entrance', 'bicycle_parking',
  'street_lamp', 'bench', 'waste_basket', 'tree', 'viewpoint', 'attraction', 'fountain', 'platform', 'stop_position', 'entrance', 'toilets'];

export interface PoiRow {
  id: number;
  kind: string;
  name: string;
  x: number;
  y: number;
}

/** Named POIs inside an area that could host a station, by name. */
export async function poisIn(db: Kysely<DB>, areaId: number, ids?: readonly number[]): Promise<PoiRow[]> {
  const r = await sql<PoiRow>`
    select p.id, p.kind, p.name, ST_X(p.geom) x, ST_Y(p.geom) y
    from pois p join areas a on a.id = ${areaId} and ST_Intersects(a.geom, p.geom)
    where p.name is not null and p.name <> '' and not (p.kind = any(${NOT_PREMISES}::text[]))
      ${ids ? sql`and p.id = any(${[...ids]}::int[])` : sql``}
    order by p.name, p.id limit 1000`.execute(db);
  return r.rows;
}

export async function areaExists(db: Kysely<DB>, id: number): Promise<{ id: number; level: string; name: string; code: string } | undefined> {
  const r = await sql<{ id: number; level: string; name: string; code: string }>`select id, level, name, code from areas where id = ${id}`.execute(db);
  return r.rows[0];
}

export async function childAreas(db: Kysely<DB>, id: number) {
  const r = await sql<{ id: number; level: string; name: string; code: string }>`select id, level, name, code from areas where parent_id = ${id} order by code`.execute(db);
  return r.rows;
}
