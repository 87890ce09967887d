import { Router } from 'express';
import type { AppContext } from '../app.ts';
import { record } from '../audit/audit.service.ts';
import { documentRoute } from '../http/openapi.ts';
import { parse } from '../http/validate.ts';
import { loginBody } from './auth.schema.ts';
import { me } from './auth.service.ts';
import { authorize } from './authorize.ts';
import { login } from './login.service.ts';
import { verifyPassword } from './password.ts';
import { actorOf, originOf, principalOf } from './principal.ts';
import { clearSessionCookie, endSession, setSessionCookie } from './session.service.ts';

export function authRoutes(ctx: AppContext): Router {
  const r = Router();
  void verifyPassword(null, ''); // prepare the dummy hash, so the first unknown login is not faster

  documentRoute({ method: 'post', path: '/api/auth/login', tag: 'auth', action: 'auth.session', summary: 'Log in by user name or phone + password; sets the sid cookie', body: loginBody });
  r.post('/api/auth/login', async (req, res) => {
    const p = principalOf(req);
    await authorize(ctx.db, p, 'auth.session');
    const body = parse(loginBody, req.body, 'body');
    const { token, principal } = await login(ctx, body, originOf(req), p.sessionHash);
    setSessionCookie(req, res, ctx.config, token);
    res.json(await me(ctx.db, principal));
  });

  documentRoute({ method: 'post', path: '/api/auth/logout', tag: 'auth', action: 'auth.session', summary: 'End the session on the server and clear the cookie', response: '204 No Content' });
  r.post('/api/auth/logout', async (req, res) => {
    const p = principalOf(req);
    await authorize(ctx.db, p, 'auth.session');
    if (p.sessionHash) {
      await endSession(ctx.db, p.sessionHash);
      await record(ctx.db, actorOf(req, ctx.now), { action: 'auth.logout', targetType: 'user', targetId: p.user?.id });
    }
    clearSessionCookie(req, res, ctx.config);
    res.status(204).end();
  });

  documentRoute({ method: 'get', path: '/api/auth/me', tag: 'auth', action: 'auth.session', summary: 'The logged-in user (null for the public), grants and allowed actions' });
  r.get('/api/auth/me', async (req, res) => {
    const p = principalOf(req);
    await authorize(ctx.db, p, 'auth.session');
    res.set('Cache-Control', 'no-store').json(await me(ctx.db, p));
  });
  return r;
}
