/** Every kysely call for sessions and log-in attempts. */
import { sql, type Kysely } from 'kysely';
import type { DB, SessionsTable } from '../db/types.ts';

export async function insertSession(db: Kysely<DB>, s: SessionsTable): Promise<void> {
  await db.insertInto('sessions').values(s).execute();
}

/** The session with its user, if the user is not disabled. */
export async function findSession(db: Kysely<DB>, idHash: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id_hash', 's.user_id', 's.last_seen_at', 's.idle_expires_at', 's.expires_at', 'u.username', 'u.display_name'])
    .where('s.id_hash', '=', idHash)
    .where('u.disabled', '=', false)
    .executeTakeFirst();
}

export async function touchSession(db: Kysely<DB>, idHash: string, at: Date, idleExpiresAt: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at, idle_expires_at: idleExpiresAt }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Kysely<DB>, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteUserSessions(db: Kysely<DB>, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Kysely<DB>, now: Date): Promise<void> {
  await db.deleteFrom('sessions').where((eb) => eb.or([eb('expires_at', '<=', now), eb('idle_expires_at', '<=', now)])).execute();
}

export async function insertAttempt(db: Kysely<DB>, a: { at: Date; ip: string; login: string; user_id: number | null; success: boolean }): Promise<void> {
  await db.insertInto('login_attempts').values(a).execute();
}

export type AttemptKey = { ip: string } | { userId: number } | { login: string };

/**
 * Times of failed attempts since `since`, newest first: by IP; by account (only after its last
 * success: "in a row"); or by a login name that matches no account.
 */
export async function failuresSince(db: Kysely<DB>, by: AttemptKey, since: Date, limit: number): Promise<Date[]> {
  let q = db.selectFrom('login_attempts').select('at').where('success', '=', false).where('at', '>', since);
  if ('ip' in by) q = q.where('ip', '=', by.ip);
  else if ('login' in by) q = q.where('login', '=', by.login).where('user_id', 'is', null);
  else
    q = q
      .where('user_id', '=', by.userId)
      .where(sql<boolean>`at > coalesce((select max(at) from login_attempts where user_id = ${by.userId} and success), '-infinity'::timestamptz)`);
  const rows = await q.orderBy('at', 'desc').limit(limit).execute();
  return rows.map((r) => new Date(r.at));
}

export async function deleteAttemptsBefore(db: Kysely<DB>, before: Date): Promise<void> {
  await db.deleteFrom('login_attempts').where('at', '<', before).execute();
}
