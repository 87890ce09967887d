/** The append-only records of a case: its events and the points ledger. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';

type Db = Kysely<DB>;

export interface EventRow {
  id: number;
  hazard_id: number;
  at: Date;
  kind: string;
  from_state: string | null;
  to_state: string | null;
  actor_id: number | null;
  actor_role: string | null;
  actor_name: string | null;
  note: string | null;
  data: Record<string, unknown>;
}

export async function insertEvent(
  db: Db,
  e: { hazardId: number; at: Date; kind: string; from: string | null; to: string | null; actorId: number | null; actorRole: string; note: string | null; data: Record<string, unknown>; idempotencyKey: string | null },
): Promise<number> {
  const r = await db
    .insertInto('hazard_events')
    .values({
      hazard_id: e.hazardId,
      at: e.at,
      kind: e.kind,
      from_state: e.from,
      to_state: e.to,
      actor_id: e.actorId,
      actor_role: e.actorRole,
      note: e.note,
      data: JSON.stringify(e.data),
      idempotency_key: e.idempotencyKey,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function eventsOf(db: Db, hazardId: number): Promise<EventRow[]> {
  return (await db
    .selectFrom('hazard_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.id', 'e.hazard_id', 'e.at', 'e.kind', 'e.from_state', 'e.to_state', 'e.actor_id', 'e.actor_role', 'u.display_name as actor_name', 'e.note', 'e.data'])
    .where('e.hazard_id', '=', hazardId)
    .orderBy('e.id')
    .execute()) as EventRow[];
}

/** The event an earlier attempt with this Idempotency-Key recorded, if any. */
export async function eventByKey(db: Db, hazardId: number, key: string) {
  return db.selectFrom('hazard_events').select(['id', 'kind', 'to_state', 'actor_id']).where('hazard_id', '=', hazardId).where('idempotency_key', '=', key).executeTakeFirst();
}

/**
 * Credits points for a case once: the ledger's unique (case, reason) turns a retry, a race or a
 * re-verification after reopening into a no-op. Returns whether a row was written.
 */
export async function creditOnce(db: Db, c: { userId: number; hazardId: number; points: number; reason: string; at: Date }): Promise<boolean> {
  const r = await db
    .insertInto('hazard_points')
    .values({ user_id: c.userId, hazard_id: c.hazardId, points: c.points, reason: c.reason, at: c.at })
    .onConflict((oc) => oc.columns(['hazard_id', 'reason']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export async function ledgerOf(db: Db, userId: number, limit: number) {
  return db
    .selectFrom('hazard_points as p')
    .innerJoin('hazards as h', 'h.id', 'p.hazard_id')
    .select(['p.id', 'p.at', 'p.hazard_id', 'p.points', 'p.reason', 'h.category'])
    .where('p.user_id', '=', userId)
    .orderBy('p.id', 'desc')
    .limit(limit)
    .execute();
}

/** Points per calendar month in Asia/Shanghai, newest first. */
export async function monthlyPoints(db: Db, userId: number) {
  const r = await sql<{ month: string; points: number; cases: number }>`
    select to_char(at at time zone 'Asia/Shanghai', 'YYYY-MM') as month, sum(points)::int as points, count(*)::int as cases
    from hazard_points where user_id = ${userId} group by 1 order by 1 desc`.execute(db);
  return r.rows;
}
