/**
 * Express assembly: security headers, CORS, CSRF, the session, routes per domain, the built web
 * client, one error handler.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import type { Backend } from './db/database.ts';
import type { DB } from './db/types.ts';
import { notFound } from './errors.ts';
import { areasRoutes } from './areas/areas.routes.ts';
import { auditsRoutes } from './audits/audits.routes.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { authorize } from './auth/authorize.ts';
import { principalOf } from './auth/principal.ts';
import { sessionMiddleware } from './auth/session.middleware.ts';
import { householdsRoutes } from './households/households.routes.ts';
import { healthRoutes } from './health/health.routes.ts';
import { errorHandler } from './http/error-handler.ts';
import { documentRoute, openApiDocument } from './http/openapi.ts';
import { gated } from './http/path-gate.ts';
import { cors, csrf, securityHeaders } from './http/security.ts';
import { mapRoutes } from './map/map.routes.ts';
import { circleRoutes } from './circle/circle.routes.ts';
import { hazardsRoutes } from './hazards/hazards.routes.ts';
import { open311Routes } from './open311/open311.routes.ts';
import { placesRoutes } from './places/places.routes.ts';
import { planningRoutes } from './planning/planning.routes.ts';
import { searchRoutes } from './search/search.routes.ts';
import { signsRoutes } from './signs/signs.routes.ts';
import { usersRoutes } from './users/users.routes.ts';

export interface AppContext {
  config: Config;
  db: Kysely<DB>;
  backend: Backend;
  /** The clock for sessions, log-in limits and the audit log (injectable for tests). */
  now: () => Date;
}

export function createApp(init: Omit<AppContext, 'now'> & { now?: () => Date }): Express {
  const ctx: AppContext = { ...init, now: init.now ?? (() => new Date()) };
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', ctx.config.trustProxy);
  app.use(securityHeaders(ctx.config));
  if (ctx.config.logRequests) {
    app.use((req, res, next) => {
      const t = performance.now();
      res.on('finish', () => console.log(`${req.method} ${req.originalUrl} ${res.statusCode} ${(performance.now() - t).toFixed(1)}ms`));
      next();
    });
  }
  app.use('/api', cors(ctx.config), csrf(ctx.config), express.json({ limit: ctx.config.jsonLimitBytes }), sessionMiddleware(ctx));
  // Each domain router is entered only for its own paths (server/http/path-gate.ts).
  const domains = [healthRoutes, authRoutes, usersRoutes, householdsRoutes, auditRoutes, areasRoutes, signsRoutes, searchRoutes,
    mapRoutes, circleRoutes, hazardsRoutes, placesRoutes, auditsRoutes, planningRoutes];
  for (const routes of domains) app.use(gated(routes(ctx)));
  documentRoute({ method: 'get', path: '/api/openapi.json', tag: 'system', action: 'system.read', summary: 'This OpenAPI 3.1 document' });
  app.get('/api/openapi.json', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'system.read');
    res.json(openApiDocument());
  });
  app.use('/api', (req) => {
    throw notFound(`no API route ${req.method} ${req.originalUrl}`);
  });
  app.use(open311Routes(ctx));
  const index = path.join(ctx.config.webDir, 'index.html');
  if (fs.existsSync(index)) {
    app.use(express.static(ctx.config.webDir, { index: false, maxAge: '1h' }));
    app.get(/^(?!\/api\/).*/, (_req, res) => {
      res.sendFile(index);
    });
  }
  app.use(errorHandler);
  return app;
}
