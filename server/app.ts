/**
 * Express assembly: routes per domain, the built web client, one error handler.
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
import { healthRoutes } from './health/health.routes.ts';
import { errorHandler } from './http/error-handler.ts';
import { openApiDocument } from './http/openapi.ts';
import { mapRoutes } from './map/map.routes.ts';
import { searchRoutes } from './search/search.routes.ts';

export interface AppContext {
  config: Config;
  db: Kysely<DB>;
  backend: Backend;
}

export function createApp(ctx: AppContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(express.json({ limit: '1mb' }));
  if (ctx.config.logRequests) {
    app.use((req, res, next) => {
      const t = performance.now();
      res.on('finish', () => console.log(`${req.method} ${req.originalUrl} ${res.statusCode} ${(performance.now() - t).toFixed(1)}ms`));
      next();
    });
  }
  app.use(healthRoutes(ctx));
  app.use(areasRoutes(ctx));
  app.use(searchRoutes(ctx));
  app.use(mapRoutes(ctx));
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  app.use('/api', (req) => {
    throw notFound(`no API route ${req.method} ${req.originalUrl}`);
  });
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
