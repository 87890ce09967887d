/**
 * The one place that talks HTTP: JSON in, typed JSON out, errors in the API's
 * `{ error: { code, message, details? } }` shape turned into {@link ApiError}.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Seconds to wait before trying again (429 `Retry-After`), else null. */
    readonly retryAfterS: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** True for the rejection of a fetch cancelled through its AbortSignal; callers ignore those. */
export function isAbortError(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

export type Query = Record<string, string | number | undefined | null>;

/** Builds `/api/<path>?…`, dropping empty parameters. */
export function apiUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return `/api/${path}${qs ? `?${qs}` : ''}`;
}

type UnauthorizedListener = (err: ApiError) => void;
let onUnauthorized: UnauthorizedListener | null = null;

/**
 * Called with every 401 the API answers (a session that expired or ended elsewhere), so the
 * signed-in state can catch up. Wrong credentials at log-in are a 401 too (`INVALID_CREDENTIALS`).
 */
export function setUnauthorizedListener(listener: UnauthorizedListener | null): void {
  onUnauthorized = listener;
}

async function toApiError(res: Response, method: string, url: string): Promise<ApiError> {
  let code = 'HTTP_' + res.status;
  let message = `${res.status} ${res.statusText} for ${method} ${url}`;
  let details: unknown;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string; details?: unknown } };
    if (body.error) {
      code = body.error.code ?? code;
      message = body.error.message ?? message;
      details = body.error.details;
    }
  } catch {
    // not JSON: keep the status line
  }
  const retry = Number(res.headers.get('retry-after'));
  const err = new ApiError(res.status, code, message, details, Number.isFinite(retry) && retry > 0 ? retry : null);
  if (res.status === 401) onUnauthorized?.(err);
  return err;
}

/**
 * GETs JSON from the API.
 * @param signal - aborts the request; the promise then rejects with an AbortError
 */
export async function getJson<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T> {
  const url = apiUrl(path, query);
  const res = await fetch(url, { signal, headers: { accept: 'application/json' } });
  if (!res.ok) throw await toApiError(res, 'GET', url);
  return (await res.json()) as T;
}

/**
 * A state-changing request (POST, PATCH, DELETE) with a JSON body.
 * Sends `X-Requested-With`, which the server's CSRF check accepts next to a same-site Origin
 * (server/http/security.ts); no cross-site form can set it.
 * @returns the JSON answer, or undefined for 204 No Content
 */
export async function sendJson<T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const url = apiUrl(path);
  const headers: Record<string, string> = { accept: 'application/json', 'x-requested-with': 'XMLHttpRequest' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, {
    method,
    signal,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw await toApiError(res, method, url);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/**
 * POSTs a file (photo, PDF) as the raw request body; the server judges its type by content.
 * @returns the JSON answer
 */
export async function sendBytes<T>(path: string, file: Blob, signal?: AbortSignal): Promise<T> {
  const url = apiUrl(path);
  const res = await fetch(url, {
    method: 'POST',
    signal,
    credentials: 'same-origin',
    headers: { accept: 'application/json', 'x-requested-with': 'XMLHttpRequest', 'content-type': file.type || 'application/octet-stream' },
    body: file,
  });
  if (!res.ok) throw await toApiError(res, 'POST', url);
  return (await res.json()) as T;
}
