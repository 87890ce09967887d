import { Router } from 'express';
import { sql } from 'kysely';
import type { AppContext } from '../app.ts';
import { authorize } from '../auth/authorize.ts';
import { principalOf } from '../auth/principal.ts';
import { migrationStatus } from '../db/migrate.ts';
import { documentRoute } from '../http/openapi.ts';

export function healthRoutes(ctx: AppContext): Router {
  const r = Router();
  documentRoute({ method: 'get', path: '/api/health', tag: 'system', action: 'system.read', summary: 'Backend, PostgreSQL and PostGIS versions, migration state' });
  r.get('/api/health', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'system.read');
    const v = await sql<{ pg: string; postgis: string }>`select current_setting('server_version') as pg, postgis_lib_version() as postgis`.execute(ctx.db);
    const m = await migrationStatus(ctx.db);
    res.json({
      ok: m.pending.length === 0,
      backend: ctx.backend,
      postgres: v.rows[0].pg,
      postgis: v.rows[0].postgis,
      migrations: { current: m.pending.length === 0, applied: m.applied, pending: m.pending },
    });
  });
  documentRoute({ method: 'get', path: '/api/meta', tag: 'system', action: 'system.read', summary: 'Dataset extent, attribution, household bands, optional base map' });
  r.get('/api/meta', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'system.read');
    const e = await sql<{ w: number; s: number; e: number; n: number }>`
      select ST_XMin(x) w, ST_YMin(x) s, ST_XMax(x) e, ST_YMax(x) n from (select ST_Extent(geom)::geometry x from areas where level = 'street') t`.execute(ctx.db);
    const b = e.rows[0];
    const bbox = b && b.w !== null ? [b.w, b.s, b.e, b.n] : [121.4802, 31.2264, 121.5209, 31.251];
    res.json({
      name: '幸福家园',
      bbox,
      center: [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2],
      attribution: '© OpenStreetMap contributors',
      bands: { grid: ctx.config.gridBand, unit: ctx.config.unitBand },
      basemapUrl: ctx.config.basemapUrl,
    });
  });
  return r;
}
