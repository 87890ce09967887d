/**
 * The moderation queue of community / street staff (hazards.review): hidden cases (anonymous
 * reports with links are held hidden) and cases flagged since last moderated. Acting on one
 * records a `moderate` event with the reason; the queue then reloads.
 */
import { hazardsApi } from '../lib/api/hazards-client';
import { isAbortError } from '../lib/api/http';
import type { HazardModerationAction, HazardSummary } from '../lib/api/hazards-types';
import { Loader } from '../lib/loader.svelte';

export class ModerationState extends Loader<HazardSummary[]> {
  /** The case being acted on, and the last action's error (per case). */
  busy = $state<number | null>(null);
  actionError = $state.raw<{ id: number; error: unknown } | null>(null);
  #act: AbortController | null = null;

  constructor() {
    super(async (signal) => (await hazardsApi.moderation({}, signal)).cases);
  }

  get cases(): HazardSummary[] | null {
    return this.data;
  }

  /** Hides, releases (unhide) or dismisses the flags of a case, then reloads the queue. */
  async act(id: number, action: HazardModerationAction, reason: string): Promise<boolean> {
    this.#act?.abort();
    const ctrl = (this.#act = new AbortController());
    this.busy = id;
    this.actionError = null;
    try {
      await hazardsApi.moderate(id, { action, reason: reason.trim() }, ctrl.signal);
      await this.load();
      return true;
    } catch (err) {
      if (!isAbortError(err)) this.actionError = { id, error: err };
      return false;
    } finally {
      if (this.#act === ctrl) this.busy = null;
    }
  }

  override dispose(): void {
    super.dispose();
    this.#act?.abort();
  }
}
