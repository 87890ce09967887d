/**
 * Inventory routes: vocabulary, compounds (list, map layer, profile, create, edit), spaces (list,
 * map layer, profile 一档一册, history, register, edit), uploads and files. Fixed paths before :id.
 */
import express, { Router } from 'express';
import type { AppContext } from '../app.ts';
import { authorize } from '../auth/authorize.ts';
import { actorOf, principalOf } from '../auth/principal.ts';
import { badRequest } from '../errors.ts';
import { documentRoute } from '../http/openapi.ts';
import { parse } from '../http/validate.ts';
import { FILE_LIMITS } from './audit.files.ts';
import { authorizeArea, authorizeCompound, authorizeFile, authorizeSpace } from './audits.access.ts';
import * as inventory from './inventory.service.ts';
import { areaQuery, compoundBody, compoundParams, compoundPatchBody, fileParams, spaceBody, spaceParams, spacePatchBody, spacesQuery, uploadJsonBody, uploadQuery } from './inventory.schema.ts';
import { vocabulary } from './vocabulary.ts';
import { compoundProfile } from './profile.service.ts';
import { upload } from './uploads.service.ts';

const TAG = 'audits';
/** Raw upload bodies (anything but JSON). */
export const rawFile = express.raw({ type: (req) => !/json/i.test(String(req.headers['content-type'] ?? '')), limit: FILE_LIMITS.documentBytes });
/** The raw body, or JSON `{ data: base64 }` for small files (the JSON limit applies). */
export const bodyBuffer = (body: unknown): Buffer => {
  if (Buffer.isBuffer(body)) return body;
  if (body && typeof body === 'object') return Buffer.from(parse(uploadJsonBody, body, 'body').data, 'base64');
  throw badRequest('send the file as the raw request body (image/jpeg, image/png, application/pdf …) or as JSON { data: base64 }');
};

