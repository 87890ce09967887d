/**
 * Rooms, bookings and activities over HTTP: 50 simultaneous requests for one slot make exactly one
 * booking (the exclusion constraint decides), overlapping requests never both succeed, cancelling
 * keeps the row and frees the slot, the calendar names bookers only for the place's staff; a full
 * activity waitlists (or refuses) the next sign-up, cancelling moves the first waiting person up,
 * and bookings and activities export as .ics.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, loginAs, places } from '../support/accounts.ts';
import { backendName, startApi, type ApiContext } from '../support/api.ts';

let api: ApiContext;
let staff: string;
let riders: string[] = [];
let placeId: number;
let roomId: number;
/** Local midnight (UTC+8) ten days from now: slots are hours after it. */
const day = new Date(Math.floor((Date.now() + 10 * 86_400_000 + 8 * 3_600_000) / 86_400_000) * 86_400_000 - 8 * 3_600_000);
const h = (hours: number) => new Date(day.getTime() + hours * 3_600_000).toISOString();

beforeAll(async () => {
  api = await startApi();
  const db = api.database.db;
  const at = await places(db);
  staff = await loginAs(api, await createTestUser(db, [{ role: 'grid_worker', areaId: at.gridA }], 'roomkeeper'));
  for (let i = 0; i < 6; i++) riders.push(await loginAs(api, await createTestUser(db, [{ role: 'rider' }], `rider${i}`)));
  const [p] = (await sql<{ x: number; y: number }>`select ST_X(ST_PointOnSurface(geom)) x, ST_Y(ST_PointOnSurface(geom)) y from areas where id = ${at.gridA}`.execute(db)).rows;
  const place = await api.send('POST', '/api/places', { kind: 'community_center', name: '预约测试中心', lon: p.x, lat: p.y, openingHours: 'Mo-Su 08:00-21:00', services: ['meeting_room'] }, { cookie: staff });
  expect(place.status, JSON.stringify(place.body)).toBe(201);
  placeId = place.body.id;
  const room = await api.send('POST', `/api/places/${placeId}/rooms`, { name: '多功能室', capacity: 20 }, { cookie: staff });
  expect(room.status).toBe(201);
  roomId = room.body.id;
});
afterAll(async () => {
  await api?.close();
});

const book = (who: string, start: string, end: string) => api.send('POST', `/api/rooms/${roomId}/bookings`, { start, end, purpose: '议事协商' }, { cookie: who });
const activeIn = async (from: string, to: string) =>
  (await sql<{ n: number }>`select count(*)::int n from bookings where room_id = ${roomId} and status = 'active' and during && tstzrange(${from}::timestamptz, ${to}::timestamptz)`.execute(api.database.db)).rows[0].n;

