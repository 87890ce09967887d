import express, { Router } from 'express';
import type { AppContext } from '../app.ts';
import { authorize } from '../auth/authorize.ts';
import { actorOf, principalOf } from '../auth/principal.ts';
import { documentRoute } from '../http/openapi.ts';
import { sendJsonNoEtag } from '../http/send-json.ts';
import { parse } from '../http/validate.ts';
import { bookingsRoutes } from './bookings.routes.ts';
import * as finder from './finder.service.ts';
import { KIND_NAMES, PLACE_KINDS, RIDER_SERVICES, SERVICE_NAMES, SERVICES } from './places.constants.ts';
import { PLACE_PHOTO_LIMITS } from './place-photos.image.ts';
import * as photos from './place-photos.service.ts';
import * as importer from './places.import.ts';
import { createPlaceBody, importBody, nearestQuery, patchPlaceBody, photoParams, placeParams, placeQuery } from './places.schema.ts';
import * as service from './places.service.ts';

/** A photo arrives as the raw request body (any type but JSON; the content decides what it is). */
const rawPhoto = express.raw({ type: (req) => !/json/i.test(String(req.headers['content-type'] ?? '')), limit: PLACE_PHOTO_LIMITS.maxBytes });

/** Places, the finder, rooms, bookings and activities (issue 6): one router for app.ts. */
export function placesRoutes(ctx: AppContext): Router {
  const r = Router();
  documentRoute({ method: 'get', path: '/api/places/vocabulary', tag: 'places', action: 'places.read', summary: 'Place kinds and services with their Chinese and English names' });
  r.get('/api/places/vocabulary', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'places.read');
    res.set('Cache-Control', 'public, max-age=3600').json({
      kinds: PLACE_KINDS.map((key) => ({ key, ...KIND_NAMES[key] })),
      services: SERVICES.map((key) => ({ key, ...SERVICE_NAMES[key] })),
      riderServices: RIDER_SERVICES,
    });
  });
  documentRoute({ method: 'get', path: '/api/places/nearest', tag: 'places', action: 'places.read', summary: 'Nearest places by walking distance on the network, with filters, hours and routes (navigation links with links=true)', query: nearestQuery });
  r.get('/api/places/nearest', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'places.read');
    sendJsonNoEtag(res, await finder.nearest(ctx.db, parse(nearestQuery, req.query), ctx.now(), ctx.config.finderPlacesMaxAgeMs));
  });
  documentRoute({ method: 'post', path: '/api/places/import/preview', tag: 'places', action: 'places.manage', summary: 'Where each CSV/XLSX row would land (WGS84), its area and its problems; writes nothing', body: importBody });
  r.post('/api/places/import/preview', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'places.manage');
    const { writes: _w, ...out } = await importer.preview(ctx.db, principalOf(req), parse(importBody, req.body, 'body'));
    res.json(out);
  });
  documentRoute({ method: 'post', path: '/api/places/import', tag: 'places', action: 'places.manage', summary: 'Import places from CSV/XLSX in one transaction (all rows or none)', body: importBody });
  r.post('/api/places/import', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'places.manage');
    res.status(201).json(await importer.commit(ctx.db, actorOf(req, ctx.now), parse(importBody, req.body, 'body')));
  });
  documentRoute({ method: 'post', path: '/api/places', tag: 'places', action: 'places.manage', summary: 'Add a place (coordinates may be GCJ-02 or BD-09)', body: createPlaceBody });
  r.post('/api/places', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'places.manage');
    res.status(201).json(await service.createPlace(ctx.db, actorOf(req, ctx.now), parse(createPlaceBody, req.body, 'body')));
  });
  documentRoute({ method: 'get', path: '/api/places/:id', tag: 'places', action: 'places.read', summary: 'The place page: services, hours, open now, next opening, rooms, activities, photos, contact, navigation links', params: placeParams, query: placeQuery });
  r.get('/api/places/:id', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'places.read');
    const { id } = parse(placeParams, req.params, 'path');
    const { at } = parse(placeQuery, req.query);
    res.json(await service.getPlace(ctx.db, id, at ?? ctx.now()));
  });
  documentRoute({ method: 'patch', path: '/api/places/:id', tag: 'places', action: 'places.manage', summary: 'Edit a place; `version` must be the current one (409 otherwise); the old row is kept', params: placeParams, body: patchPlaceBody });
  r.patch('/api/places/:id', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'places.manage');
    const { id } = parse(placeParams, req.params, 'path');
    res.json(await service.patchPlace(ctx.db, actorOf(req, ctx.now), id, parse(patchPlaceBody, req.body, 'body')));
  });
  documentRoute({ method: 'get', path: '/api/places/:id/history', tag: 'places', action: 'places.manage', summary: 'Earlier versions of a place, newest first', params: placeParams });
  r.get('/api/places/:id/history', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'places.manage');
    const { id } = parse(placeParams, req.params, 'path');
    res.json(await service.placeHistory(ctx.db, principalOf(req), id));
  });
  documentRoute({ method: 'post', path: '/api/places/:id/photos', tag: 'places', action: 'places.manage', summary: 'Upload a photo of a place (raw JPEG/PNG/WebP body ≤ 10 MB): decoded, re-encoded as JPEG ≤ 1600 px without metadata, listed on the place', params: placeParams });
  r.post('/api/places/:id/photos', rawPhoto, async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'places.manage');
    const { id } = parse(placeParams, req.params, 'path');
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    res.status(201).json(await photos.uploadPhoto(ctx.db, actorOf(req, ctx.now), id, body));
  });
  documentRoute({ method: 'get', path: '/api/places/:id/photos/:photoId', tag: 'places', action: 'places.read', summary: 'A stored place photo (image/jpeg)', params: photoParams });
  r.get('/api/places/:id/photos/:photoId', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'places.read');
    const { id, photoId } = parse(photoParams, req.params, 'path');
    const p = await photos.photo(ctx.db, id, photoId);
    res.type('image/jpeg').set({ 'Cache-Control': 'public, max-age=86400, immutable', ETag: `"${p.sha256}"`, 'Content-Disposition': 'inline' }).send(p.data);
  });
  r.use(bookingsRoutes(ctx));
  return r;
}
