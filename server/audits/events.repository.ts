/** The append-only history of a space (the database refuses updates and deletes). */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';

type Db = Kysely<DB>;

export interface EventWrite {
  spaceId: number;
  campaignId: number | null;
  step: string;
  at: Date;
  actorId: number | null;
  actorName: string | null;
  statusFrom: string | null;
  statusTo: string | null;
  data: Record<string, unknown>;
  evidence: number[];
  corrects: number | null;
  note: string | null;
}

export async function appendEvent(db: Db, e: EventWrite): Promise<number> {
  const r = await db
    .insertInto('space_events')
    .values({
      space_id: e.spaceId, campaign_id: e.campaignId, step: e.step, at: e.at, actor_id: e.actorId, actor_name: e.actorName,
      status_from: e.statusFrom, status_to: e.statusTo, data: JSON.stringify(e.data), evidence: e.evidence, corrects: e.corrects, note: e.note,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export interface EventRow {
  id: number;
  space_id: number;
  campaign_id: number | null;
  step: string;
  at: Date;
  actor_id: number | null;
  actor_name: string | null;
  status_from: string | null;
  status_to: string | null;
  data: Record<string, unknown>;
  evidence: number[];
  corrects: number | null;
  note: string | null;
  corrected_by: number[];
}

const SELECT = sql`e.id::int as id, e.space_id, e.campaign_id, e.step, e.at, e.actor_id, e.actor_name, e.status_from, e.status_to, e.data,
  e.evidence, e.corrects::int as corrects, e.note,
  array(select x.id::int from space_events x where x.corrects = e.id order by x.id) as corrected_by`;

export async function eventsOf(db: Db, spaceId: number): Promise<EventRow[]> {
  const r = await sql<EventRow>`select ${SELECT} from space_events e where e.space_id = ${spaceId} order by e.id`.execute(db);
  return r.rows;
}

export async function findEvent(db: Db, id: number): Promise<EventRow | undefined> {
  const r = await sql<EventRow>`select ${SELECT} from space_events e where e.id = ${id}`.execute(db);
  return r.rows[0];
}

/**
 * The entries in force for the spaces of an area: findings and conversions that no later entry
 * corrects (a correction replaces the entry it points at; chains end at the newest).
 */
export async function effectiveEvents(db: Db, steps: string[], spaceFilter: ReturnType<typeof sql<boolean>>): Promise<(EventRow & { kind: string; community_id: number | null })[]> {
  const r = await sql<EventRow & { kind: string; community_id: number | null }>`
    select ${SELECT}, s.kind, coalesce(c.community_id, (select a.id from areas a where a.level = 'community' and ST_Intersects(a.geom, s.geom) order by a.id limit 1)) as community_id
    from space_events e join spaces s on s.id = e.space_id left join compounds c on c.id = s.compound_id
    where e.step = any(${steps}::text[]) and not exists (select 1 from space_events x where x.corrects = e.id) and ${spaceFilter}
    order by e.id`.execute(db);
  return r.rows;
}
