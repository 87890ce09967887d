import { Router, type Response } from 'express';
import type { AppContext } from '../app.ts';
import { authorize } from '../auth/authorize.ts';
import { actorOf, principalOf } from '../auth/principal.ts';
import { documentRoute } from '../http/openapi.ts';
import { parse } from '../http/validate.ts';
import * as activities from './activities.service.ts';
import { activityBody, bookingBody, calendarQuery, createRoomBody, idParams, registrationBody } from './bookings.schema.ts';
import * as bookings from './bookings.service.ts';

const sendIcs = (res: Response, name: string, text: string) =>
  res.type('text/calendar; charset=utf-8').set('Content-Disposition', `attachment; filename="${name}.ics"`).send(text);

/** Rooms, bookings, activities and registrations (issue 6). */
export function bookingsRoutes(ctx: AppContext): Router {
  const r = Router();
  const id = (req: { params: unknown }) => parse(idParams, req.params, 'path').id;

  documentRoute({ method: 'get', path: '/api/places/:id/rooms', tag: 'bookings', action: 'places.read', summary: 'Bookable rooms of a place', params: idParams });
  r.get('/api/places/:id/rooms', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'places.read');
    res.json(await bookings.listRooms(ctx.db, id(req)));
  });
  documentRoute({ method: 'post', path: '/api/places/:id/rooms', tag: 'bookings', action: 'places.manage', summary: 'Add a bookable room to a place', params: idParams, body: createRoomBody });
  r.post('/api/places/:id/rooms', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'places.manage');
    res.status(201).json(await bookings.createRoom(ctx.db, actorOf(req, ctx.now), id(req), parse(createRoomBody, req.body, 'body')));
  });
  documentRoute({ method: 'get', path: '/api/rooms/:id/calendar', tag: 'bookings', action: 'places.read', summary: 'Busy slots of a room; the place\'s staff also see who booked', params: idParams, query: calendarQuery });
  r.get('/api/rooms/:id/calendar', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'places.read');
    res.json(await bookings.calendar(ctx.db, actorOf(req, ctx.now), id(req), parse(calendarQuery, req.query)));
  });
  documentRoute({ method: 'post', path: '/api/rooms/:id/bookings', tag: 'bookings', action: 'bookings.book', summary: 'Book a room for [start, end); 409 when the slot is taken', params: idParams, body: bookingBody });
  r.post('/api/rooms/:id/bookings', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'bookings.book');
    res.status(201).json(await bookings.book(ctx.db, actorOf(req, ctx.now), id(req), parse(bookingBody, req.body, 'body')));
  });
  documentRoute({ method: 'delete', path: '/api/bookings/:id', tag: 'bookings', action: 'bookings.own', summary: 'Cancel a booking (kept, status cancelled): the booker, or staff of the place', params: idParams });
  r.delete('/api/bookings/:id', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'bookings.own');
    res.json(await bookings.cancel(ctx.db, actorOf(req, ctx.now), id(req)));
  });
  documentRoute({ method: 'get', path: '/api/bookings/:id.ics', tag: 'bookings', action: 'bookings.own', summary: 'A booking as an iCalendar file', params: idParams, response: 'text/calendar' });
  r.get('/api/bookings/:id.ics', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'bookings.own');
    const bookingId = id(req);
    sendIcs(res, `booking-${bookingId}`, await bookings.bookingIcs(ctx.db, actorOf(req, ctx.now), bookingId));
  });
  documentRoute({ method: 'get', path: '/api/me/bookings', tag: 'bookings', action: 'bookings.book', summary: 'My bookings and activity registrations, latest first' });
  r.get('/api/me/bookings', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'bookings.book');
    res.json(await activities.mine(ctx.db, actorOf(req, ctx.now)));
  });

  documentRoute({ method: 'post', path: '/api/places/:id/activities', tag: 'activities', action: 'places.manage', summary: 'Add an activity with a capacity (optionally booking one of the place\'s rooms)', params: idParams, body: activityBody });
  r.post('/api/places/:id/activities', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'places.manage');
    res.status(201).json(await activities.createActivity(ctx.db, actorOf(req, ctx.now), id(req), parse(activityBody, req.body, 'body')));
  });
  documentRoute({ method: 'get', path: '/api/activities/:id.ics', tag: 'activities', action: 'places.read', summary: 'An activity as an iCalendar file', params: idParams, response: 'text/calendar' });
  r.get('/api/activities/:id.ics', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'places.read');
    const activityId = id(req);
    sendIcs(res, `activity-${activityId}`, await activities.activityIcs(ctx.db, actorOf(req, ctx.now), activityId));
  });
  documentRoute({ method: 'get', path: '/api/activities/:id', tag: 'activities', action: 'places.read', summary: 'An activity: capacity, registered, waiting; my registration; names for the place\'s staff', params: idParams });
  r.get('/api/activities/:id', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'places.read');
    res.json(await activities.getActivity(ctx.db, actorOf(req, ctx.now), id(req)));
  });
  documentRoute({ method: 'post', path: '/api/activities/:id/registrations', tag: 'activities', action: 'bookings.book', summary: 'Register (or join the waiting list when full)', params: idParams, body: registrationBody });
  r.post('/api/activities/:id/registrations', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'bookings.book');
    res.status(201).json(await activities.register(ctx.db, actorOf(req, ctx.now), id(req), parse(registrationBody, req.body ?? {}, 'body')));
  });
  documentRoute({ method: 'delete', path: '/api/registrations/:id', tag: 'activities', action: 'bookings.own', summary: 'Cancel a registration; the first on the waiting list moves up', params: idParams });
  r.delete('/api/registrations/:id', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'bookings.own');
    res.json(await activities.cancelRegistration(ctx.db, actorOf(req, ctx.now), id(req)));
  });
  return r;
}
