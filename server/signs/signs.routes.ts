import { Router } from 'express';
import type { AppContext } from '../app.ts';
import { areaParams } from '../areas/areas.schema.ts';
import { authorize } from '../auth/authorize.ts';
import { principalOf } from '../auth/principal.ts';
import { documentRoute } from '../http/openapi.ts';
import { parse } from '../http/validate.ts';
import { signsPdf } from './signs.service.ts';

export function signsRoutes(ctx: AppContext): Router {
  const r = Router();
  // 一牌四公开 is public by design: the sign hangs in the street with the grid worker's phone on it.
  documentRoute({ method: 'get', path: '/api/areas/:id/signs.pdf', tag: 'areas', action: 'areas.read', summary: 'Printable A4 grid sign (一牌四公开) for a grid, or one page per grid of a community, with a QR code to the grid page', params: areaParams, response: 'application/pdf' });
  r.get('/api/areas/:id/signs.pdf', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'areas.read');
    const { id } = parse(areaParams, req.params, 'path');
    const base = ctx.config.publicUrl ?? `${req.protocol}://${req.get('host')}`;
    const out = await signsPdf(ctx.db, id, base, ctx.now());
    res.type('application/pdf').set('Content-Disposition', `inline; filename="${out.filename}"`).set('X-Grid-Count', String(out.grids)).send(out.pdf);
  });
  return r;
}
