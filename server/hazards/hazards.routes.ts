/**
 * Hazard routes open to everyone: categories, the map layer and public list, per-area counts,
 * "nearby" duplicates, photo uploads, reports, "me too", flags, the follow-up link, a case page
 * and its photos. Staff routes are in hazard-staff.routes.ts (mounted first: fixed paths before :id).
 */
import express, { Router } from 'express';
import type { AppContext } from '../app.ts';
import { record } from '../audit/audit.service.ts';
import { authorize } from '../auth/authorize.ts';
import { actorOf, principalOf } from '../auth/principal.ts';
import { badRequest } from '../errors.ts';
import { documentRoute } from '../http/openapi.ts';
import { parse } from '../http/validate.ts';
import { caseArea, viewOf } from './hazard-access.ts';
import * as configService from './hazard-config.service.ts';
import { deviceOf } from './hazard-limits.ts';
import * as query from './hazard-query.service.ts';
import * as report from './hazard-report.service.ts';
import { IMAGE_LIMITS } from './hazard.images.ts';
import { staffRoutes } from './hazard-staff.routes.ts';
import { countsQuery, flagBody, followParams, hazardParams, listQuery, meTooBody, nearbyQuery, photoParams, reportBody, uploadJsonBody } from './hazards.schema.ts';

const TAG = 'hazards';
/** Raw photo bodies (anything but JSON, which the /api JSON parser has already read). */
const rawPhoto = express.raw({ type: (req) => !/json/i.test(String(req.headers['content-type'] ?? '')), limit: IMAGE_LIMITS.maxBytes });

