/**
 * Rooms and bookings. A booking never overlaps another of the same room: the database's
 * exclusion constraint decides, even for requests that arrive at the same instant; its refusal
 * (SQLSTATE 23P01) becomes a 409 naming the slot that is taken. Cancelling is a status change.
 */
import type { Kysely } from 'kysely';
import { record } from '../audit/audit.service.ts';
import { allows, authorize } from '../auth/authorize.ts';
import type { Actor, Principal } from '../auth/principal.ts';
import type { DB } from '../db/types.ts';
import { conflict, notFound, unauthorized, unprocessable } from '../errors.ts';
import * as repo from './bookings.repository.ts';
import type { BookingBody } from './bookings.schema.ts';
import { toIcs } from './ics.ts';
import { openThroughout } from './place-hours.ts';
import { authorizeManage, placeOr404 } from './places.service.ts';

/** Booking rules: 15 min to 8 h, starting at most 90 days ahead. */
export const BOOKING_MIN_MIN = 15;
export const BOOKING_MAX_H = 8;
export const BOOKING_AHEAD_DAYS = 90;
/** Calendar windows at most this long (days). */
export const CALENDAR_MAX_DAYS = 62;

const H = 3_600_000;
const iso = (d: Date | string) => new Date(d).toISOString();
const areaTarget = (areaId: number | null) => (areaId === null ? { everywhere: true as const } : { areaId });
export const userIdOf = (p: Principal): number => {
  if (!p.user) throw unauthorized('log in first');
  return p.user.id;
};

/**
 * Who may act on a booking or registration (`bookings.own`): its owner, or staff whose
 * jurisdiction covers the place. Anyone else gets the same 404 as for a missing one.
 */
export async function ownerOrStaff(db: Kysely<DB>, p: Principal, rec: { user_id: number; area_id: number | null }, hidden: string): Promise<'owner' | 'staff'> {
  await authorize(db, p, 'bookings.own');
  if (p.user && rec.user_id === p.user.id) return 'owner';
  if (await allows(db, p, 'bookings.own', areaTarget(rec.area_id))) return 'staff';
  throw notFound(hidden);
}

export function bookingView(b: repo.BookingRow) {
  return {
    id: b.id, status: b.status, start: iso(b.start), end: iso(b.end), purpose: b.purpose,
    room: { id: b.room_id, name: b.room_name }, place: { id: b.place_id, name: b.place_name, point: [b.x, b.y] },
    createdAt: iso(b.created_at), cancelledAt: b.cancelled_at ? iso(b.cancelled_at) : null,
  };
}

export async function roomOr404(db: Kysely<DB>, id: number) {
  const room = await repo.findRoom(db, id);
  if (!room) throw notFound(`room ${id} does not exist`);
  return room;
}

export async function listRooms(db: Kysely<DB>, placeId: number) {
  const place = await placeOr404(db, placeId);
  const rooms = await repo.roomsOf(db, placeId);
  return { place: { id: place.id, name: place.name, openingHours: place.opening_hours }, rooms };
}

export async function createRoom(db: Kysely<DB>, actor: Actor, placeId: number, body: { name: string; capacity: number }) {
  const place = await placeOr404(db, placeId);
  await authorizeManage(db, actor.principal, place.area_id);
  const id = await db.transaction().execute(async (trx) => {
    if ((await repo.roomsOf(trx, placeId)).some((r) => r.name === body.name)) throw conflict(`place ${placeId} already has a room named ${JSON.stringify(body.name)}`);
    const roomId = await repo.insertRoom(trx, placeId, body.name, body.capacity);
    await record(trx, actor, { action: 'rooms.create', targetType: 'room', targetId: roomId, areaId: place.area_id, details: { placeId, name: body.name } });
    return roomId;
  });
  return { id, placeId, name: body.name, capacity: body.capacity };
}

