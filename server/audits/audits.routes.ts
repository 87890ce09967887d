/** The 两房一共 audits (issue 5): inventory, four-step campaigns, income, standards and reports. */
import { Router } from 'express';
import type { AppContext } from '../app.ts';
import { campaignRoutes } from './campaign.routes.ts';
import { inventoryRoutes } from './inventory.routes.ts';
import { reportRoutes } from './report.routes.ts';

export function auditsRoutes(ctx: AppContext): Router {
  const r = Router();
  r.use(campaignRoutes(ctx));
  r.use(inventoryRoutes(ctx));
  r.use(reportRoutes(ctx));
  return r;
}
