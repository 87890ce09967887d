/** Anonymous submissions (rate limits), "me too" supporters and flags. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';

type Db = Kysely<DB>;

/** Serialises checks for one IP inside the caller's transaction (PostgreSQL advisory lock). */
export async function lockSubmitter(db: Db, ip: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`hazard-submit:${ip}`}))`.execute(db);
}

/** Times of recent submissions of a kind by IP or device, newest first. */
export async function recentSubmissions(db: Db, q: { kind: string; ip?: string; device?: string; since: Date; limit: number }): Promise<Date[]> {
  let query = db.selectFrom('hazard_submissions').select('at').where('kind', '=', q.kind).where('at', '>', q.since);
  if (q.ip !== undefined) query = query.where('ip', '=', q.ip);
  if (q.device !== undefined) query = query.where('device', '=', q.device);
  const rows = await query.orderBy('at', 'desc').limit(q.limit).execute();
  return rows.map((r) => new Date(r.at));
}

export async function recordSubmission(db: Db, s: { kind: string; ip: string; device: string | null; at: Date }): Promise<void> {
  await db.insertInto('hazard_submissions').values(s).execute();
}

/** Drops one IP's entries older than `before` (index-only work; the table stays small). */
export async function pruneSubmissions(db: Db, ip: string, before: Date): Promise<void> {
  await db.deleteFrom('hazard_submissions').where('ip', '=', ip).where('at', '<', before).execute();
}

/** Adds a supporter once per user or device; returns whether it was new. */
export async function addSupporter(db: Db, s: { hazardId: number; at: Date; userId: number | null; device: string | null }): Promise<boolean> {
  // Unique per (case, user) and (case, device): a repeat or a race inserts nothing.
  const r = await db
    .insertInto('hazard_supporters')
    .values({ hazard_id: s.hazardId, at: s.at, user_id: s.userId, device: s.device })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!r) return false;
  await db.updateTable('hazards').set((eb) => ({ me_too: eb('me_too', '+', 1) })).where('id', '=', s.hazardId).execute();
  return true;
}

export async function addFlag(db: Db, f: { hazardId: number; at: Date; reason: string; userId: number | null; device: string | null }): Promise<void> {
  await db.insertInto('hazard_flags').values({ hazard_id: f.hazardId, at: f.at, reason: f.reason, user_id: f.userId, device: f.device }).execute();
  await db.updateTable('hazards').set((eb) => ({ flags: eb('flags', '+', 1) })).where('id', '=', f.hazardId).execute();
}

export async function flagsOf(db: Db, hazardId: number) {
  return db.selectFrom('hazard_flags').select(['at', 'reason']).where('hazard_id', '=', hazardId).orderBy('id', 'desc').limit(20).execute();
}
