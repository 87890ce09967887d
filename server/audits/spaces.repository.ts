/** Spaces of the audit inventory: lists, the map layer, one space, writes with a version check. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { spaceCommunity, spaceInArea } from './audits.sql.ts';

type Db = Kysely<DB>;

export interface SpaceRow {
  id: number;
  ref: string | null;
  kind: string;
  subkind: string | null;
  name: string;
  status: string;
  compound_id: number | null;
  compound_name: string | null;
  community_id: number | null;
  building_id: number | null;
  floor: number;
  lift: boolean;
  step_free: boolean;
  area_m2: number | null;
  measured_area_m2: number | null;
  owner: string | null;
  custodian: string | null;
  current_use: string | null;
  occupant: string | null;
  campaign_id: number | null;
  campaign_open: boolean | null;
  audit_stage: 'agreed' | 'inspected' | 'found' | null;
  place_id: number | null;
  version: number;
  updated_at: Date;
  lon: number;
  lat: number;
  footprint: unknown;
}

const SELECT = sql`s.id, s.ref, s.kind, s.subkind, s.name, s.status, s.compound_id, c.name as compound_name, ${spaceCommunity} as community_id,
  s.building_id, s.floor, s.lift, s.step_free, s.area_m2, s.measured_area_m2, s.owner, s.custodian, s.current_use, s.occupant,
  s.campaign_id, (ac.status = 'open') as campaign_open, s.audit_stage, s.place_id, s.version, s.updated_at,
  ST_X(s.geom) as lon, ST_Y(s.geom) as lat, case when s.footprint is null then null else ST_AsGeoJSON(s.footprint, 7)::json end as footprint`;
const FROM = sql`spaces s left join compounds c on c.id = s.compound_id left join audit_campaigns ac on ac.id = s.campaign_id`;

export interface SpaceFilter {
  area: number;
  kind?: string[];
  status?: string[];
  compound?: number;
  campaign?: number;
  bbox?: [number, number, number, number];
  limit: number;
}

export async function listSpaces(db: Db, f: SpaceFilter): Promise<SpaceRow[]> {
  const where = [spaceInArea(f.area)];
  if (f.kind?.length) where.push(sql<boolean>`s.kind = any(${f.kind}::text[])`);
  if (f.status?.length) where.push(sql<boolean>`s.status = any(${f.status}::text[])`);
  if (f.compound !== undefined) where.push(sql<boolean>`s.compound_id = ${f.compound}`);
  if (f.campaign !== undefined) where.push(sql<boolean>`s.campaign_id = ${f.campaign}`);
  if (f.bbox) where.push(sql<boolean>`s.geom && ST_MakeEnvelope(${f.bbox[0]}, ${f.bbox[1]}, ${f.bbox[2]}, ${f.bbox[3]}, 4326)`);
  const r = await sql<SpaceRow>`select ${SELECT} from ${FROM} where ${sql.join(where, sql` and `)} order by s.id limit ${f.limit}`.execute(db);
  return r.rows;
}

export async function findSpace(db: Db, id: number, lock = false): Promise<SpaceRow | undefined> {
  if (lock) await sql`select id from spaces where id = ${id} for update`.execute(db);
  const r = await sql<SpaceRow>`select ${SELECT} from ${FROM} where s.id = ${id}`.execute(db);
  return r.rows[0];
}

export async function communityOfSpace(db: Db, id: number): Promise<number | null | undefined> {
  const r = await sql<{ community_id: number | null }>`select ${spaceCommunity} as community_id from spaces s where s.id = ${id}`.execute(db);
  return r.rows.length ? r.rows[0].community_id : undefined;
}

export interface SpaceWrite {
  kind?: string;
  subkind?: string | null;
  name?: string;
  compoundId?: number;
  buildingId?: number | null;
  floor?: number;
  lift?: boolean;
  stepFree?: boolean;
  areaM2?: number;
  measuredAreaM2?: number | null;
  owner?: string | null;
  custodian?: string | null;
  currentUse?: string | null;
  occupant?: string | null;
}

const COLUMNS: Record<keyof SpaceWrite, string> = {
  kind: 'kind', subkind: 'subkind', name: 'name', compoundId: 'compound_id', buildingId: 'building_id', floor: 'floor', lift: 'lift',
  stepFree: 'step_free', areaM2: 'area_m2', measuredAreaM2: 'measured_area_m2', owner: 'owner', custodian: 'custodian',
  currentUse: 'current_use', occupant: 'occupant',
};

export async function insertSpace(db: Db, w: SpaceWrite & { lon: number; lat: number; footprint: string | null }): Promise<number> {
  const r = await sql<{ id: number }>`insert into spaces (kind, subkind, name, compound_id, building_id, floor, lift, step_free, area_m2,
      measured_area_m2, owner, custodian, current_use, occupant, status, geom, footprint)
    values (${w.kind}, ${w.subkind ?? null}, ${w.name}, ${w.compoundId}, ${w.buildingId ?? null}, ${w.floor ?? 1}, ${w.lift ?? false},
      ${w.stepFree ?? false}, ${w.areaM2}, ${w.measuredAreaM2 ?? null}, ${w.owner ?? null}, ${w.custodian ?? null}, ${w.currentUse ?? null},
      ${w.occupant ?? null}, 'registered', ST_SetSRID(ST_MakePoint(${w.lon}, ${w.lat}), 4326),
      case when ${w.footprint}::text is null then null else ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${w.footprint}::text), 4326)) end)
    returning id`.execute(db);
  return r.rows[0].id;
}

/** Updates attributes, status or the campaign projection; bumps the version. Returns false when stale. */
export async function updateSpace(db: Db, id: number, version: number | null,
  w: SpaceWrite & { status?: string; campaignId?: number | null; auditStage?: string | null; placeId?: number; lon?: number; lat?: number }): Promise<boolean> {
  const sets = [sql`updated_at = now()`, sql`version = version + 1`];
  for (const [k, col] of Object.entries(COLUMNS)) {
    const v = w[k as keyof SpaceWrite];
    if (v !== undefined) sets.push(sql`${sql.ref(col)} = ${v}`);
  }
  if (w.status !== undefined) sets.push(sql`status = ${w.status}`);
  if (w.campaignId !== undefined) sets.push(sql`campaign_id = ${w.campaignId}`);
  if (w.auditStage !== undefined) sets.push(sql`audit_stage = ${w.auditStage}`);
  if (w.placeId !== undefined) sets.push(sql`place_id = ${w.placeId}`);
  if (w.lon !== undefined && w.lat !== undefined) sets.push(sql`geom = ST_SetSRID(ST_MakePoint(${w.lon}, ${w.lat}), 4326)`);
  const r = await sql<{ id: number }>`update spaces set ${sql.join(sets)} where id = ${id}
    ${version === null ? sql`` : sql`and version = ${version}`} returning id`.execute(db);
  return r.rows.length > 0;
}

/** Households within `radiusM` metres in a straight line (the demand around a position). */
export async function householdsNear(db: Db, id: number, radiusM: number): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from spaces s join buildings b on ST_DWithin(b.geom::geography, s.geom::geography, ${radiusM})
    join households h on h.building_id = b.id where s.id = ${id}`.execute(db);
  return r.rows[0]?.n ?? 0;
}
