/** Every kysely call for places: the finder's KNN cut, the place page, writes with optimistic concurrency. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/types.ts';
import { EARTH_RADIUS_M } from '../geo/distance.ts';

type Db = Kysely<DB> | Transaction<DB>;
const M_PER_DEG = (EARTH_RADIUS_M * Math.PI) / 180;

/** What the finder lists (the KNN cut reads only these columns). */
export interface PlaceBrief {
  id: number;
  kind: string;
  name: string;
  opening_hours: string | null;
  floor: number;
  lift: boolean;
  step_free: boolean;
  services: string[];
  contact: string | null;
  x: number;
  y: number;
}

export interface PlaceRow extends PlaceBrief {
  ref: string | null;
  capacity: number | null;
  photos: string[];
  area_id: number | null;
  version: number;
  updated_at: Date;
}

// services as JSON: parsed natively (JSON.parse), cheaper than the text[] literal parser.
const BRIEF = sql.raw('p.id, p.kind, p.name, p.opening_hours, p.floor, p.lift, p.step_free, to_json(p.services) services, p.contact, ST_X(p.geom) x, ST_Y(p.geom) y');
const COLS = sql.raw(`p.id, p.ref, p.kind, p.name, p.opening_hours, p.floor, p.lift, p.step_free, p.services, p.contact,
  p.capacity, p.photos, p.area_id, p.version, p.updated_at, ST_X(p.geom) x, ST_Y(p.geom) y`);

export interface KnnFilter {
  lon: number;
  lat: number;
  radiusM: number;
  limit: number;
  services?: string[];
  kinds?: string[];
  stepFree?: boolean;
  /** Places already fetched by an earlier cut (a wider cut reads only the new ones). */
  exceptIds?: number[];
}

/**
 * The finder's first cut: the `limit` places nearest in a straight line (KNN `<->` on the GiST
 * index), within a box of ± `radiusM`, that pass the filters (and are not `exceptIds`). Exposed as SQL so
 * the bench runs the same text.
 */
export function knnSql(q: KnnFilter) {
  const pt = sql`ST_SetSRID(ST_MakePoint(${q.lon}, ${q.lat}), 4326)`;
  // A box of ± radiusM on the index (no per-row geography): corners are farther, the walk bound drops them.
  const dy = q.radiusM / M_PER_DEG;
  const dx = dy / Math.cos((q.lat * Math.PI) / 180);
  return sql<PlaceBrief>`
    select ${BRIEF} from places p
    where p.geom && ST_MakeEnvelope(${q.lon - dx}, ${q.lat - dy}, ${q.lon + dx}, ${q.lat + dy}, 4326)
      ${q.services?.length ? sql`and p.services @> ${q.services}::text[]` : sql``}
      ${q.kinds?.length ? sql`and p.kind = any(${q.kinds}::text[])` : sql``}
      ${q.stepFree ? sql`and p.step_free and (p.floor = 1 or p.lift)` : sql``}
      ${q.exceptIds?.length ? sql`and p.id <> all(${q.exceptIds}::int[])` : sql``}
    order by p.geom <-> ${pt} -- no second key: \`, p.id\` costs an incremental sort per query (the bare loop fell from ~7,400 to ~4,800 q/s)
    limit ${q.limit}`;
}

export async function nearestByStraightLine(db: Db, q: KnnFilter): Promise<PlaceBrief[]> {
  return (await knnSql(q).execute(db)).rows;
}

/** Every place as the finder lists it (held in memory by places.cache.ts). */
export async function allBriefs(db: Db): Promise<PlaceBrief[]> {
  return (await sql<PlaceBrief>`select ${BRIEF} from places p order by p.id`.execute(db)).rows;
}

/**
 * Changes whenever a place is added, edited (the history trigger bumps `version` and
 * `updated_at`), removed or the table reloaded: read in the same statement's snapshot.
 */
export async function placesSignature(db: Db): Promise<string> {
  const r = await sql<{ sig: string }>`
    select concat_ws(':', count(*), coalesce(sum(version), 0), coalesce(sum(id::bigint), 0), coalesce(max(updated_at)::text, '')) as sig from places`.execute(db);
  return r.rows[0].sig;
}

export async function findPlace(db: Db, id: number): Promise<PlaceRow | undefined> {
  const r = await sql<PlaceRow>`select ${COLS} from places p where p.id = ${id}`.execute(db);
  return r.rows[0];
}

export async function areaBrief(db: Db, id: number) {
  return db.selectFrom('areas').select(['id', 'code', 'name', 'level']).where('id', '=', id).executeTakeFirst();
}

