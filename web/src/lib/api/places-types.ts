/** Types of the place page, rooms, bookings and activities (docs/API.md, "Places, finder, bookings and activities"). */
import type { FinderPlace, Names, NavLinks } from './finder-types';

export interface PlaceActivity {
  id: number;
  placeId: number;
  roomId: number | null;
  title: string;
  description: string | null;
  /** ISO 8601 (UTC). */
  start: string;
  end: string;
  capacity: number;
  registered: number;
  waitlisted: number;
  spotsLeft: number;
}

export interface PlaceRoom {
  id: number;
  name: string;
  capacity: number;
}

/** `GET /api/places/:id`: the place page. */
export interface PlacePage extends Omit<FinderPlace, 'services'> {
  ref: string | null;
  services: ({ key: string } & Names)[];
  capacity: number | null;
  /** Photo URLs. */
  photos: string[];
  areaId: number | null;
  area: { id: number; code: string; name: string; level: string } | null;
  version: number;
  updatedAt: string;
  navLinks: NavLinks;
  at: string;
  /** Open at `at`; null = hours unknown. */
  open: boolean | null;
  todayHours: string[] | null;
  nextChange: { at: string; open: boolean } | null;
  nextOpening: string | null;
  rooms: PlaceRoom[];
  activities: PlaceActivity[];
}

export interface BusySlot {
  start: string;
  end: string;
  /** The caller's own booking. */
  mine?: boolean;
  bookingId?: number;
  /** Who booked and why: the place's staff only. */
  by?: string | null;
  purpose?: string | null;
}

/** `GET /api/rooms/:id/calendar`. */
export interface RoomCalendar {
  room: { id: number; name: string; capacity: number; place: { id: number; name: string; openingHours: string | null } };
  from: string;
  to: string;
  /** The caller is staff of the place: `by` and `purpose` are filled. */
  names: boolean;
  busy: BusySlot[];
}

export interface Booking {
  id: number;
  status: 'active' | 'cancelled';
  start: string;
  end: string;
  purpose: string | null;
  room: { id: number; name: string };
  place: { id: number; name: string; point: [number, number] };
  createdAt: string;
  cancelledAt: string | null;
}

export interface Registration {
  id: number;
  activityId: number;
  status: 'registered' | 'waitlisted' | 'cancelled';
  /** Place on the waiting list, 1 = next to move up. */
  position: number | null;
  createdAt: string;
  promotedAt: string | null;
  cancelledAt: string | null;
}

export interface MyRegistration extends Registration {
  activity: { id: number; title: string; start: string; end: string; place: { id: number; name: string } };
}

/** `GET /api/me/bookings`. */
export interface MyBookings {
  bookings: Booking[];
  registrations: MyRegistration[];
}

/** The 409 of a taken slot: `details.reason = ROOM_TAKEN`. */
export interface RoomTakenDetails {
  reason: 'ROOM_TAKEN';
  taken: { start: string; end: string } | null;
}
