/**
 * The audit log of one jurisdiction, newest first (`GET /api/audit`), paged by `before`, and the
 * names of the areas its entries mention (the log holds only area ids).
 */
import { api, isAbortError, type AuditEntry } from '../lib/api';
import { errorText } from '../lib/error-text';

export const AUDIT_PAGE = 100;

/** The actions the server records (docs/API.md), for the filter. */
export const AUDITED_ACTIONS = [
  'auth.login',
  'auth.logout',
  'users.create',
  'users.update',
  'users.list',
  'grants.create',
  'grants.revoke',
  'households.list',
  'households.read',
  'audit.read',
] as const;

export interface AuditQuery {
  /** undefined: everywhere (roles without a jurisdiction limit). */
  area?: number;
  action?: string;
}

export class AuditState {
  entries = $state.raw<AuditEntry[]>([]);
  next = $state<number | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  /** Area id → name, filled after each page. */
  areaNames = $state.raw<ReadonlyMap<number, string>>(new Map());
  #query: AuditQuery = {};
  #controller: AbortController | null = null;

  async load(query: AuditQuery, more = false): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.#query = query;
    this.loading = true;
    this.error = null;
    if (!more) {
      this.entries = [];
      this.next = null;
    }
    try {
      const page = await api.audit({ ...query, before: more ? (this.next ?? undefined) : undefined, limit: AUDIT_PAGE }, controller.signal);
      this.entries = more ? [...this.entries, ...page.entries] : page.entries;
      this.next = page.next;
      await this.#nameAreas(page.entries, controller.signal);
    } catch (err) {
      if (isAbortError(err)) return;
      this.error = errorText(err);
    } finally {
      if (this.#controller === controller) {
        this.loading = false;
        this.#controller = null;
      }
    }
  }

  loadMore(): Promise<void> | undefined {
    if (this.next !== null) return this.load(this.#query, true);
  }

  /** Looks up the names of areas not named yet (public area details; a missing one keeps its id). */
  async #nameAreas(entries: AuditEntry[], signal: AbortSignal): Promise<void> {
    const ids = [...new Set(entries.map((e) => e.areaId).filter((id): id is number => id !== null && !this.areaNames.has(id)))];
    const found = await Promise.all(ids.map((id) => api.area(id, signal).then((a) => [id, a.name] as const, () => null)));
    if (signal.aborted) return;
    const names = new Map(this.areaNames);
    for (const f of found) if (f) names.set(f[0], f[1]);
    this.areaNames = names;
  }

  clear(): void {
    this.#controller?.abort();
    this.#controller = null;
    this.entries = [];
    this.next = null;
    this.loading = false;
    this.error = null;
  }
}