describe(`room bookings (${backendName()})`, () => {
  it('50 simultaneous requests for one slot make exactly one booking; the others get a 409 naming the slot', async () => {
    const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => book(riders[i % riders.length], h(10), h(11))));
    const ok = replies.filter((r) => r.status === 201);
    expect(ok).toHaveLength(1);
    const refused = replies.filter((r) => r.status === 409);
    expect(refused).toHaveLength(49);
    expect(refused[0].body.error.message).toMatch(/is already booked .+; choose another slot/);
    expect(refused[0].body.error.details.taken).toEqual({ start: h(10), end: h(11) });
    expect(await activeIn(h(10), h(11))).toBe(1);
    // The database itself refuses an overlap, whoever writes (the API only orders the writers).
    await expect(sql`insert into bookings (room_id, user_id, during) select room_id, user_id, tstzrange(${h(10.5)}::timestamptz, ${h(11.5)}::timestamptz)
      from bookings where room_id = ${roomId} limit 1`.execute(api.database.db)).rejects.toThrow(/bookings_no_overlap/);
  });

  it('overlapping requests at the same time never both succeed; touching slots do', async () => {
    const slots = Array.from({ length: 24 }, (_, i) => [12 + (i % 6) * 0.5, 12 + (i % 6) * 0.5 + 1 + (i % 3) * 0.5]);
    const replies = await Promise.all(slots.map(([a, b], i) => book(riders[i % riders.length], h(a), h(b))));
    expect(replies.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    const rows = (await sql<{ s: Date; e: Date }>`select lower(during) s, upper(during) e from bookings where room_id = ${roomId} and status = 'active' order by 1`.execute(api.database.db)).rows;
    for (let i = 1; i < rows.length; i++) expect(new Date(rows[i].s).getTime()).toBeGreaterThanOrEqual(new Date(rows[i - 1].e).getTime());
    expect((await book(riders[0], h(17), h(18))).status).toBe(201);
    expect((await book(riders[1], h(18), h(19))).status).toBe(201);
  });

  it('refuses slots outside opening hours, in the past or too long, with the reason', async () => {
    let r = await book(riders[0], h(7), h(9));
    expect([r.status, r.body.error.code]).toEqual([422, 'OUTSIDE_OPENING_HOURS']);
    r = await book(riders[0], new Date(Date.now() - 86_400_000).toISOString(), new Date(Date.now() - 82_800_000).toISOString());
    expect([r.status, r.body.error.code]).toEqual([422, 'BOOKING_IN_PAST']);
    r = await book(riders[0], h(8), h(20));
    expect([r.status, r.body.error.code]).toEqual([422, 'BOOKING_LENGTH']);
    r = await book(riders[0], h(11), h(10));
    expect([r.status, r.body.error.message]).toEqual([400, expect.stringMatching(/end must be after start/)]);
    expect((await book('', h(19), h(20))).status).toBe(401);
  });

  it('cancelling keeps the booking and frees the slot; only the booker or the place\'s staff may cancel', async () => {
    const mine = await book(riders[2], h(19), h(20));
    expect(mine.status).toBe(201);
    const id = mine.body.id;
    expect((await api.request('DELETE', `/api/bookings/${id}`, { cookie: riders[3] })).status).toBe(404);
    const c = await api.request('DELETE', `/api/bookings/${id}`, { cookie: riders[2] });
    expect([c.status, c.body.status]).toEqual([200, 'cancelled']);
    expect((await sql<{ status: string }>`select status from bookings where id = ${id}`.execute(api.database.db)).rows[0].status).toBe('cancelled');
    const again = await book(riders[3], h(19), h(20));
    expect(again.status).toBe(201);
    expect((await api.request('DELETE', `/api/bookings/${again.body.id}`, { cookie: staff })).status).toBe(200);
    const list = (await api.get('/api/me/bookings', { cookie: riders[2] })).body;
    expect(list.bookings.find((b: any) => b.id === id)).toMatchObject({ status: 'cancelled', room: { id: roomId }, place: { id: placeId } });
    await expect(sql`delete from bookings where id = ${id}`.execute(api.database.db)).rejects.toThrow(/cannot be deleted/);
  });

  it('the calendar shows busy slots to everyone and who booked only to the place\'s staff', async () => {
    const q = `/api/rooms/${roomId}/calendar?from=${encodeURIComponent(h(0))}&to=${encodeURIComponent(h(24))}`;
    const pub = (await api.get(q)).body;
    expect(pub.busy.length).toBeGreaterThan(1);
    expect(pub.names).toBe(false);
    for (const b of pub.busy) expect(Object.keys(b).sort()).toEqual(['end', 'start']);
    const st = (await api.get(q, { cookie: staff })).body;
    expect(st.names).toBe(true);
    expect(st.busy[0]).toMatchObject({ by: expect.stringMatching(/rider/), purpose: '议事协商' });
    expect((await api.get(`/api/places/${placeId}/rooms`)).body.rooms).toEqual([{ id: roomId, name: '多功能室', capacity: 20 }]);
  });

  it('exports a booking as .ics for its booker', async () => {
    const b = await book(riders[4], h(20), h(21));
    const r = await fetch(`${api.base}/api/bookings/${b.body.id}.ics`, { headers: { cookie: riders[4], 'x-forwarded-for': api.ip } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/calendar/);
    const text = await r.text();
    expect(text).toContain(`DTSTART:${h(20).replace(/[-:]/g, '').replace('.000', '')}`);
    expect(text).toContain('SUMMARY:多功能室 · 预约测试中心');
    expect((await api.get(`/api/bookings/${b.body.id}.ics`, { cookie: riders[5] })).status).toBe(404);
  });
});