export function hazardsRoutes(ctx: AppContext): Router {
  const r = Router();
  r.use(staffRoutes(ctx));
  const who = (req: express.Request, res: express.Response, deviceId?: string) => ({ actor: actorOf(req, ctx.now), device: deviceOf(req, res, deviceId) });

  documentRoute({ method: 'get', path: '/api/hazards/categories', tag: TAG, action: 'hazards.read', summary: 'Hazard categories: event class, priority, points, fields to fill in, service levels' });
  r.get('/api/hazards/categories', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'hazards.read');
    res.json({ categories: await configService.categories(ctx.db) });
  });

  documentRoute({ method: 'get', path: '/api/hazards', tag: TAG, action: 'hazards.read', summary: 'Map layer and public list: visible cases as GeoJSON points (no personal data)', query: listQuery, response: 'GeoJSON FeatureCollection + truncated' });
  r.get('/api/hazards', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'hazards.read');
    res.json(await query.layer(ctx.db, parse(listQuery, req.query), ctx.now()));
  });

  documentRoute({ method: 'get', path: '/api/hazards/counts', tag: TAG, action: 'hazards.read', summary: 'Visible cases per street, community or grid (label points)', query: countsQuery, response: 'GeoJSON FeatureCollection' });
  r.get('/api/hazards/counts', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'hazards.read');
    res.json(await query.counts(ctx.db, parse(countsQuery, req.query), ctx.now()));
  });

  documentRoute({ method: 'get', path: '/api/hazards/nearby', tag: TAG, action: 'hazards.read', summary: 'Open reports of the same category within 50 m: offer "me too" instead of a duplicate', query: nearbyQuery });
  r.get('/api/hazards/nearby', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'hazards.read');
    res.json(await query.nearby(ctx.db, parse(nearbyQuery, req.query)));
  });

  documentRoute({ method: 'post', path: '/api/hazards/uploads', tag: TAG, action: 'hazards.report', summary: 'Upload one photo (raw JPEG/PNG body ≤ 8 MB, or JSON base64): checked, metadata stripped; returns a token to attach', body: uploadJsonBody });
  r.post('/api/hazards/uploads', rawPhoto, async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'hazards.report');
    let buf: Buffer;
    let deviceId: string | undefined;
    if (Buffer.isBuffer(req.body)) buf = req.body;
    else if (req.body && typeof req.body === 'object') {
      const b = parse(uploadJsonBody, req.body, 'body');
      buf = Buffer.from(b.data, 'base64');
      deviceId = b.deviceId;
    } else throw badRequest('send the photo as the request body (image/jpeg or image/png) or as JSON { data: base64 }');
    res.status(201).json(await report.upload(ctx.db, who(req, res, deviceId), buf));
  });

  documentRoute({ method: 'post', path: '/api/hazards', tag: TAG, action: 'hazards.report', summary: 'Report a hazard (anonymous allowed, rate-limited); returns the follow-up token once', body: reportBody });
  r.post('/api/hazards', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'hazards.report');
    const body = parse(reportBody, req.body, 'body');
    res.status(201).json(await report.submit(ctx.db, who(req, res, body.deviceId), body));
  });

  documentRoute({ method: 'get', path: '/api/hazards/follow/:token', tag: TAG, action: 'hazards.read', summary: "The reporter's view of their case, by the follow-up link (no account needed)", params: followParams });
  r.get('/api/hazards/follow/:token', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'hazards.read');
    const { token } = parse(followParams, req.params, 'path');
    res.set('Cache-Control', 'no-store').json(await report.follow(ctx.db, token, ctx.now()));
  });

  documentRoute({ method: 'post', path: '/api/hazards/:id/me-too', tag: TAG, action: 'hazards.report', summary: '"Me too": add yourself to an open case instead of reporting it again', params: hazardParams, body: meTooBody });
  r.post('/api/hazards/:id/me-too', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'hazards.report');
    const { id } = parse(hazardParams, req.params, 'path');
    const body = parse(meTooBody, req.body ?? {}, 'body');
    res.json(await report.meToo(ctx.db, who(req, res, body.deviceId), id));
  });

  documentRoute({ method: 'post', path: '/api/hazards/:id/flags', tag: TAG, action: 'hazards.report', summary: 'Flag a case for moderation (abuse, personal data, spam)', params: hazardParams, body: flagBody });
  r.post('/api/hazards/:id/flags', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'hazards.report');
    const { id } = parse(hazardParams, req.params, 'path');
    const body = parse(flagBody, req.body, 'body');
    res.status(202).json(await report.flag(ctx.db, who(req, res, body.deviceId), id, body.reason));
  });

  documentRoute({ method: 'get', path: '/api/hazards/:id', tag: TAG, action: 'hazards.read', summary: 'One case with timeline and photos: public view, or with contact and notes for staff of its area (audited)', params: hazardParams });
  r.get('/api/hazards/:id', async (req, res) => {
    const p = principalOf(req);
    await authorize(ctx.db, p, 'hazards.read');
    const { id } = parse(hazardParams, req.params, 'path');
    const area = await caseArea(ctx.db, id);
    const view = await viewOf(ctx.db, p, area, id);
    if (view === 'staff') await record(ctx.db, actorOf(req, ctx.now), { action: 'hazards.read', targetType: 'hazard', targetId: id, areaId: area.grid_id });
    res.set('Cache-Control', view === 'public' ? 'no-cache' : 'no-store').json({ view, ...(await report.loadView(ctx.db, id, view, ctx.now())) });
  });

  documentRoute({ method: 'get', path: '/api/hazards/:id/photos/:photoId', tag: TAG, action: 'hazards.read', summary: 'A photo of a case (JPEG/PNG, metadata stripped)', params: photoParams, response: 'image/jpeg or image/png' });
  r.get('/api/hazards/:id/photos/:photoId', async (req, res) => {
    const p = principalOf(req);
    await authorize(ctx.db, p, 'hazards.read');
    const { id, photoId } = parse(photoParams, req.params, 'path');
    const view = await viewOf(ctx.db, p, await caseArea(ctx.db, id), id);
    const ph = await query.photo(ctx.db, id, photoId, view);
    res.set({
      'Content-Type': ph.mime,
      'Content-Disposition': `inline; filename="hazard-${id}-${photoId}.${ph.mime === 'image/png' ? 'png' : 'jpg'}"`,
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': ph.private ? 'private, no-store' : 'public, max-age=300',
      ETag: ph.etag,
    });
    res.send(ph.data);
  });
  return r;
}
