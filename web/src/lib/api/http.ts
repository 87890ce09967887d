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

/**
 * GETs JSON from the API.
 * @param signal - aborts the request; the promise then rejects with an AbortError
 */
export async function getJson<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T> {
  const url = apiUrl(path, query);
  const res = await fetch(url, { signal, headers: { accept: 'application/json' } });
  if (!res.ok) {
    let code = 'HTTP_' + res.status;
    let message = `${res.status} ${res.statusText} for GET ${url}`;
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
    throw new ApiError(res.status, code, message, details);
  }
  return (await res.json()) as T;
}
