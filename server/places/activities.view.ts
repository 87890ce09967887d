/** Activity and registration rows become domain objects here. */
import type { ActivityRow, RegistrationRow } from './activities.repository.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function activityView(a: ActivityRow) {
  return {
    id: a.id,
    placeId: a.place_id,
    roomId: a.room_id,
    title: a.title,
    description: a.description,
    start: iso(a.start)!,
    end: iso(a.end)!,
    capacity: a.capacity,
    registered: a.registered,
    waitlisted: a.waitlisted,
    spotsLeft: Math.max(0, a.capacity - a.registered),
  };
}

export function registrationView(r: RegistrationRow) {
  return {
    id: r.id,
    activityId: r.activity_id,
    status: r.status,
    /** Place on the waiting list, 1 = next to move up. */
    position: r.position,
    createdAt: iso(r.created_at)!,
    promotedAt: iso(r.promoted_at),
    cancelledAt: iso(r.cancelled_at),
  };
}
