/**
 * "我的随手拍 / 积分": the logged-in reporter's own cases and points ledger (hazards.own), loaded
 * together and cancelled together when the page closes or reloads.
 */
import { hazardsApi } from '../lib/api/hazards-client';
import type { HazardPoints, HazardSummary } from '../lib/api/hazards-types';
import { Loader } from '../lib/loader.svelte';

export class MineState extends Loader<{ cases: HazardSummary[]; points: HazardPoints }> {
  constructor() {
    super(async (signal) => {
      const [mine, points] = await Promise.all([hazardsApi.mine(signal), hazardsApi.points(signal)]);
      return { cases: mine.cases, points };
    });
  }

  get cases(): HazardSummary[] | null {
    return this.data?.cases ?? null;
  }

  get points(): HazardPoints | null {
    return this.data?.points ?? null;
  }
}
