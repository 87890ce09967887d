/**
 * Search-as-you-type against /api/search: debounced, and each new query aborts the previous one.
 */
import { api, isAbortError, type SearchResult } from '../lib/api';

export class SearchState {
  query = $state('');
  results = $state.raw<SearchResult[]>([]);
  loading = $state(false);
  error = $state<string | null>(null);
  /** The query the current results answer, so "nothing found" is not shown for a stale one. */
  answered = $state('');
  #timer: ReturnType<typeof setTimeout> | undefined;
  #controller: AbortController | null = null;

  constructor(
    private readonly debounceMs = 250,
    private readonly limit = 20,
  ) {}

  setQuery(query: string): void {
    this.query = query;
    clearTimeout(this.#timer);
    const q = query.trim();
    if (!q) return this.clear(false);
    if (q !== this.answered) {
      // results for an older query must not be picked by Enter or a quick click
      this.#controller?.abort();
      this.results = [];
      this.loading = true;
    }
    this.#timer = setTimeout(() => void this.run(q), this.debounceMs);
  }

  /** Searches now (e.g. on Enter), skipping the debounce. */
  async run(q = this.query.trim()): Promise<void> {
    clearTimeout(this.#timer);
    if (!q) return;
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.loading = true;
    this.error = null;
    try {
      const { results } = await api.search(q, this.limit, controller.signal);
      this.results = results;
      this.answered = q;
    } catch (err) {
      if (isAbortError(err)) return;
      this.error = err instanceof Error ? err.message : String(err);
      this.results = [];
    } finally {
      if (this.#controller === controller) {
        this.loading = false;
        this.#controller = null;
      }
    }
  }

  /** @param resetQuery - also empty the input */
  clear(resetQuery = true): void {
    clearTimeout(this.#timer);
    this.#controller?.abort();
    this.#controller = null;
    if (resetQuery) this.query = '';
    this.results = [];
    this.answered = '';
    this.loading = false;
    this.error = null;
  }
}
