import { Router } from 'express';
import type { AppContext } from '../app.ts';
import { allows, authorize } from '../auth/authorize.ts';
import { actorOf, principalOf } from '../auth/principal.ts';
import { documentRoute } from '../http/openapi.ts';
import { parse } from '../http/validate.ts';
import { areaParams, householdParams, listHouseholdsQuery } from './households.schema.ts';
import * as service from './households.service.ts';

export function householdsRoutes(ctx: AppContext): Router {
  const r = Router();
  documentRoute({ method: 'get', path: '/api/areas/:id/households', tag: 'households', action: 'households.read', summary: 'Households of an area with members, phones and special groups (staff of the area; audited)', params: areaParams, query: listHouseholdsQuery });
  r.get('/api/areas/:id/households', async (req, res) => {
    const p = principalOf(req);
    await authorize(ctx.db, p, 'households.read');
    const { id } = parse(areaParams, req.params, 'path');
    const q = parse(listHouseholdsQuery, req.query);
    await authorize(ctx.db, p, 'households.read', { areaId: id });
    res.set('Cache-Control', 'no-store').json(await service.listInArea(ctx.db, actorOf(req, ctx.now), id, q));
  });

  documentRoute({ method: 'get', path: '/api/households/:id', tag: 'households', action: 'households.read', summary: 'One household with members (staff of its area, or the resident; audited)', params: householdParams });
  r.get('/api/households/:id', async (req, res) => {
    const p = principalOf(req);
    await authorize(ctx.db, p, 'households.read');
    const { id } = parse(householdParams, req.params, 'path');
    await authorize(ctx.db, p, 'households.read', { householdId: id });
    res.set('Cache-Control', 'no-store').json(await service.getOne(ctx.db, actorOf(req, ctx.now), id));
  });

  documentRoute({ method: 'get', path: '/api/areas/:id/stats', tag: 'households', action: 'stats.read', summary: 'Households, population and special groups of an area (counts below 5 as "<5" unless staff of the area)', params: areaParams });
  r.get('/api/areas/:id/stats', async (req, res) => {
    const p = principalOf(req);
    await authorize(ctx.db, p, 'stats.read');
    const { id } = parse(areaParams, req.params, 'path');
    await authorize(ctx.db, p, 'stats.read', { areaId: id });
    const exact = p.user !== null && (await allows(ctx.db, p, 'stats.exact', { areaId: id }));
    res.json(await service.stats(ctx.db, id, exact));
  });
  return r;
}
