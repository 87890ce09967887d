/** The grid worker's queue: open cases (and resolved ones to review) of the caller's areas, overdue first. */
import { hazardsApi } from '../lib/api/hazards-client';
import { isAbortError } from '../lib/api/http';
import type { HazardDashboard, HazardSummary } from '../lib/api/hazards-types';

export class QueueState {
  cases = $state.raw<HazardSummary[] | null>(null);
  loading = $state(false);
  error = $state.raw<unknown>(null);
  #ctrl: AbortController | null = null;

  async load(): Promise<void> {
    this.#ctrl?.abort();
    const ctrl = (this.#ctrl = new AbortController());
    this.loading = true;
    this.error = null;
    try {
      this.cases = (await hazardsApi.queue({}, ctrl.signal)).cases;
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

/** The dashboard of one area (street / community / grid) and its children, for a period. */
export class DashboardState {
  data = $state.raw<HazardDashboard | null>(null);
  loading = $state(false);
  error = $state.raw<unknown>(null);
  #ctrl: AbortController | null = null;

  async load(q: { area: number; from?: string; to?: string }): Promise<void> {
    this.#ctrl?.abort();
    const ctrl = (this.#ctrl = new AbortController());
    this.loading = true;
    this.error = null;
    try {
      this.data = await hazardsApi.dashboard(q, ctrl.signal);
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
