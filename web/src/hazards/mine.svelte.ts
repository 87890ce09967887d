/**
 * "我的随手拍 / 积分": the logged-in reporter's own cases and points ledger (hazards.own), loaded
 * together and cancelled together when the page closes or reloads.
 */
import { hazardsApi } from '../lib/api/hazards-client';
import { isAbortError } from '../lib/api/http';
import type { HazardPoints, HazardSummary } from '../lib/api/hazards-types';

export class MineState {
  cases = $state.raw<HazardSummary[] | null>(null);
  points = $state.raw<HazardPoints | null>(null);
  loading = $state(false);
  error = $state.raw<unknown>(null);
  #ctrl: AbortController | null = null;

  async load(): Promise<void> {
    this.#ctrl?.abort();
    const ctrl = (this.#ctrl = new AbortController());
    this.loading = true;
    this.error = null;
    try {
      const [mine, points] = await Promise.all([hazardsApi.mine(ctrl.signal), hazardsApi.points(ctrl.signal)]);
      this.cases = mine.cases;
      this.points = points;
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
