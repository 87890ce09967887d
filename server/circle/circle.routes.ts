import { Router } from 'express';
import type { AppContext } from '../app.ts';
import { authorize } from '../auth/authorize.ts';
import { actorOf, principalOf } from '../auth/principal.ts';
import { documentRoute } from '../http/openapi.ts';
import { parse } from '../http/validate.ts';
import { coverageQuery, gateBody, gateParams, isochroneQuery, poisQuery, sitingBody, walkQuery } from './circle.schema.ts';
import * as gates from './gates.service.ts';
import * as service from './circle.service.ts';

export function circleRoutes(ctx: AppContext): Router {
  const r = Router();
  documentRoute({ method: 'get', path: '/api/circle/coverage', tag: 'circle', action: 'circle.read', summary: 'Who reaches a station within the walking budget: per area and per building, network vs straight line', query: coverageQuery });
  r.get('/api/circle/coverage', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'circle.read');
    res.json(await service.coverage(ctx.db, parse(coverageQuery, req.query)));
  });
  documentRoute({ method: 'get', path: '/api/circle/isochrones', tag: 'circle', action: 'circle.read', summary: 'Walking bands (5/10/15 min) around a station, drawn from the edges actually reached', query: isochroneQuery });
  r.get('/api/circle/isochrones', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'circle.read');
    res.json(await service.isochrones(ctx.db, parse(isochroneQuery, req.query)));
  });
  documentRoute({ method: 'get', path: '/api/circle/walk', tag: 'circle', action: 'circle.read', summary: 'Walking route and time from a point to a station', query: walkQuery });
  r.get('/api/circle/walk', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'circle.read');
    res.json(await service.walk(ctx.db, parse(walkQuery, req.query)));
  });
  documentRoute({ method: 'post', path: '/api/circle/siting', tag: 'circle', action: 'circle.siting', summary: 'Choose k new stations that cover the most uncovered households (maximal covering)', body: sitingBody });
  r.post('/api/circle/siting', async (req, res) => {
    const p = principalOf(req);
    await authorize(ctx.db, p, 'circle.siting');
    const body = parse(sitingBody, req.body, 'body');
    await authorize(ctx.db, p, 'circle.siting', { areaId: body.area });
    res.json(await service.siting(ctx.db, body));
  });
  documentRoute({ method: 'get', path: '/api/circle/pois', tag: 'circle', action: 'circle.siting', summary: 'Named premises (POIs) in an area that a planner may offer as siting candidates', query: poisQuery });
  r.get('/api/circle/pois', async (req, res) => {
    const p = principalOf(req);
    await authorize(ctx.db, p, 'circle.siting');
    const q = parse(poisQuery, req.query);
    await authorize(ctx.db, p, 'circle.siting', { areaId: q.area });
    res.json(await service.pois(ctx.db, q.area));
  });
  documentRoute({ method: 'get', path: '/api/circle/gates', tag: 'circle', action: 'circle.read', summary: 'Compound gates and the daily windows they are locked' });
  r.get('/api/circle/gates', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'circle.read');
    res.json(await gates.list(ctx.db));
  });
  documentRoute({ method: 'post', path: '/api/circle/gates', tag: 'circle', action: 'circle.gates', summary: 'Mark a compound gate (on the walkable way nearest the point) closed during a daily window', body: gateBody });
  r.post('/api/circle/gates', async (req, res) => {
    const p = principalOf(req);
    await authorize(ctx.db, p, 'circle.gates');
    const body = parse(gateBody, req.body, 'body');
    const at = await gates.locate(ctx.db, body.lon, body.lat);
    await authorize(ctx.db, p, 'circle.gates', { areaId: at.grid_id ?? -1 });
    res.status(201).json(await gates.create(ctx.db, actorOf(req, ctx.now), body));
  });
  documentRoute({ method: 'delete', path: '/api/circle/gates/:id', tag: 'circle', action: 'circle.gates', summary: 'Remove a gate (audited)', params: gateParams });
  r.delete('/api/circle/gates/:id', async (req, res) => {
    const p = principalOf(req);
    await authorize(ctx.db, p, 'circle.gates');
    const { id } = parse(gateParams, req.params, 'path');
    const g = await gates.find(ctx.db, id);
    await authorize(ctx.db, p, 'circle.gates', { areaId: g.grid_id ?? -1 });
    await gates.remove(ctx.db, actorOf(req, ctx.now), g);
    res.status(204).end();
  });
  return r;
}
