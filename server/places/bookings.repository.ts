/** Every kysely call for rooms and bookings. Overlaps are refused by the database (bookings_no_overlap). */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/types.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface RoomRow {
  id: number;
  place_id: number;
  name: string;
  capacity: number;
  place_name: string;
  area_id: number | null;
  opening_hours: string | null;
  x: number;
  y: number;
}

export async function roomsOf(db: Db, placeId: number) {
  return db.selectFrom('rooms').select(['id', 'name', 'capacity']).where('place_id', '=', placeId).orderBy('name').orderBy('id').execute();
}

export async function findRoom(db: Db, id: number): Promise<RoomRow | undefined> {
  const r = await sql<RoomRow>`
    select r.id, r.place_id, r.name, r.capacity, p.name place_name, p.area_id, p.opening_hours, ST_X(p.geom) x, ST_Y(p.geom) y
    from rooms r join places p on p.id = r.place_id where r.id = ${id}`.execute(db);
  return r.rows[0];
}

export async function insertRoom(db: Db, placeId: number, name: string, capacity: number): Promise<number> {
  const r = await db.insertInto('rooms').values({ place_id: placeId, name, capacity }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export interface BookingRow {
  id: number;
  room_id: number;
  user_id: number;
  start: Date;
  end: Date;
  purpose: string | null;
  status: 'active' | 'cancelled';
  created_at: Date;
  cancelled_at: Date | null;
  room_name: string;
  place_id: number;
  place_name: string;
  area_id: number | null;
  x: number;
  y: number;
}

const BOOKING = sql.raw(`b.id, b.room_id, b.user_id, lower(b.during) as start, upper(b.during) as "end", b.purpose, b.status,
  b.created_at, b.cancelled_at, r.name room_name, p.id place_id, p.name place_name, p.area_id, ST_X(p.geom) x, ST_Y(p.geom) y
  from bookings b join rooms r on r.id = b.room_id join places p on p.id = r.place_id`);

/**
 * Locks the room row for the rest of the transaction. Bookings of one room then queue instead of
 * deadlocking: two concurrent inserts that conflict under an exclusion constraint wait for each
 * other and PostgreSQL aborts one with 40P01 after deadlock_timeout. The constraint still decides.
 */
export async function lockRoom(db: Db, id: number): Promise<void> {
  await sql`select id from rooms where id = ${id} for update`.execute(db);
}

/** Inserts an active booking of [start, end); throws the database's exclusion error (23P01) on overlap. */
export async function insertBooking(db: Db, b: { roomId: number; userId: number; start: Date; end: Date; purpose: string | null }): Promise<number> {
  const r = await sql<{ id: number }>`
    insert into bookings (room_id, user_id, during, purpose)
    values (${b.roomId}, ${b.userId}, tstzrange(${b.start.toISOString()}::timestamptz, ${b.end.toISOString()}::timestamptz, '[)'), ${b.purpose})
    returning id`.execute(db);
  return r.rows[0].id;
}

export async function findBooking(db: Db, id: number): Promise<BookingRow | undefined> {
  return (await sql<BookingRow>`select ${BOOKING} where b.id = ${id}`.execute(db)).rows[0];
}

/** The active booking that overlaps a slot (to name it in a 409). */
export async function overlapping(db: Db, roomId: number, start: Date, end: Date): Promise<{ start: Date; end: Date } | undefined> {
  const r = await sql<{ start: Date; end: Date }>`
    select lower(during) as start, upper(during) as "end" from bookings
    where room_id = ${roomId} and status = 'active'
      and during && tstzrange(${start.toISOString()}::timestamptz, ${end.toISOString()}::timestamptz, '[)')
    order by lower(during) limit 1`.execute(db);
  return r.rows[0];
}

/** Cancels an active booking; false when it was not active. */
export async function cancelBooking(db: Db, id: number, by: number, at: Date): Promise<boolean> {
  const r = await sql`update bookings set status = 'cancelled', cancelled_at = ${at.toISOString()}::timestamptz, cancelled_by = ${by}
    where id = ${id} and status = 'active'`.execute(db);
  return Number(r.numAffectedRows ?? 0) > 0;
}

export async function calendar(db: Db, roomId: number, from: Date, to: Date) {
  const r = await sql<{ id: number; user_id: number; start: Date; end: Date; purpose: string | null; display_name: string }>`
    select b.id, b.user_id, lower(b.during) as start, upper(b.during) as "end", b.purpose, u.display_name
    from bookings b join users u on u.id = b.user_id
    where b.room_id = ${roomId} and b.status = 'active'
      and b.during && tstzrange(${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz, '[)')
    order by lower(b.during)`.execute(db);
  return r.rows;
}

export async function bookingsOf(db: Db, userId: number, limit: number): Promise<BookingRow[]> {
  return (await sql<BookingRow>`select ${BOOKING} where b.user_id = ${userId} order by lower(b.during) desc, b.id desc limit ${limit}`.execute(db)).rows;
}
