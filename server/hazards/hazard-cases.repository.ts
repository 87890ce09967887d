/** Every kysely call on hazard cases. Rows come back snake_case; hazard.views.ts makes domain objects. */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/types.ts';
import { inBBox, type BBox } from '../geo-sql.ts';
import { OPEN_STATES, type State } from './hazard.workflow.ts';

type Db = Kysely<DB>;

/** Open and past a due time of a stage not yet done (the map's and the queue's overdue flag). */
export function overdueSql(now: Date): RawBuilder<boolean> {
  return sql<boolean>`(h.status in (${sql.join(OPEN_STATES)}) and (
    (h.responded_at is null and h.respond_due_at < ${now}) or
    (h.on_site_at is null and h.on_site_due_at < ${now}) or
    (h.resolved_at is null and h.resolve_due_at < ${now})))`;
}

export interface CaseRow {
  id: number;
  category: string;
  category_name: string;
  event_class: string;
  description: string;
  status: State;
  priority: string;
  reported_at: Date;
  lon: number;
  lat: number;
  details: Record<string, unknown>;
  source: string;
  building_id: number | null;
  grid_id: number | null;
  grid_code: string | null;
  grid_name: string | null;
  community_id: number | null;
  community_name: string | null;
  street_id: number | null;
  street_code: string | null;
  street_name: string | null;
  reporter_id: number | null;
  reporter_name: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  duplicate_of: number | null;
  escalation_level: 'community' | 'street' | 'department' | null;
  agency: string | null;
  respond_due_at: Date | null;
  on_site_due_at: Date | null;
  resolve_due_at: Date | null;
  responded_at: Date | null;
  on_site_at: Date | null;
  escalated_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  published_at: Date | null;
  updated_at: Date;
  me_too: number;
  flags: number;
  hidden: boolean;
}

export function caseQuery(db: Db) {
  return db
    .selectFrom('hazards as h')
    .innerJoin('hazard_categories as c', 'c.code', 'h.category')
    .leftJoin('areas as g', 'g.id', 'h.grid_id')
    .leftJoin('areas as cm', 'cm.id', 'h.community_id')
    .leftJoin('areas as st', 'st.id', 'h.street_id')
    .leftJoin('users as u', 'u.id', 'h.reporter_id')
    .select([
      'h.id', 'h.category', 'c.name as category_name', 'c.event_class', 'h.description', 'h.status', 'h.priority', 'h.reported_at',
      sql<number>`ST_X(h.geom)`.as('lon'), sql<number>`ST_Y(h.geom)`.as('lat'),
      'h.details', 'h.source', 'h.building_id', 'h.grid_id', 'g.code as grid_code', 'g.name as grid_name',
      'h.community_id', 'cm.name as community_name', 'h.street_id', 'st.code as street_code', 'st.name as street_name',
      'h.reporter_id', 'u.display_name as reporter_name', 'h.contact_name', 'h.contact_phone',
      'h.duplicate_of', 'h.escalation_level', 'h.agency',
      'h.respond_due_at', 'h.on_site_due_at', 'h.resolve_due_at', 'h.responded_at', 'h.on_site_at',
      'h.escalated_at', 'h.resolved_at', 'h.closed_at', 'h.published_at', 'h.updated_at', 'h.me_too', 'h.flags', 'h.hidden',
    ]);
}

export async function findCase(db: Db, id: number): Promise<CaseRow | undefined> {
  return (await caseQuery(db).where('h.id', '=', id).executeTakeFirst()) as CaseRow | undefined;
}

export async function findByFollowHash(db: Db, hash: string): Promise<CaseRow | undefined> {
  return (await caseQuery(db).where('h.follow_hash', '=', hash).executeTakeFirst()) as CaseRow | undefined;
}

export interface NewCase {
  category: string;
  description: string;
  lon: number;
  lat: number;
  buildingId: number | null;
  details: Record<string, unknown>;
  priority: string | null;
  source: 'web' | 'open311';
  reporterId: number | null;
  contactName: string | null;
  contactPhone: string | null;
  followHash: string;
  hidden: boolean;
  at: Date;
}

/** Areas and due times are filled in by the insert trigger (migration 0005). */
export async function insertCase(db: Db, c: NewCase): Promise<{ id: number; grid_id: number | null; street_id: number | null }> {
  return db
    .insertInto('hazards')
    .values({
      category: c.category,
      description: c.description,
      status: 'submitted',
      reported_at: c.at,
      geom: sql`ST_SetSRID(ST_MakePoint(${c.lon}, ${c.lat}), 4326)`,
      building_id: c.buildingId,
      details: JSON.stringify(c.details),
      ...(c.priority ? { priority: c.priority } : {}),
      source: c.source,
      reporter_id: c.reporterId,
      contact_name: c.contactName,
      contact_phone: c.contactPhone,
      follow_hash: c.followHash,
      hidden: c.hidden,
    })
    .returning(['id', 'grid_id', 'street_id'])
    .executeTakeFirstOrThrow();
}

