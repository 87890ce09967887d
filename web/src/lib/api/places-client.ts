/**
 * Typed client of the place page, rooms, bookings and activities (docs/API.md, issue 6). Every call
 * takes an optional AbortSignal so a newer request can cancel a stale one.
 */
import { apiUrl, getJson, sendBytes, sendJson } from './http';
import type { Booking, MyBookings, PlacePage, Registration, RoomCalendar } from './places-types';

const seg = (id: number) => encodeURIComponent(String(id));

export const placesApi = {
  /** Staff: uploads a photo of a place (re-encoded on the server); 413 too big, 415 not an image, 422 bomb/corrupt. */
  uploadPhoto: (placeId: number, photo: Blob, signal?: AbortSignal) =>
    sendBytes<{ id: number; url: string; width: number; height: number }>(`places/${placeId}/photos`, photo, signal),
  /**
   * The place page; 404 `NOT_FOUND` for an unknown id.
   * @param at - ISO time the hours are told for (default now): `todayHours` are that day's
   */
  place: (id: number, at?: string, signal?: AbortSignal) => getJson<PlacePage>(`places/${seg(id)}`, { at }, signal),
  /** Busy slots of a room in [from, to) (≤ 62 days); staff of the place also get who and why. */
  calendar: (roomId: number, q: { from: string; to: string }, signal?: AbortSignal) =>
    getJson<RoomCalendar>(`rooms/${seg(roomId)}/calendar`, q, signal),
  /** 409 `CONFLICT` with `details.reason = ROOM_TAKEN` when the slot is taken; 422 for hours/length/past. */
  book: (roomId: number, body: { start: string; end: string; purpose?: string | null }, signal?: AbortSignal) =>
    sendJson<Booking>('POST', `rooms/${seg(roomId)}/bookings`, body, signal),
  cancelBooking: (id: number, signal?: AbortSignal) => sendJson<Booking>('DELETE', `bookings/${seg(id)}`, undefined, signal),
  myBookings: (signal?: AbortSignal) => getJson<MyBookings>('me/bookings', {}, signal),
  /** Registers, or joins the waiting list when full; 409 `ALREADY_REGISTERED` twice. */
  register: (activityId: number, signal?: AbortSignal) =>
    sendJson<Registration>('POST', `activities/${seg(activityId)}/registrations`, { waitlist: true }, signal),
  cancelRegistration: (id: number, signal?: AbortSignal) =>
    sendJson<{ registration: Registration; promoted: Registration | null }>('DELETE', `registrations/${seg(id)}`, undefined, signal),
  /** Download links (same-origin GET with the session cookie). */
  bookingIcsUrl: (id: number) => apiUrl(`bookings/${seg(id)}.ics`),
  activityIcsUrl: (id: number) => apiUrl(`activities/${seg(id)}.ics`),
};
