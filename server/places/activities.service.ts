/**
 * Activities at a place and sign-ups. Registration locks the activity row, counts, and registers
 * or waitlists, so concurrent sign-ups never exceed the capacity (a database trigger checks the
 * same again). Cancelling a registered place moves the longest-waiting person up, in the same
 * transaction.
 */
import type { Kysely } from 'kysely';
import { record } from '../audit/audit.service.ts';
import { allows } from '../auth/authorize.ts';
import type { Actor } from '../auth/principal.ts';
import type { DB } from '../db/types.ts';
import { conflict, notFound, unprocessable } from '../errors.ts';
import * as repo from './activities.repository.ts';
import { activityView, registrationView } from './activities.view.ts';
import * as bookingsRepo from './bookings.repository.ts';
import type { ActivityBody } from './bookings.schema.ts';
import { bookingView, ownerOrStaff, userIdOf } from './bookings.service.ts';
import { toIcs } from './ics.ts';
import { authorizeManage, placeOr404 } from './places.service.ts';

async function activityOr404(db: Kysely<DB>, id: number) {
  const a = await repo.findActivity(db, id);
  if (!a) throw notFound(`activity ${id} does not exist`);
  return a;
}

export async function createActivity(db: Kysely<DB>, actor: Actor, placeId: number, body: ActivityBody) {
  const place = await placeOr404(db, placeId);
  await authorizeManage(db, actor.principal, place.area_id);
  if (body.end.getTime() <= actor.at.getTime()) throw unprocessable('ACTIVITY_IN_PAST', `activity ends ${body.end.toISOString()}, which is already past`);
  const userId = actor.principal.user?.id ?? null;
  const id = await db.transaction().execute(async (trx) => {
    let bookingId: number | null = null;
    if (body.roomId !== undefined) {
      const room = await bookingsRepo.findRoom(trx, body.roomId);
      if (!room || room.place_id !== placeId) throw unprocessable('NO_SUCH_ROOM', `room ${body.roomId} is not a room of place ${placeId}`);
      await bookingsRepo.lockRoom(trx, body.roomId);
      if (await bookingsRepo.overlapping(trx, body.roomId, body.start, body.end)) throw conflict(`room ${room.name} is already booked during the activity`, { reason: 'ROOM_TAKEN' });
      bookingId = await bookingsRepo.insertBooking(trx, { roomId: body.roomId, userId: userId!, start: body.start, end: body.end, purpose: body.title.slice(0, 200) });
    }
    const activityId = await repo.insertActivity(trx, { placeId, roomId: body.roomId ?? null, bookingId, title: body.title, description: body.description, start: body.start, end: body.end, capacity: body.capacity, createdBy: userId });
    await record(trx, actor, { action: 'activities.create', targetType: 'activity', targetId: activityId, areaId: place.area_id, details: { placeId, title: body.title, capacity: body.capacity } });
    return activityId;
  });
  return activityView(await activityOr404(db, id));
}

/** The activity with counts; the caller's own registration; names of registrants for the place's staff. */
export async function getActivity(db: Kysely<DB>, actor: Actor, id: number) {
  const a = await activityOr404(db, id);
  const me = actor.principal.user?.id;
  const mine = me === undefined ? undefined : await repo.activeRegistration(db, id, me);
  const staff = await allows(db, actor.principal, 'places.manage', a.area_id === null ? { everywhere: true } : { areaId: a.area_id });
  const people = staff ? await repo.registrants(db, id) : null;
  if (people?.length) await record(db, actor, { action: 'activities.registrants', targetType: 'activity', targetId: id, areaId: a.area_id, details: { count: people.length } });
  return {
    ...activityView(a),
    place: { id: a.place_id, name: a.place_name, point: [a.x, a.y] },
    mine: mine ? registrationView(mine) : null,
    registrants: people && people.map((r) => ({ id: r.id, name: r.display_name, status: r.status, at: new Date(r.created_at).toISOString() })),
  };
}

export async function register(db: Kysely<DB>, actor: Actor, activityId: number, opts: { waitlist: boolean }) {
  const userId = userIdOf(actor.principal);
  const a = await activityOr404(db, activityId);
  if (new Date(a.end).getTime() <= actor.at.getTime()) throw unprocessable('ACTIVITY_OVER', `activity ${activityId} is over`);
  const id = await db.transaction().execute(async (trx) => {
    const lock = (await repo.lockActivity(trx, activityId))!;
    const existing = await repo.activeRegistration(trx, activityId, userId);
    if (existing) throw conflict(`you are already ${existing.status} for activity ${activityId}`, { reason: 'ALREADY_REGISTERED', registration: registrationView(existing) });
    const full = lock.registered >= lock.capacity;
    if (full && !opts.waitlist) throw conflict(`activity ${activityId} is full (${lock.capacity} places taken)`, { reason: 'ACTIVITY_FULL', capacity: lock.capacity });
    const regId = await repo.insertRegistration(trx, activityId, userId, full ? 'waitlisted' : 'registered');
    await record(trx, actor, { action: 'registrations.create', targetType: 'registration', targetId: regId, areaId: a.area_id, details: { activityId, status: full ? 'waitlisted' : 'registered' } });
    return regId;
  });
  return registrationView((await repo.findRegistration(db, id))!);
}

export async function cancelRegistration(db: Kysely<DB>, actor: Actor, id: number) {
  const hidden = `registration ${id} does not exist`;
  const reg = await repo.findRegistration(db, id);
  if (!reg) throw notFound(hidden);
  const a = await activityOr404(db, reg.activity_id);
  await ownerOrStaff(db, actor.principal, { user_id: reg.user_id, area_id: a.area_id }, hidden);
  const promoted = await db.transaction().execute(async (trx) => {
    await repo.lockActivity(trx, reg.activity_id);
    const now = await repo.findRegistration(trx, id);
    if (!now || now.status === 'cancelled') return null;
    await repo.cancelRegistration(trx, id, actor.at);
    const up = now.status === 'registered' ? await repo.promoteFirst(trx, reg.activity_id, actor.at) : null;
    await record(trx, actor, { action: 'registrations.cancel', targetType: 'registration', targetId: id, areaId: a.area_id, details: { activityId: reg.activity_id, promoted: up } });
    return up;
  });
  return { registration: registrationView((await repo.findRegistration(db, id))!), promoted: promoted === null ? null : registrationView((await repo.findRegistration(db, promoted))!) };
}

export async function activityIcs(db: Kysely<DB>, actor: Actor, id: number): Promise<string> {
  const a = await activityOr404(db, id);
  return toIcs({
    uid: `activity-${a.id}@xingfujiayuan`, start: new Date(a.start), end: new Date(a.end), stamp: actor.at,
    summary: a.title, description: a.description, location: a.place_name, point: [a.x, a.y],
  });
}

export async function mine(db: Kysely<DB>, actor: Actor) {
  const userId = userIdOf(actor.principal);
  const [bookings, registrations] = [await bookingsRepo.bookingsOf(db, userId, 200), await repo.registrationsOf(db, userId, 200)];
  return {
    bookings: bookings.map(bookingView),
    registrations: registrations.map((r) => ({ ...registrationView(r), activity: { id: r.activity_id, title: r.title, start: new Date(r.start).toISOString(), end: new Date(r.end).toISOString(), place: { id: r.place_id, name: r.place_name } } })),
  };
}
