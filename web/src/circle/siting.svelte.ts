/**
 * "Suggest stations": k new sites that cover the most uncovered households (POST /api/circle/siting).
 * Only planners and street/community staff within their jurisdiction are answered; 401/403 are
 * kept apart so the panel can say "log in" or "not your area".
 */
import { api, ApiError, isAbortError, type SitingInput, type SitingPoi, type SitingResult } from '../lib/api';

export type SitingError = { kind: 'unauthorized' | 'forbidden' | 'other'; message: string };

/** The siting endpoint allows k ≤ 20; the panel offers 1–10. */
export const MAX_K = 10;

export class SitingState {
  k = $state(3);
  result = $state.raw<SitingResult | null>(null);
  loading = $state(false);
  error = $state.raw<SitingError | null>(null);
  #controller: AbortController | null = null;
  /** Existing premises of the area the planner may choose as candidates (loaded on demand). */
  pois = $state.raw<{ area: number; list: SitingPoi[] } | null>(null);
  /** POI ids chosen as candidates. */
  chosen = $state.raw<number[]>([]);
  #poisController: AbortController | null = null;

  /** Loads the premises of an area once (a new area resets the choice). */
  async loadPois(area: number): Promise<void> {
    if (this.pois?.area === area) return;
    this.#poisController?.abort();
    const controller = new AbortController();
    this.#poisController = controller;
    try {
      const r = await api.circlePois(area, controller.signal);
      this.pois = { area, list: r.pois };
      this.chosen = [];
    } catch (err) {
      if (!isAbortError(err)) this.error = { kind: err instanceof ApiError && err.status === 403 ? 'forbidden' : err instanceof ApiError && err.status === 401 ? 'unauthorized' : 'other', message: err instanceof Error ? err.message : String(err) };
    }
  }

  togglePoi(id: number): void {
    this.chosen = this.chosen.includes(id) ? this.chosen.filter((x) => x !== id) : [...this.chosen, id];
  }

  async run(input: Omit<SitingInput, 'k'>): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.loading = true;
    this.error = null;
    try {
      const k = Math.min(Math.max(Math.round(this.k), 1), MAX_K);
      const result = await api.circleSiting({ ...input, k }, controller.signal);
      if (!controller.signal.aborted) this.result = result;
    } catch (err) {
      if (isAbortError(err)) return;
      this.result = null;
      const message = err instanceof Error ? err.message : String(err);
      const status = err instanceof ApiError ? err.status : 0;
      this.error = { kind: status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : 'other', message };
    } finally {
      if (this.#controller === controller) {
        this.loading = false;
        this.#controller = null;
      }
    }
  }

  clear(): void {
    this.#controller?.abort();
    this.#controller = null;
    this.result = null;
    this.loading = false;
    this.error = null;
  }
}
