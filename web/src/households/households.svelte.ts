/**
 * One page of an area's households with members, phones and special groups
 * (`GET /api/areas/:id/households`): personal data, asked for only when staff open the tab, and
 * dropped when the area, the user or the tab changes. Every answer is audited by the server.
 */
import { api, ApiError, isAbortError, type AreaId, type HouseholdPage } from '../lib/api';
import { errorText } from '../lib/error-text';

export const PAGE_SIZE = 20;

export class HouseholdsState {
  page = $state.raw<HouseholdPage | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  /** The server refused (403, 404): the area is outside the user's jurisdiction. */
  denied = $state(false);
  #areaId: AreaId | null = null;
  #controller: AbortController | null = null;

  /** Loads a page of `areaId`; another area starts at its first page. */
  async load(areaId: AreaId, offset = 0): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    if (this.#areaId !== areaId) {
      this.page = null;
      this.denied = false;
    }
    this.#areaId = areaId;
    this.loading = true;
    this.error = null;
    try {
      this.page = await api.households(areaId, { limit: PAGE_SIZE, offset }, controller.signal);
    } catch (err) {
      if (isAbortError(err)) return;
      if (err instanceof ApiError && (err.status === 403 || err.status === 404 || err.status === 401)) {
        this.denied = true;
        this.page = null;
      } else {
        this.error = errorText(err);
      }
    } finally {
      if (this.#controller === controller) {
        this.loading = false;
        this.#controller = null;
      }
    }
  }

  next(): Promise<void> | undefined {
    const p = this.page;
    if (p && this.#areaId !== null && p.offset + p.limit < p.total) return this.load(this.#areaId, p.offset + p.limit);
  }

  previous(): Promise<void> | undefined {
    const p = this.page;
    if (p && this.#areaId !== null && p.offset > 0) return this.load(this.#areaId, Math.max(0, p.offset - p.limit));
  }

  /** Forgets everything personal (another area, log-out, tab closed). */
  clear(): void {
    this.#controller?.abort();
    this.#controller = null;
    this.#areaId = null;
    this.page = null;
    this.loading = false;
    this.error = null;
    this.denied = false;
  }
}
