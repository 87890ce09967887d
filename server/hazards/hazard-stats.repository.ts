/** Aggregates over cases (dashboard, per-area counts) and the staff work lists (queue, moderation). */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { inBBox, type BBox } from '../geo-sql.ts';
import { caseQuery, filters, overdueSql, type CaseRow, type ListFilter } from './hazard-cases.repository.ts';
import { OPEN_STATES, type State } from './hazard.workflow.ts';

type Db = Kysely<DB>;
export type AreaLevel = 'street' | 'community' | 'grid' | 'unit';
/** The case column that holds the area of each level. */
export const AREA_COLUMN = { street: 'street_id', community: 'community_id', grid: 'grid_id', unit: 'unit_id' } as const;
const CHILD = { street: 'community', community: 'grid', grid: 'unit', unit: null } as const;

export interface DashboardRow {
  area_id: number | null;
  reported: number;
  pending: number;
  invalid: number;
  duplicates: number;
  solved_locally: number;
  escalated: number;
  to_community: number;
  to_street: number;
  to_department: number;
  resolved: number;
  open: number;
  overdue: number;
  median_respond_min: number | null;
  median_on_site_min: number | null;
  median_resolve_h: number | null;
}

const DONE = sql.join(['resolved', 'closed', 'published']);
const VALID = sql`h.status not in ('submitted', 'rejected', 'duplicate')`;

/**
 * One row for the area (area_id null) and one per child area: 会昌's table (found, solved locally,
 * escalated) plus overdue and median times. Medians skip cases without the timestamp.
 */
export async function dashboard(db: Db, q: { areaId: number; level: AreaLevel; from?: Date; to?: Date; now: Date }): Promise<{ total: DashboardRow; children: DashboardRow[] }> {
  const child = CHILD[q.level];
  const col = child ? sql.ref(`h.${AREA_COLUMN[child]}`) : null;
  const r = await sql<DashboardRow & { is_total: boolean }>`
    select ${col ? sql`grouping(${col}) = 1` : sql`true`} as is_total, ${col ?? sql`null::int`} as area_id,
      count(*)::int as reported,
      count(*) filter (where h.status = 'submitted')::int as pending,
      count(*) filter (where h.status = 'rejected')::int as invalid,
      count(*) filter (where h.status = 'duplicate')::int as duplicates,
      count(*) filter (where ${VALID} and h.escalation_level is null and h.status in (${DONE}))::int as solved_locally,
      count(*) filter (where ${VALID} and h.escalation_level is not null)::int as escalated,
      count(*) filter (where h.escalation_level = 'community')::int as to_community,
      count(*) filter (where h.escalation_level = 'street')::int as to_street,
      count(*) filter (where h.escalation_level = 'department')::int as to_department,
      count(*) filter (where h.status in (${DONE}))::int as resolved,
      count(*) filter (where h.status in (${sql.join(OPEN_STATES)}))::int as open,
      count(*) filter (where ${overdueSql(q.now)})::int as overdue,
      percentile_cont(0.5) within group (order by extract(epoch from h.responded_at - h.reported_at) / 60) as median_respond_min,
      percentile_cont(0.5) within group (order by extract(epoch from h.on_site_at - h.reported_at) / 60) as median_on_site_min,
      percentile_cont(0.5) within group (order by extract(epoch from h.resolved_at - h.reported_at) / 3600) as median_resolve_h
    from hazards h
    where ${sql.ref(`h.${AREA_COLUMN[q.level]}`)} = ${q.areaId}
      ${q.from ? sql`and h.reported_at >= ${q.from}` : sql``}
      ${q.to ? sql`and h.reported_at < ${q.to}` : sql``}
    ${col ? sql`group by grouping sets ((), (${col}))` : sql``}`.execute(db);
  const strip = ({ is_total: _t, ...x }: DashboardRow & { is_total: boolean }) => x;
  const total = r.rows.find((x) => x.is_total);
  return { total: total ? strip(total) : emptyRow(), children: r.rows.filter((x) => !x.is_total).map(strip) };
}

