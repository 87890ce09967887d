/** Grid planning routes (issue 8): drafts, proposals, validation, publish, history, diff, export, import. */
import { Router, type Response } from 'express';
import type { AppContext } from '../app.ts';
import { authorize } from '../auth/authorize.ts';
import type { Action } from '../auth/permissions.ts';
import { actorOf, principalOf } from '../auth/principal.ts';
import { documentRoute } from '../http/openapi.ts';
import { parse } from '../http/validate.ts';
import * as drafts from './drafts.service.ts';
import * as exports from './export.service.ts';
import * as history from './history.service.ts';
import { importCsv } from './import.service.ts';
import * as s from './planning.schema.ts';
import { propose } from './propose.service.ts';
import { publishDraft, rollback } from './publish.service.ts';

const TAG = 'planning';

function send(res: Response, file: exports.ExportFile) {
  res.setHeader('content-type', file.contentType);
  res.setHeader('content-disposition', `attachment; filename="${file.filename}"`);
  res.send(file.body);
}

export function planningRoutes(ctx: AppContext): Router {
  const r = Router();
  const { db, config } = ctx;
  const doc = (method: 'get' | 'post' | 'put' | 'patch', path: string, action: Action, summary: string, extra: Partial<Parameters<typeof documentRoute>[0]> = {}) =>
    documentRoute({ method, path, tag: TAG, action, summary, ...extra });

  doc('get', '/api/planning/drafts', 'planning.read', 'Plan drafts of a community or street (and of its communities)', { query: s.listDraftsQuery });
  r.get('/api/planning/drafts', async (req, res) => {
    await authorize(db, principalOf(req), 'planning.read');
    res.json(await drafts.listDrafts(db, principalOf(req), parse(s.listDraftsQuery, req.query).area));
  });
  doc('post', '/api/planning/drafts', 'planning.edit', 'Open a draft for a community or street, initialised from the live grids', { body: s.createDraftBody });
  r.post('/api/planning/drafts', async (req, res) => {
    await authorize(db, principalOf(req), 'planning.edit');
    res.status(201).json(await drafts.openDraft(db, actorOf(req, ctx.now), parse(s.createDraftBody, req.body, 'body')));
  });
  doc('get', '/api/planning/drafts/:id', 'planning.read', 'A draft version: unit cells, assignment, per-grid measures against the band', { params: s.draftParams, query: s.getDraftQuery });
  r.get('/api/planning/drafts/:id', async (req, res) => {
    await authorize(db, principalOf(req), 'planning.read');
    const { id } = parse(s.draftParams, req.params, 'path');
    res.json(await drafts.getDraft(db, config, principalOf(req), id, parse(s.getDraftQuery, req.query)));
  });
  doc('put', '/api/planning/drafts/:id', 'planning.edit', 'Save the whole plan as a new version (409 when baseVersion is not the head)', { params: s.draftParams, body: s.saveDraftBody });
  r.put('/api/planning/drafts/:id', async (req, res) => {
    await authorize(db, principalOf(req), 'planning.edit');
    const { id } = parse(s.draftParams, req.params, 'path');
    res.status(201).json(await drafts.saveDraft(db, actorOf(req, ctx.now), id, parse(s.saveDraftBody, req.body, 'body')));
  });
  doc('patch', '/api/planning/drafts/:id', 'planning.edit', 'Save changed units as a new version (409 when baseVersion is not the head)', { params: s.draftParams, body: s.patchDraftBody });
  r.patch('/api/planning/drafts/:id', async (req, res) => {
    await authorize(db, principalOf(req), 'planning.edit');
    const { id } = parse(s.draftParams, req.params, 'path');
    res.status(201).json(await drafts.patchDraft(db, actorOf(req, ctx.now), id, parse(s.patchDraftBody, req.body, 'body')));
  });
  doc('get', '/api/planning/drafts/:id/versions', 'planning.read', 'The versions of a draft, newest first', { params: s.draftParams });
  r.get('/api/planning/drafts/:id/versions', async (req, res) => {
    await authorize(db, principalOf(req), 'planning.read');
    res.json(await drafts.listVersions(db, principalOf(req), parse(s.draftParams, req.params, 'path').id));
  });
  doc('get', '/api/planning/drafts/:id/versions/:version/validation', 'planning.read', 'Band, contiguity, compactness, unassigned units and units outside 20–30 of a draft version', { params: s.versionParams, query: s.validateQuery });
  r.get('/api/planning/drafts/:id/versions/:version/validation', async (req, res) => {
    await authorize(db, principalOf(req), 'planning.read');
    const { id, version } = parse(s.versionParams, req.params, 'path');
    res.json(await drafts.validateVersion(db, config, principalOf(req), id, version, parse(s.validateQuery, req.query).band));
  });
  doc('post', '/api/planning/drafts/:id/propose', 'planning.edit', 'Propose grids (fresh or least change) into a new draft version; 422 explains an infeasible input', { params: s.draftParams, body: s.proposeBody });
  r.post('/api/planning/drafts/:id/propose', async (req, res) => {
    await authorize(db, principalOf(req), 'planning.edit');
    const { id } = parse(s.draftParams, req.params, 'path');
    res.status(201).json(await propose(db, config, actorOf(req, ctx.now), id, parse(s.proposeBody, req.body, 'body')));
  });
  doc('get', '/api/planning/drafts/:id/diff', 'planning.read', 'A draft version against the live grids: boundaries, moved units and households, people to reassign', { params: s.draftParams, query: s.draftDiffQuery });
  r.get('/api/planning/drafts/:id/diff', async (req, res) => {
    await authorize(db, principalOf(req), 'planning.read');
    const { id } = parse(s.draftParams, req.params, 'path');
    res.json(await history.diffDraft(db, principalOf(req), id, parse(s.draftDiffQuery, req.query).version));
  });
  doc('post', '/api/planning/drafts/:id/publish', 'planning.publish', 'Publish the head version: replaces the live grids in one transaction (422 lists what blocks it)', { params: s.draftParams, body: s.publishBody });
  r.post('/api/planning/drafts/:id/publish', async (req, res) => {
    await authorize(db, principalOf(req), 'planning.publish');
    const { id } = parse(s.draftParams, req.params, 'path');
    res.json(await publishDraft(db, config, actorOf(req, ctx.now), id, parse(s.publishBody, req.body, 'body')));
  });
  doc('get', '/api/planning/drafts/:id/export', 'planning.read', 'A draft version as GeoJSON, zipped Shapefile, GeoPackage, CSV (unit → grid) or XLSX summary', { params: s.draftParams, query: s.exportQuery, response: 'file' });
  r.get('/api/planning/drafts/:id/export', async (req, res) => {
    await authorize(db, principalOf(req), 'planning.read');
    const { id } = parse(s.draftParams, req.params, 'path');
    send(res, await exports.exportDraft(db, config, principalOf(req), id, parse(s.exportQuery, req.query)));
  });
  doc('post', '/api/planning/imports', 'planning.edit', 'A unit code → grid CSV as a new draft (422 names the bad row)', { body: s.importBody });
  r.post('/api/planning/imports', async (req, res) => {
    await authorize(db, principalOf(req), 'planning.edit');
    res.status(201).json(await importCsv(db, actorOf(req, ctx.now), parse(s.importBody, req.body, 'body')));
  });
  doc('get', '/api/planning/communities/:id/versions', 'planning.read', 'Published versions of a community\'s grids with validity periods', { params: s.areaParams });
  r.get('/api/planning/communities/:id/versions', async (req, res) => {
    await authorize(db, principalOf(req), 'planning.read');
    res.json(await history.listVersions(db, principalOf(req), parse(s.areaParams, req.params, 'path').id));
  });
  doc('get', '/api/planning/communities/:id/versions/:version', 'planning.read', 'The grids of a published version as GeoJSON', { params: s.versionParams, response: 'GeoJSON FeatureCollection' });
  r.get('/api/planning/communities/:id/versions/:version', async (req, res) => {
    await authorize(db, principalOf(req), 'planning.read');
    const { id, version } = parse(s.versionParams, req.params, 'path');
    res.json(await history.getVersion(db, principalOf(req), id, version));
  });
  doc('get', '/api/planning/communities/:id/versions/:version/export', 'planning.read', 'A published version as GeoJSON, zipped Shapefile, GeoPackage, CSV or XLSX', { params: s.versionParams, query: s.publishedExportQuery, response: 'file' });
  r.get('/api/planning/communities/:id/versions/:version/export', async (req, res) => {
    await authorize(db, principalOf(req), 'planning.read');
    const { id, version } = parse(s.versionParams, req.params, 'path');
    send(res, await exports.exportPublished(db, principalOf(req), id, version, parse(s.publishedExportQuery, req.query).format));
  });
  doc('post', '/api/planning/communities/:id/versions/:version/rollback', 'planning.publish', 'Publish an old version again as a new version', { params: s.versionParams, body: s.rollbackBody });
  r.post('/api/planning/communities/:id/versions/:version/rollback', async (req, res) => {
    await authorize(db, principalOf(req), 'planning.publish');
    const { id, version } = parse(s.versionParams, req.params, 'path');
    res.json(await rollback(db, actorOf(req, ctx.now), id, version, parse(s.rollbackBody, req.body ?? {}, 'body').reason));
  });
  doc('get', '/api/planning/communities/:id/diff', 'planning.read', 'Two published versions (default: the live one and the one before): boundaries, moved households, people to reassign', { params: s.areaParams, query: s.diffQuery });
  r.get('/api/planning/communities/:id/diff', async (req, res) => {
    await authorize(db, principalOf(req), 'planning.read');
    res.json(await history.diffVersions(db, principalOf(req), parse(s.areaParams, req.params, 'path').id, parse(s.diffQuery, req.query)));
  });
  return r;
}