describe(`activities (${backendName()})`, () => {
  it('never registers more than the capacity under simultaneous sign-ups; the rest wait in order; cancelling promotes the first', async () => {
    const a = await api.send('POST', `/api/places/${placeId}/activities`, { title: '骑手安全骑行讲座', start: h(14), end: h(15), capacity: 3 }, { cookie: staff });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    const id = a.body.id;
    const regs = await Promise.all(riders.map((c) => api.send('POST', `/api/activities/${id}/registrations`, {}, { cookie: c })));
    expect(regs.map((r) => r.status)).toEqual(Array(6).fill(201));
    const registered = regs.filter((r) => r.body.status === 'registered');
    const waiting = regs.filter((r) => r.body.status === 'waitlisted').sort((x, y) => x.body.position - y.body.position);
    expect([registered.length, waiting.map((w) => w.body.position)]).toEqual([3, [1, 2, 3]]);
    const full = await api.send('POST', `/api/activities/${id}/registrations`, { waitlist: false }, { cookie: staff });
    expect([full.status, full.body.error.details?.reason]).toEqual([409, 'ACTIVITY_FULL']);
    const dup = await api.send('POST', `/api/activities/${id}/registrations`, {}, { cookie: riders[0] });
    expect(dup.status).toBe(409);

    const who = riders[regs.indexOf(registered[0])];
    const c = await api.request('DELETE', `/api/registrations/${registered[0].body.id}`, { cookie: who });
    expect(c.status).toBe(200);
    expect(c.body.promoted).toMatchObject({ id: waiting[0].body.id, status: 'registered' });
    const view = (await api.get(`/api/activities/${id}`, { cookie: staff })).body;
    expect(view).toMatchObject({ capacity: 3, registered: 3, waitlisted: 2, spotsLeft: 0 });
    expect(view.registrants).toHaveLength(5);
    expect((await api.get(`/api/activities/${id}`)).body.registrants).toBeNull();
    const n = (await sql<{ n: number }>`select count(*)::int n from registrations where activity_id = ${id} and status = 'registered'`.execute(api.database.db)).rows[0].n;
    expect(n).toBe(3);
    await expect(sql`update registrations set status = 'registered' where activity_id = ${id} and status = 'waitlisted'`.execute(api.database.db)).rejects.toThrow(/is full/);
    const ics = await fetch(`${api.base}/api/activities/${id}.ics`);
    expect(await ics.text()).toContain('SUMMARY:骑手安全骑行讲座');
    expect((await api.get(`/api/places/${placeId}`)).body.activities.map((x: any) => x.id)).toContain(id);
  });

  it('an activity in a room books the room; only staff create activities', async () => {
    const a = await api.send('POST', `/api/places/${placeId}/activities`, { title: '议事会', start: h(10), end: h(11), capacity: 10, roomId }, { cookie: staff });
    expect([a.status, a.body.error?.details?.reason]).toEqual([409, 'ROOM_TAKEN']);
    expect((await api.send('POST', `/api/places/${placeId}/activities`, { title: '议事会', start: h(8), end: h(9), capacity: 10, roomId }, { cookie: staff })).status).toBe(201);
    expect((await book(riders[0], h(8), h(9))).status).toBe(409);
    expect((await api.send('POST', `/api/places/${placeId}/activities`, { title: 'x', start: h(8), end: h(9), capacity: 1 }, { cookie: riders[0] })).status).toBe(403);
  });
});
