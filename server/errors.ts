/**
 * The one error module: factories with a stable code and HTTP status.
 * The error middleware writes `{ "error": { "code", "message", "details"? } }`.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Extra response headers, e.g. `Retry-After` on 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, details?: unknown) => new AppError(400, 'BAD_REQUEST', message, details);
/** Not logged in, or the log-in failed (`code` INVALID_CREDENTIALS then). */
export const unauthorized = (message: string, code = 'UNAUTHORIZED') => new AppError(401, code, message);
/** Logged in (or anonymous) but the permissions table does not allow this. */
export const forbidden = (message: string) => new AppError(403, 'FORBIDDEN', message);
/** Rate limit or lock-out; `retryAfterS` becomes the `Retry-After` header (seconds). */
export const tooManyRequests = (message: string, retryAfterS: number) => {
  const s = Math.max(1, Math.ceil(retryAfterS));
  return new AppError(429, 'TOO_MANY_REQUESTS', message, { retryAfterS: s }, { 'Retry-After': String(s) });
};
export const notFound = (message: string) => new AppError(404, 'NOT_FOUND', message);
export const conflict = (message: string, details?: unknown) => new AppError(409, 'CONFLICT', message, details);
export const unprocessable = (code: string, message: string, details?: unknown) => new AppError(422, code, message, details);
export const payloadTooLarge = (message: string) => new AppError(413, 'PAYLOAD_TOO_LARGE', message);

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