function emptyRow(): DashboardRow {
  return { area_id: null, reported: 0, pending: 0, invalid: 0, duplicates: 0, solved_locally: 0, escalated: 0, to_community: 0, to_street: 0, to_department: 0,
    resolved: 0, open: 0, overdue: 0, median_respond_min: null, median_on_site_min: null, median_resolve_h: null };
}

/** Visible cases per area of a level, with a label point per area (public aggregates). */
export async function countsByArea(db: Db, q: { level: 'street' | 'community' | 'grid'; bbox?: BBox } & Omit<ListFilter, 'limit' | 'bbox'>) {
  const col = AREA_COLUMN[q.level];
  let inner = db
    .selectFrom('hazards as h')
    .select([sql.ref<number>(`h.${col}`).as('area_id'), sql<number>`count(*)::int`.as('total'),
      sql<number>`(count(*) filter (where h.status in (${sql.join(OPEN_STATES)})))::int`.as('open'),
      sql<number>`(count(*) filter (where ${overdueSql(q.now)}))::int`.as('overdue')])
    .where(sql.ref(`h.${col}`), 'is not', null)
    .where(inBBox('h.geom', q.bbox))
    .groupBy(sql.ref(`h.${col}`));
  inner = filters(inner, q);
  return db
    .selectFrom(inner.as('n'))
    .innerJoin('areas as a', 'a.id', 'n.area_id')
    .select(['a.id', 'a.code', 'a.name', 'n.total', 'n.open', 'n.overdue', sql<unknown>`ST_AsGeoJSON(ST_PointOnSurface(a.geom), 7)::json`.as('geometry')])
    .orderBy('a.code')
    .execute();
}

export async function areaInfo(db: Db, id: number) {
  return db.selectFrom('areas').select(['id', 'code', 'name', 'level']).where('id', '=', id).executeTakeFirst();
}

export async function childAreas(db: Db, id: number) {
  return db.selectFrom('areas').select(['id', 'code', 'name', 'level']).where('parent_id', '=', id).orderBy('code').execute();
}

/** Cases needing work in any of these areas, overdue first, then by the nearest due time. */
export async function queue(db: Db, q: { areaIds: number[]; states: State[]; limit: number; now: Date }): Promise<(CaseRow & { overdue: boolean })[]> {
  if (!q.areaIds.length) return [];
  return (await caseQuery(db)
    .select(overdueSql(q.now).as('overdue'))
    .where((eb) => eb.or([eb('h.grid_id', 'in', q.areaIds), eb('h.community_id', 'in', q.areaIds), eb('h.street_id', 'in', q.areaIds)]))
    .where('h.status', 'in', q.states)
    .orderBy(sql`${overdueSql(q.now)} desc`)
    .orderBy(sql`least(case when h.responded_at is null then h.respond_due_at end, case when h.on_site_at is null then h.on_site_due_at end, case when h.resolved_at is null then h.resolve_due_at end) asc nulls last`)
    .orderBy('h.reported_at')
    .limit(q.limit)
    .execute()) as (CaseRow & { overdue: boolean })[];
}

/** Hidden cases and cases flagged since they were last moderated. */
export async function moderationQueue(db: Db, q: { areaIds: number[] | null; limit: number }): Promise<CaseRow[]> {
  let query = caseQuery(db).where((eb) =>
    eb.or([eb('h.hidden', '=', true), eb.exists(eb.selectFrom('hazard_flags as f').select('f.id').whereRef('f.hazard_id', '=', 'h.id').where(sql<boolean>`f.at > coalesce(h.moderated_at, '-infinity')`))]),
  );
  if (q.areaIds) {
    const ids = q.areaIds;
    if (!ids.length) return [];
    query = query.where((eb) => eb.or([eb('h.grid_id', 'in', ids), eb('h.community_id', 'in', ids), eb('h.street_id', 'in', ids)]));
  }
  return (await query.orderBy('h.flags', 'desc').orderBy('h.id').limit(q.limit).execute()) as CaseRow[];
}

export async function casesOfReporter(db: Db, userId: number, limit: number): Promise<CaseRow[]> {
  return (await caseQuery(db).where('h.reporter_id', '=', userId).orderBy('h.id', 'desc').limit(limit).execute()) as CaseRow[];
}
