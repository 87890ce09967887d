/** The grid worker's queue: open cases (and resolved ones to review) of the caller's areas, overdue first. */
import { hazardsApi } from '../lib/api/hazards-client';
import type { HazardDashboard, HazardSummary } from '../lib/api/hazards-types';
import { Loader } from '../lib/loader.svelte';

export class QueueState extends Loader<HazardSummary[]> {
  constructor() {
    super(async (signal) => (await hazardsApi.queue({}, signal)).cases);
  }

  get cases(): HazardSummary[] | null {
    return this.data;
  }
}

/** The dashboard of one area (street / community / grid) and its children, for a period. */
export class DashboardState extends Loader<HazardDashboard, [q: { area: number; from?: string; to?: string }]> {
  constructor() {
    super((signal, q) => hazardsApi.dashboard(q, signal));
  }
}
