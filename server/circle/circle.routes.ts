import { Router } from 'express';
import type { AppContext } from '../app.ts';
import { authorize } from '../auth/authorize.ts';
import { principalOf } from '../auth/principal.ts';
import { documentRoute } from '../http/openapi.ts';
import { parse } from '../http/validate.ts';
import { coverageQuery, isochroneQuery, sitingBody, walkQuery } from './circle.schema.ts';
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
  return r;
}