/** Busy slots of a room; staff of the place's area also see who booked and why; owners see their own. */
export async function calendar(db: Kysely<DB>, actor: Actor, roomId: number, q: { from?: Date; to?: Date }) {
  const room = await roomOr404(db, roomId);
  const from = q.from ?? actor.at;
  const to = q.to ?? new Date(from.getTime() + 7 * 24 * H);
  if (!(to > from)) throw unprocessable('BAD_WINDOW', `calendar window: to (${iso(to)}) must be after from (${iso(from)})`);
  if (to.getTime() - from.getTime() > CALENDAR_MAX_DAYS * 24 * H) throw unprocessable('BAD_WINDOW', `calendar window is longer than ${CALENDAR_MAX_DAYS} days`);
  const staff = await allows(db, actor.principal, 'places.manage', areaTarget(room.area_id));
  const rows = await repo.calendar(db, roomId, from, to);
  const me = actor.principal.user?.id;
  if (staff && rows.length) await record(db, actor, { action: 'bookings.calendar', targetType: 'room', targetId: roomId, areaId: room.area_id, details: { bookings: rows.length } });
  return {
    room: { id: room.id, name: room.name, capacity: room.capacity, place: { id: room.place_id, name: room.place_name, openingHours: room.opening_hours } },
    from: iso(from), to: iso(to), names: staff,
    busy: rows.map((b) => ({
      start: iso(b.start), end: iso(b.end),
      ...(b.user_id === me ? { mine: true, bookingId: b.id } : {}),
      ...(staff ? { bookingId: b.id, by: b.display_name, purpose: b.purpose } : {}),
    })),
  };
}

const fmt = (d: Date) => d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

export async function book(db: Kysely<DB>, actor: Actor, roomId: number, body: BookingBody) {
  const userId = userIdOf(actor.principal);
  const room = await roomOr404(db, roomId);
  const { start, end } = body;
  const now = actor.at.getTime();
  if (start.getTime() < now - 5 * 60_000) throw unprocessable('BOOKING_IN_PAST', `start ${iso(start)} is in the past`);
  if (start.getTime() > now + BOOKING_AHEAD_DAYS * 24 * H) throw unprocessable('BOOKING_TOO_FAR', `start ${iso(start)} is more than ${BOOKING_AHEAD_DAYS} days ahead`);
  const minutes = (end.getTime() - start.getTime()) / 60_000;
  if (minutes < BOOKING_MIN_MIN || minutes > BOOKING_MAX_H * 60) throw unprocessable('BOOKING_LENGTH', `a booking lasts ${BOOKING_MIN_MIN} minutes to ${BOOKING_MAX_H} hours; this one lasts ${minutes} minutes`);
  if (!openThroughout(room.opening_hours, start, end)) {
    throw unprocessable('OUTSIDE_OPENING_HOURS', `${room.place_name} is not open throughout ${fmt(start)}–${fmt(end)} (opening hours: ${room.opening_hours})`);
  }
  let id: number;
  try {
    id = await db.transaction().execute(async (trx) => {
      await repo.lockRoom(trx, roomId);
      const bookingId = await repo.insertBooking(trx, { roomId, userId, start, end, purpose: body.purpose });
      await record(trx, actor, { action: 'bookings.create', targetType: 'booking', targetId: bookingId, areaId: room.area_id, details: { roomId } });
      return bookingId;
    });
  } catch (e) {
    if ((e as { code?: string })?.code !== '23P01') throw e;
    const taken = await repo.overlapping(db, roomId, start, end);
    throw conflict(`room ${room.name} at ${room.place_name} is already booked ${taken ? `${fmt(taken.start)}–${fmt(taken.end)}` : 'for part of that time'}; choose another slot`,
      { reason: 'ROOM_TAKEN', taken: taken && { start: iso(taken.start), end: iso(taken.end) } });
  }
  return bookingView((await repo.findBooking(db, id))!);
}

export async function cancel(db: Kysely<DB>, actor: Actor, id: number) {
  const b = await repo.findBooking(db, id);
  if (!b) throw notFound(`booking ${id} does not exist`);
  const as = await ownerOrStaff(db, actor.principal, b, `booking ${id} does not exist`);
  await db.transaction().execute(async (trx) => {
    if (await repo.cancelBooking(trx, id, userIdOf(actor.principal), actor.at)) {
      await record(trx, actor, { action: 'bookings.cancel', targetType: 'booking', targetId: id, areaId: b.area_id, details: { as } });
    }
  });
  return bookingView((await repo.findBooking(db, id))!);
}

export async function bookingIcs(db: Kysely<DB>, actor: Actor, id: number): Promise<string> {
  const b = await repo.findBooking(db, id);
  if (!b) throw notFound(`booking ${id} does not exist`);
  await ownerOrStaff(db, actor.principal, b, `booking ${id} does not exist`);
  return toIcs({
    uid: `booking-${b.id}@xingfujiayuan`, start: new Date(b.start), end: new Date(b.end), stamp: actor.at,
    summary: `${b.room_name} · ${b.place_name}`, description: b.purpose, location: b.place_name, point: [b.x, b.y],
    status: b.status === 'active' ? 'CONFIRMED' : 'CANCELLED',
  });
}
