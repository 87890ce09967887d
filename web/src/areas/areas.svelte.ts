/**
 * The selected area and its details for the side panel. Selecting another area aborts the
 * request for the previous one.
 */
import { api, isAbortError, type AreaDetail, type AreaId, type AreaLevel } from '../lib/api';

export interface AreaSelection {
  id: AreaId;
  level: AreaLevel;
}

export class AreasState {
  selected = $state.raw<AreaSelection | null>(null);
  detail = $state.raw<AreaDetail | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  #controller: AbortController | null = null;

  /** Is the panel showing (loading, loaded or failed)? */
  get open(): boolean {
    return this.selected !== null;
  }

  /**
   * Selects an area and loads its details.
   * @returns the details, or null when this selection was superseded or failed
   */
  async select(id: AreaId, level: AreaLevel): Promise<AreaDetail | null> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.selected = { id, level };
    if (this.detail && this.detail.id !== id) this.detail = null;
    this.loading = true;
    this.error = null;
    try {
      const detail = await api.area(id, controller.signal);
      this.detail = detail;
      this.selected = { id: detail.id, level: detail.level };
      return detail;
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

  /** Loads the current selection again (after an error). */
  retry(): Promise<AreaDetail | null> | undefined {
    const sel = this.selected;
    return sel ? this.select(sel.id, sel.level) : undefined;
  }

  clear(): void {
    this.#controller?.abort();
    this.#controller = null;
    this.selected = null;
    this.detail = null;
    this.loading = false;
    this.error = null;
  }
}
