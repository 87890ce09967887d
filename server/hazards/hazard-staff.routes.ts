/**
 * Hazard routes for staff and logged-in reporters: transitions, the queue per grid worker, the
 * dashboard, moderation, own cases and points, configuration.
 */
import { Router, type Request } from 'express';
import type { AppContext } from '../app.ts';
import { authorize } from '../auth/authorize.ts';
import { actorOf, principalOf, type Principal } from '../auth/principal.ts';
import { badRequest, unauthorized } from '../errors.ts';
import { documentRoute } from '../http/openapi.ts';
import { parse } from '../http/validate.ts';
import { actingRole, areasFor, caseArea, targetOf } from './hazard-access.ts';
import * as configService from './hazard-config.service.ts';
import * as handling from './hazard-handling.service.ts';
import * as query from './hazard-query.service.ts';
import * as statsService from './hazard-stats.service.ts';
import { tierFor } from './hazard.workflow.ts';
import { categoryBody, categoryParams, dashboardQuery, hazardParams, moderationBody, moderationQuery, priorityParams, queueQuery, slaBody, transitionBody } from './hazards.schema.ts';

const TAG = 'hazards';
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,100}$/;

function idempotencyKey(req: Request): string | null {
  const k = req.get('idempotency-key');
  if (k === undefined) return null;
  if (!IDEMPOTENCY_KEY.test(k)) throw badRequest('header Idempotency-Key must be 1–100 letters, digits, _ . : or -');
  return k;
}

/** The areas a list is about: the one asked for (checked), else every area of the caller's grants. */
async function areasOf(ctx: AppContext, p: Principal, action: 'hazards.handle' | 'hazards.review', area: number | undefined): Promise<number[]> {
  if (area !== undefined) {
    await authorize(ctx.db, p, action, { areaId: area });
    return [area];
  }
  const mine = areasFor(p, action);
  if (mine === null) throw badRequest('give area: your role has no single area');
  return mine;
}

