/**
 * The planner's start: the communities (and streets) of their jurisdictions, the drafts of the
 * chosen one, opening a new draft from the live grids or from a unit → grid CSV.
 */
import type { AuthState } from '../auth/auth.svelte';
import { api, isAbortError, type AreaRef } from '../lib/api';
import { planningApi } from '../lib/api/planning-client';
import type { DraftInfo } from '../lib/api/planning-types';

export class PlanStartState {
  /** Streets and communities the user may plan. */
  scopes = $state.raw<AreaRef[]>([]);
  selected = $state.raw<AreaRef | null>(null);
  drafts = $state.raw<DraftInfo[]>([]);
  busy = $state(false);
  error = $state<string | null>(null);
  #controller: AbortController | null = null;

  #begin(): AbortSignal {
    this.#controller?.abort();
    this.#controller = new AbortController();
    this.error = null;
    return this.#controller.signal;
  }

  #fail(err: unknown): void {
    if (!isAbortError(err)) this.error = err instanceof Error ? err.message : String(err);
  }

  /** Streets and communities under the user's jurisdictions (everywhere: all communities). */
  async loadScopes(auth: AuthState): Promise<void> {
    const signal = this.#begin();
    this.busy = true;
    try {
      const out: AreaRef[] = [];
      for (const j of auth.jurisdictions) {
        if (!j.area) {
          const all = await api.areas({ level: 'community' }, signal);
          out.push(...all.features.map((f) => ({ id: f.properties.id, code: f.properties.code, name: f.properties.name, level: f.properties.level })));
          continue;
        }
        if (j.area.level === 'community') out.push({ id: j.area.id, code: j.area.code, name: j.area.name, level: 'community' });
        else if (j.area.level === 'street') {
          const d = await api.area(j.area.id, signal);
          out.push({ id: d.id, code: d.code, name: d.name, level: 'street' }, ...d.children);
        }
      }
      const seen = new Set<string>();
      this.scopes = out.filter((a) => !seen.has(String(a.id)) && seen.add(String(a.id))).sort((a, b) => (a.code < b.code ? -1 : 1));
    } catch (err) {
      this.#fail(err);
    } finally {
      this.busy = false;
    }
  }

  async select(area: AreaRef | null): Promise<void> {
    this.selected = area;
    this.drafts = [];
    if (!area) return;
    const signal = this.#begin();
    this.busy = true;
    try {
      this.drafts = (await planningApi.drafts(Number(area.id), signal)).drafts;
    } catch (err) {
      this.#fail(err);
    } finally {
      this.busy = false;
    }
  }

  /** @returns the new draft's id */
  async create(): Promise<number | null> {
    if (!this.selected) return null;
    this.busy = true;
    this.error = null;
    try {
      return (await planningApi.createDraft(Number(this.selected.id))).id;
    } catch (err) {
      this.#fail(err);
      return null;
    } finally {
      this.busy = false;
    }
  }

  /** @returns the imported draft's id */
  async importCsv(file: File): Promise<number | null> {
    if (!this.selected) return null;
    this.busy = true;
    this.error = null;
    try {
      return (await planningApi.importCsv(Number(this.selected.id), await file.text(), file.name.replace(/\.csv$/i, ''))).id;
    } catch (err) {
      this.#fail(err);
      return null;
    } finally {
      this.busy = false;
    }
  }

  dispose(): void {
    this.#controller?.abort();
  }
}
