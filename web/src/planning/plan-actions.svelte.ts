/**
 * What the workspace asks of the server: save (with the base version; a 409 keeps what changed
 * meanwhile for the planner to see), propose (least change or fresh; a 422 keeps the reasons the
 * input is infeasible), validate, publish (with written reasons for out-of-band grids), the
 * published history of the community and diffs. One request of each kind at a time, cancellable.
 */
import { api, ApiError, isAbortError, type AreaRef } from '../lib/api';
import { planningApi } from '../lib/api/planning-client';
import type { DiffResult, PlanningIssue, PublishedVersion, PublishResult, StaleDetails, ValidationResult } from '../lib/api/planning-types';
import type { PlanWorkspace } from './workspace.svelte';

export type ProposeMode = 'least_change' | 'fresh';

export class PlanActions {
  busy = $state<null | 'save' | 'propose' | 'validate' | 'publish' | 'history' | 'diff' | 'rollback'>(null);
  error = $state<string | null>(null);
  /** Set by a 409 on save: the head version and the units moved since our base. */
  stale = $state.raw<StaleDetails | null>(null);
  /** Set by a 422 on propose or publish. */
  issues = $state.raw<{ kind: 'propose' | 'publish'; message: string; issues: PlanningIssue[] } | null>(null);
  validation = $state.raw<ValidationResult | null>(null);
  published = $state.raw<PublishResult | null>(null);
  history = $state.raw<{ communityId: number; versions: PublishedVersion[] } | null>(null);
  diff = $state.raw<(DiffResult & { title: string }) | null>(null);
  /** Communities whose history can be shown: the draft's, or those of a street draft. */
  communities = $state.raw<AreaRef[]>([]);
  #controller: AbortController | null = null;

  constructor(private readonly ws: PlanWorkspace) {}

  #begin(kind: NonNullable<PlanActions['busy']>): AbortSignal {
    this.#controller?.abort();
    this.#controller = new AbortController();
    this.busy = kind;
    this.error = null;
    return this.#controller.signal;
  }

  #end(): void {
    this.busy = null;
    this.#controller = null;
  }

  #fail(err: unknown): void {
    if (!isAbortError(err)) this.error = err instanceof Error ? err.message : String(err);
  }

  dispose(): void {
    this.#controller?.abort();
  }

  /** Saves the whole plan on top of the base version. @returns true when saved (or nothing to save) */
  async save(): Promise<boolean> {
    const ws = this.ws;
    if (!ws.draft) return false;
    if (!ws.dirty) return true;
    const signal = this.#begin('save');
    this.stale = null;
    try {
      const r = await planningApi.save(ws.draft.id, { baseVersion: ws.baseVersion, assignments: ws.assignmentRecord(), locked: [...ws.locked] }, signal);
      ws.markSaved(r.version);
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && err.details) this.stale = err.details as StaleDetails;
      else this.#fail(err);
      return false;
    } finally {
      this.#end();
    }
  }

  /** After a 409: keep my edits on top of the newest version. */
  async rebase(): Promise<void> {
    this.stale = null;
    await this.ws.rebase();
  }

  /** After a 409: drop my edits and load the newest version. */
  async discard(): Promise<void> {
    this.stale = null;
    await this.ws.reloadHead();
  }

  /** Saves pending edits, then proposes grids into a new draft version and loads it. */
  async propose(mode: ProposeMode, keepInvalid = false): Promise<boolean> {
    const ws = this.ws;
    if (!ws.draft || !(await this.save())) return false;
    const signal = this.#begin('propose');
    this.issues = null;
    try {
      const r = await planningApi.propose(ws.draft.id, { baseVersion: ws.baseVersion, mode, band: ws.band, keepInvalid }, signal);
      await ws.load(ws.draft.id, r.version);
      if (!r.valid) this.issues = { kind: 'propose', message: '', issues: r.issues };
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) this.issues = { kind: 'propose', message: err.message, issues: (err.details as { issues?: PlanningIssue[] } | undefined)?.issues ?? [] };
      else if (err instanceof ApiError && err.status === 409 && err.details) this.stale = err.details as StaleDetails;
      else this.#fail(err);
      return false;
    } finally {
      this.#end();
    }
  }

  /** The server's check of the saved version (saving pending edits first). */
  async validate(): Promise<void> {
    const ws = this.ws;
    if (!ws.draft || !(await this.save())) return;
    const signal = this.#begin('validate');
    try {
      this.validation = await planningApi.validate(ws.draft.id, ws.baseVersion, ws.band, signal);
    } catch (err) {
      this.#fail(err);
    } finally {
      this.#end();
    }
  }

  /** @param reasons - grid label → written reason, for grids outside the band */
  async publish(reasons: Record<string, string>): Promise<boolean> {
    const ws = this.ws;
    if (!ws.draft || !(await this.save())) return false;
    const signal = this.#begin('publish');
    this.issues = null;
    try {
      this.published = await planningApi.publish(ws.draft.id, ws.baseVersion, reasons, signal);
      ws.draft = { ...ws.draft, status: 'published' };
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) this.issues = { kind: 'publish', message: err.message, issues: (err.details as { issues?: PlanningIssue[] } | undefined)?.issues ?? [] };
      else this.#fail(err);
      return false;
    } finally {
      this.#end();
    }
  }

  /** Published versions of a community (the draft's, or one of a street draft's communities). */
  async loadHistory(communityId: number): Promise<void> {
    const signal = this.#begin('history');
    try {
      this.history = { communityId, versions: (await planningApi.history(communityId, signal)).versions };
    } catch (err) {
      this.#fail(err);
    } finally {
      this.#end();
    }
  }

  /** Publishes an old version of a community's grids again (as a new version), then reloads the history. */
  async rollback(communityId: number, version: number, reason: string): Promise<boolean> {
    const signal = this.#begin('rollback');
    try {
      await planningApi.rollback(communityId, version, reason, signal);
    } catch (err) {
      this.#fail(err);
      return false;
    } finally {
      this.#end();
    }
    await this.loadHistory(communityId);
    return true;
  }

  /** The draft's version (saved first) against the live grids. @param title - for the saved version */
  async diffDraft(title: (version: number) => string): Promise<void> {
    const ws = this.ws;
    if (!ws.draft || !(await this.save())) return;
    const signal = this.#begin('diff');
    try {
      const d = await planningApi.draftDiff(ws.draft.id, ws.baseVersion, signal);
      this.diff = { ...d, title: title(d.version) };
    } catch (err) {
      this.#fail(err);
    } finally {
      this.#end();
    }
  }

  /** A published version against the one before it. */
  async diffPublished(communityId: number, to: number, title: string): Promise<void> {
    const signal = this.#begin('diff');
    try {
      this.diff = { ...(await planningApi.communityDiff(communityId, { to }, signal)), title };
    } catch (err) {
      this.#fail(err);
    } finally {
      this.#end();
    }
  }

  async loadCommunities(): Promise<void> {
    const scope = this.ws.draft?.scope;
    if (!scope) return;
    if (scope.level === 'community') {
      this.communities = [{ id: scope.id, code: scope.code, name: scope.name, level: 'community' }];
      return;
    }
    try {
      this.communities = (await api.area(scope.id)).children;
    } catch (err) {
      this.#fail(err);
    }
  }

  closeDiff(): void {
    this.diff = null;
  }
}