export function inventoryRoutes(ctx: AppContext): Router {
  const r = Router();
  const db = ctx.db;

  documentRoute({ method: 'get', path: '/api/audits/vocabulary', tag: TAG, action: 'audits.lead', summary: 'Kinds, statuses, steps, finding outcomes, compound types, region rules, income categories (zh + colours)' });
  r.get('/api/audits/vocabulary', async (req, res) => {
    await authorize(db, principalOf(req), 'audits.lead');
    res.json(vocabulary());
  });

  documentRoute({ method: 'get', path: '/api/audits/compounds', tag: TAG, action: 'audits.read', summary: 'Compounds (小区) in an area with households and space counts', query: areaQuery });
  r.get('/api/audits/compounds', async (req, res) => {
    await authorize(db, principalOf(req), 'audits.read');
    const q = parse(areaQuery, req.query);
    await authorizeArea(db, principalOf(req), 'audits.read', q.area);
    res.json(await inventory.listCompounds(db, q.area));
  });

  documentRoute({ method: 'get', path: '/api/audits/compounds/layer', tag: TAG, action: 'audits.read', summary: 'Compound outlines in an area as GeoJSON', query: areaQuery, response: 'GeoJSON FeatureCollection' });
  r.get('/api/audits/compounds/layer', async (req, res) => {
    await authorize(db, principalOf(req), 'audits.read');
    const q = parse(areaQuery, req.query);
    await authorizeArea(db, principalOf(req), 'audits.read', q.area);
    res.json(await inventory.compoundLayer(db, q.area));
  });

  documentRoute({ method: 'post', path: '/api/audits/compounds', tag: TAG, action: 'audits.manage', summary: 'Register a compound; its community comes from the outline', body: compoundBody });
  r.post('/api/audits/compounds', async (req, res) => {
    await authorize(db, principalOf(req), 'audits.manage');
    res.status(201).json(await inventory.createCompound(db, actorOf(req, ctx.now), parse(compoundBody, req.body, 'body')));
  });

  documentRoute({ method: 'get', path: '/api/audits/compounds/:id', tag: TAG, action: 'audits.read', summary: 'A compound: outline, households, spaces, standards check, income summary', params: compoundParams });
  r.get('/api/audits/compounds/:id', async (req, res) => {
    await authorize(db, principalOf(req), 'audits.read');
    const { id } = parse(compoundParams, req.params, 'path');
    await authorizeCompound(db, principalOf(req), 'audits.read', id);
    res.json(await compoundProfile(db, id));
  });

  documentRoute({ method: 'patch', path: '/api/audits/compounds/:id', tag: TAG, action: 'audits.manage', summary: 'Edit a compound (type, companies, floor areas, region rule)', params: compoundParams, body: compoundPatchBody });
  r.patch('/api/audits/compounds/:id', async (req, res) => {
    await authorize(db, principalOf(req), 'audits.manage');
    const { id } = parse(compoundParams, req.params, 'path');
    res.json(await inventory.patchCompound(db, actorOf(req, ctx.now), id, parse(compoundPatchBody, req.body, 'body')));
  });

  documentRoute({ method: 'get', path: '/api/audits/spaces', tag: TAG, action: 'audits.read', summary: 'Spaces in an area (list view), filtered by kind, status, compound, campaign', query: spacesQuery });
  r.get('/api/audits/spaces', async (req, res) => {
    await authorize(db, principalOf(req), 'audits.read');
    const q = parse(spacesQuery, req.query);
    await authorizeArea(db, principalOf(req), 'audits.read', q.area);
    res.json(await inventory.listSpaces(db, q));
  });

  documentRoute({ method: 'get', path: '/api/audits/spaces/layer', tag: TAG, action: 'audits.read', summary: 'Map layer: spaces as GeoJSON points with kind, status and colour', query: spacesQuery, response: 'GeoJSON FeatureCollection' });
  r.get('/api/audits/spaces/layer', async (req, res) => {
    await authorize(db, principalOf(req), 'audits.read');
    const q = parse(spacesQuery, req.query);
    await authorizeArea(db, principalOf(req), 'audits.read', q.area);
    res.json(await inventory.spaceLayer(db, q));
  });

  documentRoute({ method: 'post', path: '/api/audits/spaces', tag: TAG, action: 'audits.manage', summary: 'Register a space inside its compound (422 when outside)', body: spaceBody });
  r.post('/api/audits/spaces', async (req, res) => {
    await authorize(db, principalOf(req), 'audits.manage');
    res.status(201).json(await inventory.createSpace(db, actorOf(req, ctx.now), parse(spaceBody, req.body, 'body')));
  });

  documentRoute({ method: 'get', path: '/api/audits/spaces/:id', tag: TAG, action: 'audits.read', summary: 'Profile of a space (一档一册): resources, place, demand around it, files, history', params: spaceParams });
  r.get('/api/audits/spaces/:id', async (req, res) => {
    await authorize(db, principalOf(req), 'audits.read');
    const { id } = parse(spaceParams, req.params, 'path');
    await authorizeSpace(db, principalOf(req), 'audits.read', id);
    res.json(await inventory.spaceProfile(db, id));
  });

  documentRoute({ method: 'patch', path: '/api/audits/spaces/:id', tag: TAG, action: 'audits.manage', summary: 'Edit a space (version required; 409 when stale); appended to its history', params: spaceParams, body: spacePatchBody });
  r.patch('/api/audits/spaces/:id', async (req, res) => {
    await authorize(db, principalOf(req), 'audits.manage');
    const { id } = parse(spaceParams, req.params, 'path');
    res.json(await inventory.patchSpace(db, actorOf(req, ctx.now), id, parse(spacePatchBody, req.body, 'body')));
  });

  documentRoute({ method: 'get', path: '/api/audits/spaces/:id/history', tag: TAG, action: 'audits.read', summary: 'The append-only history of a space: every step, who, when, what, evidence, corrections', params: spaceParams });
  r.get('/api/audits/spaces/:id/history', async (req, res) => {
    await authorize(db, principalOf(req), 'audits.read');
    const { id } = parse(spaceParams, req.params, 'path');
    await authorizeSpace(db, principalOf(req), 'audits.read', id);
    res.json(await inventory.history(db, id));
  });

  documentRoute({ method: 'post', path: '/api/audits/uploads', tag: TAG, action: 'audits.manage', summary: 'Upload a photo (re-encoded JPEG ≤ 1600 px, EXIF removed) or a PDF (≤ 10 MB) as the raw body (or JSON base64); returns a token', query: uploadQuery, body: uploadJsonBody });
  r.post('/api/audits/uploads', rawFile, async (req, res) => {
    await authorize(db, principalOf(req), 'audits.manage');
    const q = parse(uploadQuery, req.query);
    res.status(201).json(await upload(db, actorOf(req, ctx.now), bodyBuffer(req.body), q.kind));
  });

  documentRoute({ method: 'get', path: '/api/audits/files/:id', tag: TAG, action: 'audits.read', summary: 'An attached photo (JPEG) or document (PDF)', params: fileParams, response: 'image/jpeg or application/pdf' });
  r.get('/api/audits/files/:id', async (req, res) => {
    await authorize(db, principalOf(req), 'audits.read');
    const { id } = parse(fileParams, req.params, 'path');
    const f = await authorizeFile(db, principalOf(req), 'audits.read', id);
    res.set({
      'Content-Type': f.mime,
      'Content-Disposition': `${f.mime === 'application/pdf' ? 'attachment' : 'inline'}; filename="audit-file-${f.id}.${f.mime === 'application/pdf' ? 'pdf' : 'jpg'}"`,
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, no-store',
      ETag: `"${f.sha256}"`,
    });
    res.send(f.data);
  });
  return r;
}
