import { Router } from 'express';
import type { AppContext } from '../app.ts';
import { authorize } from '../auth/authorize.ts';
import { actorOf, principalOf } from '../auth/principal.ts';
import { documentRoute } from '../http/openapi.ts';
import { parse } from '../http/validate.ts';
import { listAuditQuery } from './audit.schema.ts';
import { list, record } from './audit.service.ts';

export function auditRoutes(ctx: AppContext): Router {
  const r = Router();
  documentRoute({ method: 'get', path: '/api/audit', tag: 'audit', action: 'audit.read', summary: 'The audit log of an area and below, newest first (reading it is audited too)', query: listAuditQuery });
  r.get('/api/audit', async (req, res) => {
    const p = principalOf(req);
    await authorize(ctx.db, p, 'audit.read');
    const q = parse(listAuditQuery, req.query);
    await authorize(ctx.db, p, 'audit.read', q.area === undefined ? { everywhere: true } : { areaId: q.area });
    const result = await list(ctx.db, q);
    await record(ctx.db, actorOf(req, ctx.now), { action: 'audit.read', targetType: 'area', targetId: q.area, areaId: q.area ?? null, details: { count: result.entries.length } });
    res.set('Cache-Control', 'no-store').json(result);
  });
  return r;
}
