/**
 * One cancellable load at a time: a new load aborts the one before it (`AbortController`), an
 * aborted load changes nothing, a failed one keeps the last data and sets `error`.
 */
import { isAbortError } from './api/http';

export class Loader<T, A extends unknown[] = []> {
  data = $state.raw<T | null>(null);
  loading = $state(false);
  error = $state.raw<unknown>(null);
  readonly #fetch: (signal: AbortSignal, ...args: A) => Promise<T>;
  #ctrl: AbortController | null = null;

  /** @param fetch - reads the data, honouring `signal`; `args` are those given to `load` */
  constructor(fetch: (signal: AbortSignal, ...args: A) => Promise<T>) {
    this.#fetch = fetch;
  }

  async load(...args: A): Promise<void> {
    this.#ctrl?.abort();
    const ctrl = (this.#ctrl = new AbortController());
    this.loading = true;
    this.error = null;
    try {
      this.data = await this.#fetch(ctrl.signal, ...args);
    } catch (err) {
      if (!isAbortError(err)) this.error = err;
    } finally {
      if (this.#ctrl === ctrl) this.loading = false;
    }
  }

  dispose(): void {
    this.#ctrl?.abort();
  }
}