/** The area a new place serves by default: the grid it stands in (else community, street). */
export async function areaAt(db: Db, lon: number, lat: number): Promise<number | null> {
  const r = await sql<{ id: number }>`
    select a.id from areas a
    where ST_Intersects(a.geom, ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)) and a.level in ('grid', 'community', 'street')
    order by case a.level when 'grid' then 0 when 'community' then 1 else 2 end, a.id limit 1`.execute(db);
  return r.rows[0]?.id ?? null;
}

/** Grids (else communities, streets) under many points at once, in input order. */
export async function areasAt(db: Db, points: [number, number][]): Promise<({ id: number; code: string; name: string; level: string } | null)[]> {
  if (!points.length) return [];
  const r = await sql<{ i: number; id: number; code: string; name: string; level: string }>`
    select pt.i, a.id, a.code, a.name, a.level
    from jsonb_to_recordset(${JSON.stringify(points.map(([x, y], i) => ({ i, x, y })))}::jsonb) as pt(i int, x float8, y float8)
    cross join lateral (
      select a.id, a.code, a.name, a.level from areas a
      where ST_Intersects(a.geom, ST_SetSRID(ST_MakePoint(pt.x, pt.y), 4326)) and a.level in ('grid', 'community', 'street')
      order by case a.level when 'grid' then 0 when 'community' then 1 else 2 end, a.id limit 1) a`.execute(db);
  const out: ({ id: number; code: string; name: string; level: string } | null)[] = points.map(() => null);
  for (const { i, ...a } of r.rows) out[i] = a;
  return out;
}

export interface PlaceWrite {
  ref?: string | null;
  kind?: string;
  name?: string;
  lon?: number;
  lat?: number;
  openingHours?: string | null;
  floor?: number;
  lift?: boolean;
  stepFree?: boolean;
  services?: string[];
  capacity?: number | null;
  contact?: string | null;
  photos?: string[];
  areaId?: number | null;
}

export async function insertPlaces(db: Db, rows: PlaceWrite[], userId: number | null): Promise<number[]> {
  if (!rows.length) return [];
  const r = await sql<{ id: number }>`
    insert into places (ref, kind, name, opening_hours, floor, lift, step_free, services, capacity, contact, photos, area_id, updated_by, geom)
    select e.j->>'ref', e.j->>'kind', e.j->>'name', e.j->>'openingHours', coalesce((e.j->>'floor')::int, 1), coalesce((e.j->>'lift')::boolean, false),
           coalesce((e.j->>'stepFree')::boolean, false), array(select jsonb_array_elements_text(coalesce(e.j->'services', '[]'))),
           (e.j->>'capacity')::int, e.j->>'contact', array(select jsonb_array_elements_text(coalesce(e.j->'photos', '[]'))),
           (e.j->>'areaId')::int, ${userId}, ST_SetSRID(ST_MakePoint((e.j->>'lon')::float8, (e.j->>'lat')::float8), 4326)
    from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) with ordinality as e(j, n)
    order by e.n
    returning id`.execute(db);
  return r.rows.map((x) => x.id);
}

const COLUMN: Record<string, string> = {
  kind: 'kind', name: 'name', openingHours: 'opening_hours', floor: 'floor', lift: 'lift', stepFree: 'step_free',
  capacity: 'capacity', contact: 'contact', areaId: 'area_id',
};

/**
 * Updates a place only if it is still at `version`; the database keeps the replaced row in
 * place_history and bumps the version. Returns the new version, or null when stale or missing.
 */
export async function updatePlace(db: Db, id: number, version: number, w: PlaceWrite, userId: number | null): Promise<number | null> {
  const sets = [sql`updated_by = ${userId}`];
  for (const [k, col] of Object.entries(COLUMN)) {
    const v = (w as Record<string, unknown>)[k];
    if (v !== undefined) sets.push(sql`${sql.ref(col)} = ${v}`);
  }
  if (w.services !== undefined) sets.push(sql`services = ${w.services}::text[]`);
  if (w.photos !== undefined) sets.push(sql`photos = ${w.photos}::text[]`);
  if (w.lon !== undefined && w.lat !== undefined) sets.push(sql`geom = ST_SetSRID(ST_MakePoint(${w.lon}, ${w.lat}), 4326)`);
  const r = await sql<{ version: number }>`
    update places set ${sql.join(sets)} where id = ${id} and version = ${version} returning version`.execute(db);
  return r.rows[0]?.version ?? null;
}

export async function history(db: Db, id: number) {
  return db.selectFrom('place_history').select(['version', 'row', 'replaced_at']).where('place_id', '=', id).orderBy('version', 'desc').execute();
}

export async function existingRefs(db: Db, refs: string[]): Promise<Set<string>> {
  if (!refs.length) return new Set();
  const r = await sql<{ ref: string }>`select ref from places where ref = any(${refs}::text[])`.execute(db);
  return new Set(r.rows.map((x) => x.ref));
}
