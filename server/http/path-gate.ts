/**
 * Domain routers behind a path gate. Express enters every router mounted before the one that
 * answers, matches the request against each of its routes and leaves it through a
 * `setImmediate`: a request for the finder walked 11 routers (112 layers) first. A gated router
 * is entered only when the request's first two path segments are those of one of its routes.
 * The gate never changes which route answers: it only skips routers that cannot match.
 */
import type { RequestHandler, Router } from 'express';

interface Layer {
  route?: { path: unknown };
  handle: { stack?: Layer[] };
}

/** Express matches paths case-insensitively by default (`case sensitive routing` is off). */
const keyOf = (path: string): string => path.split('/', 3).join('/').toLowerCase();

/**
 * The keys (`/api/places`) of every route of a router and of the routers it uses, or null when
 * one of them is not a literal path there (a parameter in the first two segments, a pattern, a
 * middleware without a route): then the router is always entered.
 */
export function routeKeys(router: { stack: Layer[] }): Set<string> | null {
  const keys = new Set<string>();
  for (const layer of router.stack) {
    if (layer.route) {
      const path = layer.route.path;
      if (typeof path !== 'string') return null;
      const key = keyOf(path);
      if (key.split('/').length < 3 || /[:*?(){}\\]/.test(key)) return null;
      keys.add(key);
    } else if (layer.handle.stack) {
      const inner = routeKeys(layer.handle as { stack: Layer[] });
      if (!inner) return null;
      for (const k of inner) keys.add(k);
    } else {
      return null;
    }
  }
  return keys;
}

const KEY = Symbol('pathGateKey');

/** `router`, entered only for requests under its own routes' first two segments. */
export function gated(router: Router): RequestHandler {
  const keys = routeKeys(router as unknown as { stack: Layer[] });
  if (!keys) return router;
  return (req, res, next) => {
    const r = req as typeof req & { [KEY]?: string };
    const key = (r[KEY] ??= keyOf(req.path));
    if (keys.has(key)) router(req, res, next);
    else next();
  };
}