export function staffRoutes(ctx: AppContext): Router {
  const r = Router();
  const userOf = (p: Principal) => {
    if (!p.user) throw unauthorized('log in to see your own reports');
    return p.user;
  };

  documentRoute({ method: 'get', path: '/api/hazards/queue', tag: TAG, action: 'hazards.handle', summary: "A grid worker's queue: open cases of the area (default: all of the caller's areas), overdue first", query: queueQuery });
  r.get('/api/hazards/queue', async (req, res) => {
    const p = principalOf(req);
    await authorize(ctx.db, p, 'hazards.handle');
    const q = parse(queueQuery, req.query);
    const areas = await areasOf(ctx, p, 'hazards.handle', q.area);
    res.set('Cache-Control', 'no-store').json(await query.queue(ctx.db, areas, q, ctx.now()));
  });

  documentRoute({ method: 'get', path: '/api/hazards/dashboard', tag: TAG, action: 'hazards.stats', summary: 'Per street/community/grid and its children: found, solved locally, escalated, overdue, median times', query: dashboardQuery });
  r.get('/api/hazards/dashboard', async (req, res) => {
    const p = principalOf(req);
    await authorize(ctx.db, p, 'hazards.stats');
    const q = parse(dashboardQuery, req.query);
    await authorize(ctx.db, p, 'hazards.stats', { areaId: q.area });
    res.json(await statsService.dashboard(ctx.db, q, ctx.now()));
  });

  documentRoute({ method: 'get', path: '/api/hazards/moderation', tag: TAG, action: 'hazards.review', summary: 'Moderation queue: hidden cases and cases flagged since last moderated', query: moderationQuery });
  r.get('/api/hazards/moderation', async (req, res) => {
    const p = principalOf(req);
    await authorize(ctx.db, p, 'hazards.review');
    const q = parse(moderationQuery, req.query);
    const areas = await areasOf(ctx, p, 'hazards.review', q.area);
    res.set('Cache-Control', 'no-store').json(await query.moderation(ctx.db, areas, q.limit, ctx.now()));
  });

  documentRoute({ method: 'get', path: '/api/hazards/mine', tag: TAG, action: 'hazards.own', summary: "The logged-in user's own reports" });
  r.get('/api/hazards/mine', async (req, res) => {
    const p = principalOf(req);
    await authorize(ctx.db, p, 'hazards.own');
    res.set('Cache-Control', 'no-store').json(await query.mine(ctx.db, userOf(p).id, ctx.now()));
  });

  documentRoute({ method: 'get', path: '/api/hazards/points', tag: TAG, action: 'hazards.own', summary: "The logged-in user's points ledger (积分) and monthly totals" });
  r.get('/api/hazards/points', async (req, res) => {
    const p = principalOf(req);
    await authorize(ctx.db, p, 'hazards.own');
    res.set('Cache-Control', 'no-store').json(await query.points(ctx.db, userOf(p).id));
  });

  documentRoute({ method: 'post', path: '/api/hazards/:id/events', tag: TAG, action: 'hazards.handle', summary: 'Move a case (verify, reject, mark_duplicate, start, escalate, resolve, close, publish, reopen) or add a note; 409 lists the allowed transitions', params: hazardParams, body: transitionBody });
  r.post('/api/hazards/:id/events', async (req, res) => {
    const p = principalOf(req);
    await authorize(ctx.db, p, 'hazards.handle');
    const { id } = parse(hazardParams, req.params, 'path');
    const body = parse(transitionBody, req.body, 'body');
    const key = idempotencyKey(req);
    const area = await caseArea(ctx.db, id);
    const tier = tierFor(body.action, body);
    await authorize(ctx.db, p, 'hazards.handle', targetOf(area));
    if (tier !== 'hazards.handle') await authorize(ctx.db, p, tier, targetOf(area));
    const role = await actingRole(ctx.db, p, tier, area);
    const out = await handling.transition(ctx.db, { actor: actorOf(req, ctx.now), role, idempotencyKey: key }, id, body);
    res.status(out.replayed ? 200 : 201).json(out);
  });

  documentRoute({ method: 'post', path: '/api/hazards/:id/moderation', tag: TAG, action: 'hazards.review', summary: 'Hide, unhide or dismiss the flags of a case (recorded as an event)', params: hazardParams, body: moderationBody });
  r.post('/api/hazards/:id/moderation', async (req, res) => {
    const p = principalOf(req);
    await authorize(ctx.db, p, 'hazards.review');
    const { id } = parse(hazardParams, req.params, 'path');
    const body = parse(moderationBody, req.body, 'body');
    const area = await caseArea(ctx.db, id);
    await authorize(ctx.db, p, 'hazards.review', targetOf(area));
    const role = await actingRole(ctx.db, p, 'hazards.review', area);
    res.json(await handling.moderate(ctx.db, { actor: actorOf(req, ctx.now), role, idempotencyKey: null }, id, body));
  });

  documentRoute({ method: 'put', path: '/api/hazards/categories/:code', tag: TAG, action: 'hazards.configure', summary: 'Create or replace a category: event class, priority, points, fields, service-level overrides', params: categoryParams, body: categoryBody });
  r.put('/api/hazards/categories/:code', async (req, res) => {
    const p = principalOf(req);
    await authorize(ctx.db, p, 'hazards.configure');
    const { code } = parse(categoryParams, req.params, 'path');
    const body = parse(categoryBody, req.body, 'body');
    await authorize(ctx.db, p, 'hazards.configure', { everywhere: true });
    res.json(await configService.saveCategory(ctx.db, actorOf(req, ctx.now), code, body));
  });

  documentRoute({ method: 'put', path: '/api/hazards/sla/:priority', tag: TAG, action: 'hazards.configure', summary: 'Default service level of a priority (respond, on site, resolve: 30m, 4h, 3d)', params: priorityParams, body: slaBody });
  r.put('/api/hazards/sla/:priority', async (req, res) => {
    const p = principalOf(req);
    await authorize(ctx.db, p, 'hazards.configure');
    const { priority } = parse(priorityParams, req.params, 'path');
    const body = parse(slaBody, req.body, 'body');
    await authorize(ctx.db, p, 'hazards.configure', { everywhere: true });
    res.json(await configService.saveDefaultSla(ctx.db, actorOf(req, ctx.now), priority, body));
  });
  return r;
}
