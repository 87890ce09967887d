import { Router } from 'express';
import type { AppContext } from '../app.ts';
import { authorize } from '../auth/authorize.ts';
import { principalOf } from '../auth/principal.ts';
import { documentRoute } from '../http/openapi.ts';
import { parse } from '../http/validate.ts';
import { areaParams, listAreasQuery } from './areas.schema.ts';
import * as service from './areas.service.ts';

export function areasRoutes(ctx: AppContext): Router {
  const r = Router();
  documentRoute({ method: 'get', path: '/api/areas', tag: 'areas', action: 'areas.read', summary: 'Areas of one level or children of one parent, as GeoJSON', query: listAreasQuery, response: 'GeoJSON FeatureCollection' });
  r.get('/api/areas', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'areas.read');
    const q = parse(listAreasQuery, req.query);
    res.json(await service.listAreas(ctx.db, ctx.config, q));
  });
  documentRoute({ method: 'get', path: '/api/areas/:id', tag: 'areas', action: 'areas.read', summary: 'One area with breadcrumbs, children, totals and responsible people', params: areaParams });
  r.get('/api/areas/:id', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'areas.read');
    const { id } = parse(areaParams, req.params, 'path');
    res.json(await service.getArea(ctx.db, ctx.config, id));
  });
  return r;
}
