/**
 * Every kysely call for activities and registrations. Registration counts are taken with the
 * activity row locked (`for update`), so concurrent sign-ups queue and never exceed capacity.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/types.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface ActivityRow {
  id: number;
  place_id: number;
  room_id: number | null;
  title: string;
  description: string | null;
  start: Date;
  end: Date;
  capacity: number;
  registered: number;
  waitlisted: number;
  place_name: string;
  area_id: number | null;
  x: number;
  y: number;
}

const ACTIVITY = sql.raw(`a.id, a.place_id, a.room_id, a.title, a.description, lower(a.during) as start, upper(a.during) as "end", a.capacity,
  (select count(*)::int from registrations g where g.activity_id = a.id and g.status = 'registered') registered,
  (select count(*)::int from registrations g where g.activity_id = a.id and g.status = 'waitlisted') waitlisted,
  p.name place_name, p.area_id, ST_X(p.geom) x, ST_Y(p.geom) y
  from activities a join places p on p.id = a.place_id`);

export async function insertActivity(db: Db, a: { placeId: number; roomId: number | null; bookingId: number | null; title: string; description: string | null; start: Date; end: Date; capacity: number; createdBy: number | null }): Promise<number> {
  const r = await sql<{ id: number }>`
    insert into activities (place_id, room_id, booking_id, title, description, during, capacity, created_by)
    values (${a.placeId}, ${a.roomId}, ${a.bookingId}, ${a.title}, ${a.description},
            tstzrange(${a.start.toISOString()}::timestamptz, ${a.end.toISOString()}::timestamptz, '[)'), ${a.capacity}, ${a.createdBy})
    returning id`.execute(db);
  return r.rows[0].id;
}

export async function findActivity(db: Db, id: number): Promise<ActivityRow | undefined> {
  return (await sql<ActivityRow>`select ${ACTIVITY} where a.id = ${id}`.execute(db)).rows[0];
}

/** Activities at a place that have not ended at `at`, soonest first. */
export async function upcomingAt(db: Db, placeId: number, at: Date, limit: number): Promise<ActivityRow[]> {
  return (await sql<ActivityRow>`select ${ACTIVITY} where a.place_id = ${placeId} and upper(a.during) > ${at.toISOString()}::timestamptz
    order by lower(a.during), a.id limit ${limit}`.execute(db)).rows;
}

/** Locks the activity row for the rest of the transaction; returns its capacity and registered count. */
export async function lockActivity(db: Db, id: number): Promise<{ capacity: number; registered: number } | undefined> {
  const r = await sql<{ capacity: number }>`select capacity from activities where id = ${id} for update`.execute(db);
  if (!r.rows[0]) return undefined;
  const c = await sql<{ n: number }>`select count(*)::int n from registrations where activity_id = ${id} and status = 'registered'`.execute(db);
  return { capacity: r.rows[0].capacity, registered: c.rows[0].n };
}

export interface RegistrationRow {
  id: number;
  activity_id: number;
  user_id: number;
  status: 'registered' | 'waitlisted' | 'cancelled';
  created_at: Date;
  promoted_at: Date | null;
  cancelled_at: Date | null;
  /** 1-based place on the waiting list (waitlisted only). */
  position: number | null;
}

const REGISTRATION = sql.raw(`g.id, g.activity_id, g.user_id, g.status, g.created_at, g.promoted_at, g.cancelled_at,
  case when g.status = 'waitlisted' then (select count(*)::int from registrations w
    where w.activity_id = g.activity_id and w.status = 'waitlisted' and w.id <= g.id) end as position
  from registrations g`);

export async function activeRegistration(db: Db, activityId: number, userId: number): Promise<RegistrationRow | undefined> {
  return (await sql<RegistrationRow>`select ${REGISTRATION} where g.activity_id = ${activityId} and g.user_id = ${userId} and g.status <> 'cancelled'`.execute(db)).rows[0];
}

export async function insertRegistration(db: Db, activityId: number, userId: number, status: 'registered' | 'waitlisted'): Promise<number> {
  const r = await db.insertInto('registrations').values({ activity_id: activityId, user_id: userId, status, promoted_at: null, cancelled_at: null }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function findRegistration(db: Db, id: number): Promise<RegistrationRow | undefined> {
  return (await sql<RegistrationRow>`select ${REGISTRATION} where g.id = ${id}`.execute(db)).rows[0];
}

export async function cancelRegistration(db: Db, id: number, at: Date): Promise<void> {
  await sql`update registrations set status = 'cancelled', cancelled_at = ${at.toISOString()}::timestamptz where id = ${id}`.execute(db);
}

/** Moves the longest-waiting registration up to registered; returns its id, or null when nobody waits. */
export async function promoteFirst(db: Db, activityId: number, at: Date): Promise<number | null> {
  const r = await sql<{ id: number }>`
    update registrations set status = 'registered', promoted_at = ${at.toISOString()}::timestamptz
    where id = (select id from registrations where activity_id = ${activityId} and status = 'waitlisted' order by id limit 1)
    returning id`.execute(db);
  return r.rows[0]?.id ?? null;
}

export async function registrants(db: Db, activityId: number) {
  const r = await sql<{ id: number; status: string; display_name: string; created_at: Date }>`
    select g.id, g.status, u.display_name, g.created_at from registrations g join users u on u.id = g.user_id
    where g.activity_id = ${activityId} and g.status <> 'cancelled' order by g.status = 'waitlisted', g.id`.execute(db);
  return r.rows;
}

export async function registrationsOf(db: Db, userId: number, limit: number) {
  return (await sql<RegistrationRow & { title: string; start: Date; end: Date; place_id: number; place_name: string }>`
    select g.id, g.activity_id, g.user_id, g.status, g.created_at, g.promoted_at, g.cancelled_at,
      case when g.status = 'waitlisted' then (select count(*)::int from registrations w
        where w.activity_id = g.activity_id and w.status = 'waitlisted' and w.id <= g.id) end as position,
      a.title, lower(a.during) as start, upper(a.during) as "end", a.place_id, p.name place_name
    from registrations g join activities a on a.id = g.activity_id join places p on p.id = a.place_id
    where g.user_id = ${userId} order by lower(a.during) desc, g.id desc limit ${limit}`.execute(db)).rows;
}
