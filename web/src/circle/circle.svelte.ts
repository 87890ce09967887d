/**
 * The 10-minute circle: whether the mode is on, for which area, with which parameters and what-if
 * edits, and the coverage the API answers for them. A newer request aborts the stale one, so
 * dragging a station or flipping a setting shows the latest answer only.
 */
import { api, isAbortError, type AreaId, type Coverage, type CoverageQuery, type LonLat } from '../lib/api';
import { coverageQuery, DEFAULT_PARAMS, type CircleParams } from './params';

export class CircleState {
  active = $state(false);
  /** The area whose coverage shows: the area panel's selection. */
  area = $state.raw<AreaId | null>(null);
  params = $state.raw<CircleParams>(DEFAULT_PARAMS);
  /** What if: hypothetical stations, numbered 1… in this order … */
  added = $state.raw<LonLat[]>([]);
  /** … and existing stations (place ids) left out, with their names for the list. */
  removed = $state.raw<{ id: number; name: string }[]>([]);
  /** The what-if tool takes map clicks. */
  editing = $state(false);

  coverage = $state.raw<Coverage | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  #controller: AbortController | null = null;

  /** What to ask the API now, or null without an area. */
  readonly query: CoverageQuery | null = $derived(
    this.area === null ? null : coverageQuery(this.area, this.params, this.added, this.removed.map((r) => r.id)),
  );

  toggle(): void {
    if (this.active) this.stop();
    else this.active = true;
  }

  /** Leaves the mode; parameters and what-if edits are kept for the next time. */
  stop(): void {
    this.active = false;
    this.editing = false;
    this.#controller?.abort();
    this.#controller = null;
    this.loading = false;
  }

  setParams(patch: Partial<CircleParams>): void {
    this.params = { ...this.params, ...patch };
  }

  addPoint(p: LonLat): void {
    this.added = [...this.added, p];
  }

  movePoint(index: number, p: LonLat): void {
    this.added = this.added.map((q, i) => (i === index ? p : q));
  }

  deletePoint(index: number): void {
    this.added = this.added.filter((_, i) => i !== index);
  }

  /** Removes an existing station from the what-if, or puts it back. */
  toggleStation(s: { id: number; name: string }): void {
    this.removed = this.removed.some((r) => r.id === s.id) ? this.removed.filter((r) => r.id !== s.id) : [...this.removed, s];
  }

  resetWhatIf(): void {
    this.added = [];
    this.removed = [];
  }

  /**
   * Asks for the coverage of `q`. The previous answer stays on screen while the new one loads,
   * unless it is for another area.
   */
  async load(q: CoverageQuery): Promise<Coverage | null> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    if (this.coverage && String(this.coverage.params.area) !== String(q.area)) this.coverage = null;
    this.loading = true;
    this.error = null;
    try {
      const c = await api.circleCoverage(q, controller.signal);
      if (controller.signal.aborted) return null;
      this.coverage = c;
      return c;
    } catch (err) {
      if (isAbortError(err)) return null;
      this.error = err instanceof Error ? err.message : String(err);
      return null;
    } finally {
      if (this.#controller === controller) {
        this.loading = false;
        this.#controller = null;
      }
    }
  }
}
