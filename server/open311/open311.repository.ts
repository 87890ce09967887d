/** Service requests for Open311: visible cases with their last update, last public note and first photo. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import type { State } from '../hazards/hazard.workflow.ts';
import type { RequestRow } from './open311.format.ts';

type Db = Kysely<DB>;

export interface RequestFilter {
  ids?: number[];
  codes?: string[];
  states?: State[];
  from?: Date;
  to?: Date;
  streetId?: number;
  limit: number;
}

export async function listRequests(db: Db, f: RequestFilter): Promise<RequestRow[]> {
  let q = db
    .selectFrom('hazards as h')
    .innerJoin('hazard_categories as c', 'c.code', 'h.category')
    .leftJoin('areas as g', 'g.id', 'h.grid_id')
    .leftJoin('areas as cm', 'cm.id', 'h.community_id')
    .leftJoin('areas as st', 'st.id', 'h.street_id')
    .select([
      'h.id', 'h.status', 'h.category', 'c.name as category_name', 'h.description', 'h.priority', 'h.reported_at', 'h.resolve_due_at',
      'h.escalation_level', 'h.agency', 'g.name as grid_name', 'cm.name as community_name', 'st.name as street_name',
      sql<number>`ST_X(h.geom)`.as('lon'), sql<number>`ST_Y(h.geom)`.as('lat'),
      'h.updated_at',
      sql<string | null>`(select e.note from hazard_events e where e.hazard_id = h.id and e.note is not null
        and e.kind in ('resolve', 'reject', 'mark_duplicate', 'escalate', 'reopen', 'publish') order by e.id desc limit 1)`.as('last_note'),
      sql<number | null>`(select min(p.id) from hazard_photos p where p.hazard_id = h.id and p.kind = 'report')`.as('photo_id'),
    ])
    .where('h.hidden', '=', false)
    .where('h.status', 'not in', ['rejected', 'duplicate']);
  if (f.ids) q = q.where('h.id', 'in', f.ids.length ? f.ids : [0]);
  if (f.codes?.length) q = q.where('h.category', 'in', f.codes);
  if (f.states?.length) q = q.where('h.status', 'in', f.states);
  if (f.from) q = q.where('h.reported_at', '>=', f.from);
  if (f.to) q = q.where('h.reported_at', '<=', f.to);
  if (f.streetId !== undefined) q = q.where('h.street_id', '=', f.streetId);
  return (await q.orderBy('h.reported_at', 'desc').orderBy('h.id', 'desc').limit(f.limit).execute()) as RequestRow[];
}

/** A street by its code (the Open311 jurisdiction_id). */
export async function streetByCode(db: Db, code: string) {
  return db.selectFrom('areas').select(['id', 'code', 'name']).where('level', '=', 'street').where('code', '=', code).executeTakeFirst();
}

export async function streetOfCase(db: Db, id: number) {
  return db.selectFrom('hazards').select('street_id').where('id', '=', id).executeTakeFirst();
}