/** A point on a building (for reports that pick a building instead of a pin). */
export async function buildingPoint(db: Db, id: number): Promise<{ lon: number; lat: number } | undefined> {
  return db
    .selectFrom('buildings')
    .select([sql<number>`ST_X(ST_PointOnSurface(geom))`.as('lon'), sql<number>`ST_Y(ST_PointOnSurface(geom))`.as('lat')])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The case row locked for a transition (concurrent transitions on one case queue up). */
export async function lockCase(db: Db, id: number) {
  return db
    .selectFrom('hazards')
    .select(['id', 'status', 'escalation_level', 'reporter_id', 'category', 'priority', 'grid_id', 'community_id', 'street_id'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function caseStatus(db: Db, id: number): Promise<State | null> {
  const r = await db.selectFrom('hazards').select('status').where('id', '=', id).executeTakeFirst();
  return (r?.status as State) ?? null;
}

export async function updateCase(db: Db, id: number, patch: Record<string, unknown>): Promise<void> {
  await db.updateTable('hazards').set(patch as any).where('id', '=', id).execute();
}

export interface ListFilter {
  bbox?: BBox;
  categories?: string[];
  states?: State[];
  from?: Date;
  to?: Date;
  overdue?: boolean;
  publicOnly: boolean;
  limit: number;
  now: Date;
}

/** Points for the map layer and the public list, newest first. */
export async function listCases(db: Db, f: ListFilter) {
  let q = db
    .selectFrom('hazards as h')
    .select(['h.id', 'h.category', 'h.status', 'h.priority', 'h.reported_at', 'h.me_too', sql<number>`ST_X(h.geom)`.as('lon'), sql<number>`ST_Y(h.geom)`.as('lat'), overdueSql(f.now).as('overdue')])
    .where(inBBox('h.geom', f.bbox));
  q = filters(q, f);
  return q.orderBy('h.reported_at', 'desc').orderBy('h.id', 'desc').limit(f.limit + 1).execute();
}

/** Filters shared by the list and the per-area counts. */
export function filters<Q extends { where: (...a: any[]) => any }>(q: Q, f: Omit<ListFilter, 'limit' | 'bbox'>): Q {
  let out: any = q;
  if (f.publicOnly) out = out.where('h.hidden', '=', false).where('h.status', 'not in', ['rejected', 'duplicate']);
  if (f.categories?.length) out = out.where('h.category', 'in', f.categories);
  if (f.states?.length) out = out.where('h.status', 'in', f.states);
  if (f.from) out = out.where('h.reported_at', '>=', f.from);
  if (f.to) out = out.where('h.reported_at', '<', f.to);
  if (f.overdue !== undefined) out = out.where(f.overdue ? overdueSql(f.now) : sql<boolean>`not ${overdueSql(f.now)}`);
  return out;
}

/**
 * Open, visible cases of a category within `radiusM` (geography), nearest first. The bounding box
 * keeps the GiST index in play; the geography test is exact.
 */
export async function nearby(db: Db, q: { lon: number; lat: number; category: string; radiusM: number; limit: number }) {
  const dLat = (q.radiusM / 111_000) * 1.2;
  const dLon = dLat / Math.max(0.05, Math.cos((q.lat * Math.PI) / 180));
  const pt = sql`ST_SetSRID(ST_MakePoint(${q.lon}, ${q.lat}), 4326)`;
  return db
    .selectFrom('hazards as h')
    .select(['h.id', 'h.category', 'h.status', 'h.description', 'h.reported_at', 'h.me_too', sql<number>`ST_X(h.geom)`.as('lon'), sql<number>`ST_Y(h.geom)`.as('lat'),
      sql<number>`ST_Distance(h.geom::geography, ${pt}::geography)`.as('distance_m')])
    .where('h.category', '=', q.category)
    .where('h.status', 'in', [...OPEN_STATES])
    .where('h.hidden', '=', false)
    .where(sql<boolean>`h.geom && ST_MakeEnvelope(${q.lon - dLon}, ${q.lat - dLat}, ${q.lon + dLon}, ${q.lat + dLat}, 4326)`)
    .where(sql<boolean>`ST_DWithin(h.geom::geography, ${pt}::geography, ${q.radiusM})`)
    .orderBy('distance_m')
    .limit(q.limit)
    .execute();
}
