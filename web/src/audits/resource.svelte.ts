/** One cancellable request's state: the value, loading, the error for people. A newer load aborts the older. */
import { isAbortError } from '../lib/api';
import { errorText } from '../lib/error-text';

export class Resource<T> {
  value = $state.raw<T | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  /** HTTP status of the last failure (403/404 mean no access). */
  status = $state<number | null>(null);
  #controller: AbortController | null = null;

  async load(fetcher: (signal: AbortSignal) => Promise<T>): Promise<T | null> {
    this.#controller?.abort();
    const c = new AbortController();
    this.#controller = c;
    this.loading = true;
    this.error = null;
    this.status = null;
    try {
      const v = await fetcher(c.signal);
      if (c.signal.aborted) return null;
      this.value = v;
      return v;
    } catch (err) {
      if (!isAbortError(err)) {
        this.error = errorText(err);
        this.status = (err as { status?: number }).status ?? null;
      }
      return null;
    } finally {
      if (this.#controller === c) {
        this.loading = false;
        this.#controller = null;
      }
    }
  }

  abort(): void {
    this.#controller?.abort();
  }
}

/** A form submission: busy flag and the server's message (4xx/409 with what is allowed). */
export class Submission {
  busy = $state(false);
  error = $state<string | null>(null);
  #controller: AbortController | null = null;

  async run<T>(action: (signal: AbortSignal) => Promise<T>): Promise<T | null> {
    this.#controller?.abort();
    const c = new AbortController();
    this.#controller = c;
    this.busy = true;
    this.error = null;
    try {
      return await action(c.signal);
    } catch (err) {
      if (!isAbortError(err)) this.error = errorText(err) + allowedText(err);
      return null;
    } finally {
      if (this.#controller === c) this.busy = false;
    }
  }

  abort(): void {
    this.#controller?.abort();
  }
}

/** 409 of a step out of order carries `details.allowed`. */
function allowedText(err: unknown): string {
  const d = (err as { details?: { allowed?: unknown } }).details;
  return d && Array.isArray(d.allowed) ? ` [${d.allowed.join(', ') || '—'}]` : '';
}
