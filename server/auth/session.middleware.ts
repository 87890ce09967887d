/** Puts the principal of the request's session (or the anonymous public) on `req.principal`. */
import type { RequestHandler } from 'express';
import type { AppContext } from '../app.ts';
import { ANONYMOUS } from './principal.ts';
import { clearSessionCookie, loadPrincipal, readToken } from './session.service.ts';

export function sessionMiddleware(ctx: AppContext): RequestHandler {
  return async (req, res, next) => {
    req.principal = ANONYMOUS;
    const token = readToken(req);
    if (token) {
      const p = await loadPrincipal(ctx.db, ctx.config, token, ctx.now());
      if (p) req.principal = p;
      else clearSessionCookie(req, res, ctx.config);
    } else if (req.get('cookie')?.includes('sid=')) {
      clearSessionCookie(req, res, ctx.config);
    }
    next();
  };
}
