/**
 * One case page: loaded by id (public or staff view, as the server decides) or by the reporter's
 * follow token; staff move it with `act()`, which shows the server's answer (409: what is allowed).
 */
import { hazardsApi } from '../lib/api/hazards-client';
import { isAbortError } from '../lib/api/http';
import type { HazardCase, HazardEventInput } from '../lib/api/hazards-types';

export type CaseRef = { id: number } | { token: string };

export class CaseState {
  data = $state.raw<HazardCase | null>(null);
  loading = $state(false);
  error = $state.raw<unknown>(null);
  busy = $state(false);
  actionError = $state.raw<unknown>(null);
  /** The last transition done here, for a short confirmation. */
  lastDone = $state<string | null>(null);
  #load: AbortController | null = null;
  #act: AbortController | null = null;

  async load(ref: CaseRef): Promise<void> {
    this.#load?.abort();
    const ctrl = (this.#load = new AbortController());
    this.loading = true;
    this.error = null;
    try {
      this.data = 'id' in ref ? await hazardsApi.byId(ref.id, ctrl.signal) : await hazardsApi.byToken(ref.token, ctrl.signal);
    } catch (err) {
      if (isAbortError(err)) return;
      this.data = null;
      this.error = err;
    } finally {
      if (this.#load === ctrl) this.loading = false;
    }
  }

  /** @returns true when the server moved the case */
  async act(input: HazardEventInput): Promise<boolean> {
    const c = this.data;
    if (!c || this.busy) return false;
    this.#act?.abort();
    const ctrl = (this.#act = new AbortController());
    this.busy = true;
    this.actionError = null;
    try {
      const out = await hazardsApi.event(c.id, input, ctrl.signal);
      // the answer is the staff view (without its name)
      this.data = { ...out.case, view: 'staff' };
      this.lastDone = input.action;
      return true;
    } catch (err) {
      if (!isAbortError(err)) this.actionError = err;
      return false;
    } finally {
      this.busy = false;
    }
  }

  dispose(): void {
    this.#load?.abort();
    this.#act?.abort();
  }
}
