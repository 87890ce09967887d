/**
 * The one error middleware: AppError → its status; body-parser errors → 400/413;
 * database constraint violations caused by input → 422; everything else → 500 (logged).
 */
import type { ErrorRequestHandler } from 'express';
import { isAppError } from '../errors.ts';

export const errorHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  if (isAppError(err)) {
    if (err.headers) res.set(err.headers);
    res.status(err.status).json({ error: { code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) } });
    return;
  }
  if (err?.type === 'entity.parse.failed') {
    res.status(400).json({ error: { code: 'BAD_JSON', message: `request body is not valid JSON: ${err.message}` } });
    return;
  }
  if (err?.type === 'entity.too.large') {
    res.status(413).json({ error: { code: 'PAYLOAD_TOO_LARGE', message: `request body is larger than ${err.limit} bytes` } });
    return;
  }
  if (typeof err?.code === 'string' && /^23/.test(err.code)) {
    res.status(422).json({ error: { code: 'CONSTRAINT', message: String(err.message) } });
    return;
  }
  console.error(err);
  res.status(500).json({ error: { code: 'INTERNAL', message: 'internal error' } });
};
