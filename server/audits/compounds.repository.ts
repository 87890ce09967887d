/** Compounds (小区): list, one, write; households derived from the buildings inside. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { compoundHouseholds, compoundInArea } from './audits.sql.ts';

type Db = Kysely<DB>;

export interface CompoundRow {
  id: number;
  ref: string | null;
  name: string;
  type: 'commercial' | 'old' | 'resettlement';
  property_company: string | null;
  owners_committee: string | null;
  total_floor_area_m2: number;
  above_ground_area_m2: number | null;
  pm_rule: string;
  community_id: number;
  community_name: string;
  street_id: number | null;
  households: number;
  spaces: number;
  geometry?: unknown;
}

const SELECT = sql`c.id, c.ref, c.name, c.type, c.property_company, c.owners_committee, c.total_floor_area_m2, c.above_ground_area_m2,
  c.pm_rule, c.community_id, cm.name as community_name, cm.parent_id as street_id, ${compoundHouseholds} as households,
  (select count(*)::int from spaces s where s.compound_id = c.id) as spaces`;

export async function listCompounds(db: Db, areaId: number, withGeometry = false): Promise<CompoundRow[]> {
  const r = await sql<CompoundRow>`select ${SELECT}${withGeometry ? sql`, ST_AsGeoJSON(c.geom, 7)::json as geometry` : sql``}
    from compounds c join areas cm on cm.id = c.community_id where ${compoundInArea(areaId)} order by cm.code, c.id`.execute(db);
  return r.rows;
}

export async function findCompound(db: Db, id: number): Promise<CompoundRow | undefined> {
  const r = await sql<CompoundRow>`select ${SELECT}, ST_AsGeoJSON(c.geom, 7)::json as geometry
    from compounds c join areas cm on cm.id = c.community_id where c.id = ${id}`.execute(db);
  return r.rows[0];
}

export async function communityOfCompound(db: Db, id: number): Promise<number | null> {
  const r = await db.selectFrom('compounds').select('community_id').where('id', '=', id).executeTakeFirst();
  return r?.community_id ?? null;
}

/** The community whose geometry holds the polygon's point on surface, and whether the polygon is valid. */
export async function placePolygon(db: Db, geojson: string): Promise<{ valid: boolean; reason: string | null; community_id: number | null; area_m2: number }> {
  const r = await sql<{ valid: boolean; reason: string | null; community_id: number | null; area_m2: number }>`
    with g as (select ST_SetSRID(ST_GeomFromGeoJSON(${geojson}), 4326) as geom)
    select ST_IsValid(g.geom) as valid, case when ST_IsValid(g.geom) then null else ST_IsValidReason(g.geom) end as reason,
      case when ST_IsValid(g.geom) then (select a.id from areas a where a.level = 'community'
        and ST_Intersects(a.geom, ST_PointOnSurface(g.geom)) order by a.id limit 1) end as community_id,
      case when ST_IsValid(g.geom) then ST_Area(g.geom::geography) else 0 end as area_m2
    from g`.execute(db);
  return r.rows[0];
}

export interface CompoundWrite {
  name?: string;
  type?: string;
  propertyCompany?: string | null;
  ownersCommittee?: string | null;
  totalFloorAreaM2?: number;
  aboveGroundAreaM2?: number | null;
  pmRule?: string;
}

export async function insertCompound(db: Db, w: Required<Pick<CompoundWrite, 'name' | 'type' | 'totalFloorAreaM2'>> & CompoundWrite & { communityId: number; geojson: string }): Promise<number> {
  const r = await sql<{ id: number }>`insert into compounds (name, type, property_company, owners_committee, total_floor_area_m2,
      above_ground_area_m2, pm_rule, community_id, geom)
    values (${w.name}, ${w.type}, ${w.propertyCompany ?? null}, ${w.ownersCommittee ?? null}, ${w.totalFloorAreaM2},
      ${w.aboveGroundAreaM2 ?? null}, ${w.pmRule ?? 'p2_min80'}, ${w.communityId}, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${w.geojson}), 4326)))
    returning id`.execute(db);
  return r.rows[0].id;
}

const COLUMNS: Record<keyof CompoundWrite, string> = {
  name: 'name', type: 'type', propertyCompany: 'property_company', ownersCommittee: 'owners_committee',
  totalFloorAreaM2: 'total_floor_area_m2', aboveGroundAreaM2: 'above_ground_area_m2', pmRule: 'pm_rule',
};

export async function updateCompound(db: Db, id: number, w: CompoundWrite): Promise<void> {
  const sets = [sql`updated_at = now()`];
  for (const [k, col] of Object.entries(COLUMNS)) {
    const v = w[k as keyof CompoundWrite];
    if (v !== undefined) sets.push(sql`${sql.ref(col)} = ${v}`);
  }
  await sql`update compounds set ${sql.join(sets)} where id = ${id}`.execute(db);
}

/** Whether a point (and a footprint, if any) lies inside the compound (1 m tolerance for the footprint's edge). */
export async function insideCompound(db: Db, compoundId: number, lon: number, lat: number, footprint: string | null): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`select ST_Covers(c.geom, ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326))
      and (${footprint}::text is null or ST_Covers(ST_Buffer(c.geom::geography, 1)::geometry, ST_SetSRID(ST_GeomFromGeoJSON(${footprint}::text), 4326))) as ok
    from compounds c where c.id = ${compoundId}`.execute(db);
  return r.rows[0]?.ok ?? false;
}
