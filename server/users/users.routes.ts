import { Router } from 'express';
import type { AppContext } from '../app.ts';
import { authorize } from '../auth/authorize.ts';
import { actorOf, principalOf } from '../auth/principal.ts';
import { documentRoute } from '../http/openapi.ts';
import { parse } from '../http/validate.ts';
import { addGrant, revokeGrant } from './grants.service.ts';
import { createUserBody, grantInput, grantParams, listUsersQuery, updateUserBody, userParams } from './users.schema.ts';
import * as service from './users.service.ts';

export function usersRoutes(ctx: AppContext): Router {
  const r = Router();
  documentRoute({ method: 'get', path: '/api/users', tag: 'users', action: 'users.read', summary: 'Accounts with a grant in an area (admins; audited)', query: listUsersQuery });
  r.get('/api/users', async (req, res) => {
    const p = principalOf(req);
    await authorize(ctx.db, p, 'users.read');
    const q = parse(listUsersQuery, req.query);
    await authorize(ctx.db, p, 'users.read', q.area === undefined ? { everywhere: true } : { areaId: q.area });
    res.set('Cache-Control', 'no-store').json(await service.listUsers(ctx.db, actorOf(req, ctx.now), q));
  });

  documentRoute({ method: 'post', path: '/api/users', tag: 'users', action: 'users.manage', summary: 'Create a staff (or resident, rider) account with its roles, inside your jurisdiction', body: createUserBody, response: '201 the account' });
  r.post('/api/users', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'users.manage');
    const body = parse(createUserBody, req.body, 'body');
    res.status(201).json(await service.createUser(ctx.db, actorOf(req, ctx.now), body));
  });

  documentRoute({ method: 'patch', path: '/api/users/:id', tag: 'users', action: 'users.manage', summary: 'Change name or phone, disable, or set a new password (ends their sessions)', params: userParams, body: updateUserBody });
  r.patch('/api/users/:id', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'users.manage');
    const { id } = parse(userParams, req.params, 'path');
    const body = parse(updateUserBody, req.body, 'body');
    res.json(await service.updateUser(ctx.db, actorOf(req, ctx.now), id, body));
  });

  documentRoute({ method: 'post', path: '/api/users/:id/grants', tag: 'users', action: 'users.manage', summary: 'Grant a role (with its jurisdiction) to an account', params: userParams, body: grantInput, response: '201 the account' });
  r.post('/api/users/:id/grants', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'users.manage');
    const { id } = parse(userParams, req.params, 'path');
    const body = parse(grantInput, req.body, 'body');
    await addGrant(ctx.db, actorOf(req, ctx.now), id, body);
    res.status(201).json(await service.getUser(ctx.db, id));
  });

  documentRoute({ method: 'delete', path: '/api/users/:id/grants/:grantId', tag: 'users', action: 'users.manage', summary: 'Revoke a grant (kept with revoked_at, never deleted)', params: grantParams });
  r.delete('/api/users/:id/grants/:grantId', async (req, res) => {
    await authorize(ctx.db, principalOf(req), 'users.manage');
    const { id, grantId } = parse(grantParams, req.params, 'path');
    await revokeGrant(ctx.db, actorOf(req, ctx.now), id, grantId);
    res.json(await service.getUser(ctx.db, id));
  });
  return r;
}
