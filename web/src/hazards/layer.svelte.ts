/**
 * Data of the hazard map layer: the visible cases in the view (points, clustered and coloured on
 * the client) and, on request, the per-area counts. A newer view aborts the older request.
 */
import { hazardsApi } from '../lib/api/hazards-client';
import { isAbortError } from '../lib/api/http';
import type { HazardCounts, HazardLayer } from '../lib/api/hazards-types';
import type { Bbox } from '../lib/api/types';
import type { HazardFilters } from './hazard-url';

/** Cases asked for per view; the API allows 20 000, a phone draws 5 000 points comfortably. */
export const LAYER_LIMIT = 5000;

/** Counts per street when zoomed out, per community in between, per grid close in. */
export const countsLevel = (zoom: number) => (zoom >= 14.5 ? 'grid' : zoom >= 13 ? 'community' : 'street');

const query = (f: HazardFilters) => ({ category: f.category.length ? f.category : undefined, state: f.state.length ? f.state : undefined, from: f.from ?? undefined, to: f.to ?? undefined });

export class HazardLayerState {
  cases = $state.raw<HazardLayer | null>(null);
  counts = $state.raw<HazardCounts | null>(null);
  error = $state<string | null>(null);
  #cases: AbortController | null = null;
  #counts: AbortController | null = null;

  async load(bbox: Bbox, filters: HazardFilters): Promise<void> {
    this.#cases?.abort();
    const ctrl = (this.#cases = new AbortController());
    try {
      this.cases = await hazardsApi.layer({ ...query(filters), bbox, limit: LAYER_LIMIT }, ctrl.signal);
      this.error = null;
    } catch (err) {
      if (!isAbortError(err)) this.error = err instanceof Error ? err.message : String(err);
    }
  }

  async loadCounts(bbox: Bbox, zoom: number, filters: HazardFilters): Promise<void> {
    this.#counts?.abort();
    const ctrl = (this.#counts = new AbortController());
    try {
      this.counts = await hazardsApi.counts({ ...query(filters), bbox, level: countsLevel(zoom) }, ctrl.signal);
    } catch (err) {
      if (!isAbortError(err)) this.error = err instanceof Error ? err.message : String(err);
    }
  }

  stop(): void {
    this.#cases?.abort();
    this.#counts?.abort();
  }
}
