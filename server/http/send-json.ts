/** Writing JSON that is computed for the instant of the request. */
import type { Response } from 'express';

/**
 * Sends `body` as JSON without an ETag. `res.json` hashes every body (SHA-1, after copying it into
 * a Buffer) so that a repeated request can get a 304; an answer computed for "now" (the finder's
 * `params.at`, open now, next change) is never the same twice, so that hash never pays off.
 */
export function sendJsonNoEtag(res: Response, body: unknown): void {
  const text = JSON.stringify(body);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  if (res.req.method === 'HEAD') res.end();
  else res.end(text);
}
