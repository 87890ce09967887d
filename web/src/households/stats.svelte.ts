/**
 * Special groups and totals of the open area (`GET /api/areas/:id/stats`): public aggregates with
 * counts below 5 as "<5", exact for staff of the area. Loading another area aborts the last request.
 */
import { api, isAbortError, type AreaId, type AreaStats } from '../lib/api';
import { errorText } from '../lib/error-text';

export class AreaStatsState {
  stats = $state.raw<AreaStats | null>(null);
  error = $state<string | null>(null);
  #controller: AbortController | null = null;

  async load(id: AreaId): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    if (this.stats && String(this.stats.area.id) !== String(id)) this.stats = null;
    this.error = null;
    try {
      this.stats = await api.areaStats(id, controller.signal);
    } catch (err) {
      if (isAbortError(err)) return;
      this.error = errorText(err);
    } finally {
      if (this.#controller === controller) this.#controller = null;
    }
  }

  clear(): void {
    this.#controller?.abort();
    this.#controller = null;
    this.stats = null;
    this.error = null;
  }
}
