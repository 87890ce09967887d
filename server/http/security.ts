/**
 * Security middleware: helmet headers with a CSP that fits MapLibre (blob: workers, data:/blob:
 * images), CORS closed unless CORS_ORIGINS lists origins, and a CSRF check on state-changing requests.
 */
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { readToken } from '../auth/session.service.ts';
import type { Config } from '../config.ts';
import { forbidden } from '../errors.ts';

/** Origins of an external base map template (`{s}`/`{z}` placeholders allowed), for connect/img-src. */
export function basemapSources(url: string | null): string[] {
  if (!url) return [];
  try {
    const u = new URL(url.replace(/\{[^}]*\}/g, 'x'));
    const host = /\{[^}]*\}/.test(url.split('/')[2] ?? '') ? `*.${u.hostname.split('.').slice(1).join('.')}` : u.host;
    return [`${u.protocol}//${host}`];
  } catch {
    return [];
  }
}

export function securityHeaders(cfg: Config): RequestHandler {
  const basemap = basemapSources(cfg.basemapUrl);
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // No inline <style>/<script>: Svelte `style:` and MapLibre set styles through the CSSOM,
        // which CSP allows (checked in Chromium: no violations on the built client).
        styleSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        childSrc: ["'self'", 'blob:'],
        imgSrc: ["'self'", 'data:', 'blob:', ...basemap],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", ...basemap],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'same-origin' },
  });
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** CORS: only for configured origins (with credentials); otherwise no CORS headers at all. */
export function cors(cfg: Config): RequestHandler {
  const allowed = new Set(cfg.corsOrigins);
  return (req, res, next) => {
    const origin = req.get('origin')?.toLowerCase();
    const preflight = req.method === 'OPTIONS' && req.get('access-control-request-method');
    if (!origin || !allowed.has(origin)) {
      if (preflight) throw forbidden(`origin ${origin ?? '(none)'} may not call this API (CORS_ORIGINS)`);
      next();
      return;
    }
    res.vary('Origin').set({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true' });
    if (preflight) {
      res.set({ 'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE', 'Access-Control-Allow-Headers': 'Content-Type, X-Requested-With', 'Access-Control-Max-Age': '600' });
      res.status(204).end();
      return;
    }
    next();
  };
}

/**
 * CSRF: a state-changing request must come from this site (Origin, else Referer) or a trusted
 * origin, or carry X-Requested-With (a header no cross-site form can set without CORS).
 * A request with neither Origin nor Referer nor a session cookie is a non-browser client with
 * nothing to abuse, and passes; browsers always send Origin on POST.
 */
export function csrf(cfg: Config): RequestHandler {
  const extra = new Set([...cfg.corsOrigins, ...cfg.trustedOrigins]);
  return (req, _res, next) => {
    if (!UNSAFE.has(req.method)) return next();
    const self = `${req.protocol}://${req.host}`.toLowerCase();
    const trusted = (o: string) => o === self || extra.has(o);
    const origin = req.get('origin');
    if (origin) {
      if (trusted(origin.toLowerCase())) return next();
      throw forbidden(`cross-site request refused: Origin ${origin} is not ${self}`);
    }
    const referer = req.get('referer');
    if (referer) {
      let from = '';
      try {
        from = new URL(referer).origin.toLowerCase();
      } catch {}
      if (trusted(from)) return next();
      throw forbidden(`cross-site request refused: Referer is not ${self}`);
    }
    if (req.get('x-requested-with') || !readToken(req)) return next();
    throw forbidden('state-changing request with a session but without Origin, Referer or X-Requested-With refused (CSRF)');
  };
}
