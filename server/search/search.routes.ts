import { Router } from 'express';
import type { AppContext } from '../app.ts';
import { authorize } from '../auth/authorize.ts';
import { principalOf } from '../auth/principal.ts';
import { documentRoute } from '../http/openapi.ts';
import { parse } from '../http/validate.ts';
import { search } from './search.repository.ts';
import { searchQuery } from './search.schema.ts';

export function searchRoutes(ctx: AppContext): Router {
  const r = Router();
  documentRoute({ method: 'get', path: '/api/search', tag: 'search', action: 'search.read', summary: 'Areas, buildings and places by name, code or address', query: searchQuery });
  r.get('/api/search', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'search.read');
    const { q, limit } = parse(searchQuery, req.query);
    const rows = await search(ctx.db, q, limit);
    res.json({
      results: rows.map((r) => ({
        type: r.type,
        id: r.id,
        name: r.name,
        ...(r.code ? { code: r.code } : {}),
        ...(r.level ? { level: r.level } : {}),
        ...(r.kind ? { kind: r.kind } : {}),
        ...(r.address ? { address: r.address } : {}),
        center: r.center.coordinates,
        ...(r.bbox ? { bbox: r.bbox } : {}),
      })),
    });
  });
  return r;
}
