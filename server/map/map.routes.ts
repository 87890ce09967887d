import { Router } from 'express';
import type { AppContext } from '../app.ts';
import { authorize } from '../auth/authorize.ts';
import { principalOf } from '../auth/principal.ts';
import { documentRoute } from '../http/openapi.ts';
import { parse } from '../http/validate.ts';
import { mapLayerParams, mapLayerQuery } from './map.schema.ts';
import { layer } from './map.service.ts';

export function mapRoutes(ctx: AppContext): Router {
  const r = Router();
  documentRoute({ method: 'get', path: '/api/map/:layer', tag: 'map', action: 'map.read', summary: 'Base-map and feature layers (buildings, roads, basemap, places) as GeoJSON by bbox', params: mapLayerParams, query: mapLayerQuery });
  r.get('/api/map/:layer', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'map.read');
    const { layer: name } = parse(mapLayerParams, req.params, 'path');
    const q = parse(mapLayerQuery, req.query);
    res.json(await layer(ctx.db, name, q));
  });
  return r;
}
