/**
 * Which hazard screen is on the map (report, case page, hazard map + public list), kept in the URL
 * hash (hazard-url.ts), and the categories every screen needs. Opening one is a history entry, so
 * Back returns; filters replace the entry.
 */
import { hazardsApi } from '../lib/api/hazards-client';
import { isAbortError } from '../lib/api/http';
import type { HazardCategory } from '../lib/api/hazards-types';
import { HazardLayerState } from './layer.svelte';
import { DEFAULT_FILTERS, hazardHash, parseHazardHash, type HazardFilters, type HazardRoute } from './hazard-url';

export class HazardsState {
  route = $state.raw<HazardRoute | null>(parseHazardHash(location.hash));
  readonly active = $derived(this.route !== null);
  /** Filters of the map layer: the hazard map's own, else everything visible. */
  readonly filters = $derived<HazardFilters>(this.route?.mode === 'map' ? this.route.filters : DEFAULT_FILTERS);
  categories = $state.raw<HazardCategory[] | null>(null);
  categoriesError = $state<string | null>(null);
  readonly layer = new HazardLayerState();
  /** Bumped after a report or a transition, so the map layer reloads. */
  version = $state(0);
  #categories: AbortController | null = null;

  constructor() {
    window.addEventListener('hashchange', () => {
      // the map never writes over another screen's hash (MapView), so letting go at once is safe
      this.route = parseHazardHash(location.hash);
    });
  }

  /** Shows a hazard screen (a new history entry). */
  go(route: HazardRoute): void {
    this.route = route;
    location.hash = hazardHash(route).slice(1);
  }

  /** Changes the hazard map's filters in place (no new history entry). */
  setFilters(patch: Partial<HazardFilters>): void {
    const route: HazardRoute = { mode: 'map', filters: { ...this.filters, ...patch } };
    this.route = route;
    history.replaceState(null, '', hazardHash(route));
  }

  close(): void {
    if (!this.route) return;
    this.layer.stop();
    this.route = null;
    location.hash = '';
  }

  changed(): void {
    this.version++;
  }

  categoryName(code: string): string {
    return this.categories?.find((c) => c.code === code)?.name ?? code;
  }

  async loadCategories(): Promise<void> {
    if (this.categories) return;
    this.#categories?.abort();
    const ctrl = (this.#categories = new AbortController());
    this.categoriesError = null;
    try {
      const { categories } = await hazardsApi.categories(ctrl.signal);
      this.categories = categories.filter((c) => c.active).sort((a, b) => a.sort - b.sort);
    } catch (err) {
      if (!isAbortError(err)) this.categoriesError = err instanceof Error ? err.message : String(err);
    }
  }
}
