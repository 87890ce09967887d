/**
 * The planner's workspace state (issue 8): the draft's units (id, code, households, population,
 * cell), the assignment unit → grid label, grids (also empty ones just added), locked grids,
 * undo/redo, the saved base version and whether there are unsaved edits. The live measures are
 * derived from the assignment on every change (measures.ts). The map follows changes through
 * `onChange` and paints them with feature state.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { planningApi } from '../lib/api/planning-client';
import type { DraftDetail, DraftInfo } from '../lib/api/planning-types';
import { unitAdjacency } from './geometry';
import { EditHistory, GRID_PALETTE, type Move, type Step } from './history';
import { buildTopology, measurePlan, type PlanMeasures, type Topology } from './measures';

export interface PlanUnit {
  /** area id, as a string (the API's assignment keys) */
  id: string;
  code: string;
  households: number;
  population: number;
  /** grid code on the live map */
  liveGrid: string;
  community: string;
  /** [lon, lat] of the cell's area centroid */
  centroid: [number, number];
  geometry: Polygon | MultiPolygon;
}

/** Units changed (ids), or 'all' after a load. */
export type ChangeListener = (units: readonly string[] | 'all') => void;

const EMPTY_TOPOLOGY: Topology = buildTopology([], []);

export class PlanWorkspace {
  draft = $state.raw<DraftInfo | null>(null);
  /** The version the edits started from (sent with a save; a stale one is a 409). */
  baseVersion = $state(0);
  band = $state.raw<[number, number]>([200, 400]);
  unitBand = $state.raw<[number, number]>([20, 30]);
  units = $state.raw<PlanUnit[]>([]);
  /** Every grid of the plan in display order, also those without units yet. */
  grids = $state.raw<string[]>([]);
  locked = $state.raw<ReadonlySet<string>>(new Set());
  /** The grid the brush and the lasso paint into. */
  active = $state<string | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  /** Bumped on every change of the assignment, grids or locks. */
  rev = $state(0);
  undoCount = $state(0);
  redoCount = $state(0);

  #assignment = new Map<string, string>();
  #saved = new Map<string, string>();
  #savedLocked: string[] = [];
  #topology: Topology = EMPTY_TOPOLOGY;
  #history = new EditHistory();
  #stroke: Map<string, Move> | null = null;
  #strokeBefore: { grids: string[]; locked: string[] } | null = null;
  #colors = new Map<string, string>();
  #listeners = new Set<ChangeListener>();
  #byId = new Map<string, PlanUnit>();
  #controller: AbortController | null = null;

  measures: PlanMeasures = $derived.by(() => {
    void this.rev;
    return measurePlan(this.#topology, this.#assignment, { band: this.band, unitBand: this.unitBand, emptyGrids: this.grids });
  });

  dirty = $derived.by(() => {
    void this.rev;
    if (this.#assignment.size !== this.#saved.size) return true;
    for (const [u, g] of this.#assignment) if (this.#saved.get(u) !== g) return true;
    const l = [...this.locked].sort();
    return l.length !== this.#savedLocked.length || l.some((g, i) => g !== this.#savedLocked[i]);
  });

  /** Loads a draft version (default head) with its unit cells; the adjacency is computed once. */
  async load(draftId: number, version?: number): Promise<boolean> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.loading = true;
    this.error = null;
    try {
      // the cells come once per draft; later loads (another version, the head after a propose) reuse them
      const keep = this.draft?.id === draftId && this.units.length > 0;
      const d = await planningApi.draft(draftId, { version, geometry: !keep }, controller.signal);
      this.#apply(d, !keep);
      return true;
    } catch (err) {
      if (!controller.signal.aborted) this.error = err instanceof Error ? err.message : String(err);
      return false;
    } finally {
      if (this.#controller === controller) {
        this.loading = false;
        this.#controller = null;
      }
    }
  }

  /** Reloads the head's assignment (after a propose, or to drop local edits), keeping the cells. */
  async reloadHead(): Promise<boolean> {
    if (!this.draft) return false;
    return this.load(this.draft.id);
  }

  dispose(): void {
    this.#controller?.abort();
    this.#listeners.clear();
  }

  #apply(d: DraftDetail, withCells: boolean): void {
    if (withCells) {
      const cells = d.units.features.filter((f) => f.geometry).map((f) => ({ id: String(f.properties.id), geometry: f.geometry as Polygon | MultiPolygon }));
      const { edges, measures } = unitAdjacency(cells);
      this.units = d.units.features.map((f) => ({
        id: String(f.properties.id), code: f.properties.code, households: f.properties.households, population: f.properties.population,
        liveGrid: f.properties.liveGrid, community: f.properties.community,
        centroid: (measures.get(String(f.properties.id))?.centroid ?? [0, 0]) as [number, number], geometry: f.geometry as Polygon | MultiPolygon,
      }));
      this.#byId = new Map(this.units.map((u) => [u.id, u]));
      this.#topology = buildTopology(this.units.map((u) => ({ id: u.id, households: u.households, population: u.population, areaM2: measures.get(u.id)?.areaM2 ?? 0, perimeterM: measures.get(u.id)?.perimeterM ?? 0 })), edges);
    }
    this.draft = d.draft;
    this.band = d.band;
    this.unitBand = d.unitBand;
    this.baseVersion = d.version.version;
    this.#assignment = new Map(Object.entries(d.assignments));
    this.#saved = new Map(this.#assignment);
    this.#savedLocked = [...d.version.locked].sort();
    this.locked = new Set(d.version.locked);
    const order: string[] = [];
    for (const u of this.units) {
      const g = this.#assignment.get(u.id);
      if (g !== undefined && !order.includes(g)) order.push(g);
    }
    this.grids = order;
    for (const g of order) this.colorOf(g);
    if (!this.active || !order.includes(this.active)) this.active = order[0] ?? null;
    this.#history.clear();
    this.#counts();
    this.rev++;
    this.#emit(withCells ? 'all' : this.units.map((u) => u.id));
  }

  /** Called with the units that changed after every edit, undo and redo. @returns unsubscribe */
  onChange(fn: ChangeListener): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  #emit(units: readonly string[] | 'all'): void {
    for (const fn of this.#listeners) fn(units);
  }

  unit(id: string): PlanUnit | undefined {
    return this.#byId.get(id);
  }

  gridOf(unitId: string): string | null {
    return this.#assignment.get(unitId) ?? null;
  }

  unitsOf(grid: string): string[] {
    return this.units.filter((u) => this.#assignment.get(u.id) === grid).map((u) => u.id);
  }

  /** The assignment as the API takes it (unit id → grid label). */
  assignmentRecord(): Record<string, string> {
    return Object.fromEntries(this.#assignment);
  }

  /** Units whose grid differs from the saved version, as [unit, saved grid, current grid]. */
  localChanges(): Move[] {
    const out: Move[] = [];
    for (const u of this.units) {
      const a = this.#saved.get(u.id) ?? null, b = this.#assignment.get(u.id) ?? null;
      if (a !== b) out.push([u.id, a, b]);
    }
    return out;
  }

  colorOf(grid: string): string {
    let c = this.#colors.get(grid);
    if (!c) {
      c = GRID_PALETTE[this.#colors.size % GRID_PALETTE.length];
      this.#colors.set(grid, c);
    }
    return c;
  }

  isLocked(grid: string | null): boolean {
    return grid !== null && this.locked.has(grid);
  }

  // ---- edits -------------------------------------------------------------------------------

  /** Starts a brush stroke: every `assign` until `endStroke` is one undo step. */
  beginStroke(): void {
    this.#stroke = new Map();
    this.#strokeBefore = { grids: [...this.grids], locked: [...this.locked] };
  }

  endStroke(): void {
    const moves = this.#stroke ? [...this.#stroke.values()].filter((m) => m[1] !== m[2]) : [];
    if (moves.length && this.#strokeBefore) this.#record({ moves, gridsBefore: this.#strokeBefore.grids, gridsAfter: [...this.grids], lockedBefore: this.#strokeBefore.locked, lockedAfter: [...this.locked] });
    this.#stroke = null;
    this.#strokeBefore = null;
  }

  /**
   * Moves units into grid `to` (null: unassigns). Units of locked grids stay; nothing moves into
   * a locked grid. @returns the units moved
   */
  assign(unitIds: Iterable<string>, to: string | null): string[] {
    if (this.isLocked(to)) return [];
    const moved: string[] = [];
    const moves: Move[] = [];
    for (const id of unitIds) {
      const from = this.#assignment.get(id) ?? null;
      if (from === to || this.isLocked(from) || !this.#byId.has(id)) continue;
      this.#set(id, to);
      moved.push(id);
      moves.push([id, from, to]);
    }
    if (!moved.length) return moved;
    if (this.#stroke) {
      for (const m of moves) {
        const old = this.#stroke.get(m[0]);
        this.#stroke.set(m[0], old ? [m[0], old[1], m[2]] : m);
      }
    } else {
      this.#record({ moves, gridsBefore: this.grids, gridsAfter: this.grids, lockedBefore: [...this.locked], lockedAfter: [...this.locked] });
    }
    this.rev++;
    this.#emit(moved);
    return moved;
  }

  /** Adds an empty grid with a new label and makes it the active one. */
  addGrid(): string {
    let k = this.grids.length + 1;
    while (this.grids.includes(`N${k}`)) k++;
    const label = `N${k}`;
    this.#edit([], [...this.grids, label], [...this.locked]);
    this.active = label;
    return label;
  }

  /** Deletes a grid: its units become unassigned. */
  deleteGrid(grid: string): void {
    if (this.isLocked(grid)) return;
    const moves: Move[] = this.unitsOf(grid).map((u) => [u, grid, null]);
    this.#edit(moves, this.grids.filter((g) => g !== grid), [...this.locked]);
    if (this.active === grid) this.active = this.grids[0] ?? null;
  }

  /** Merges grid `other` into `into`. */
  mergeGrids(into: string, other: string): void {
    if (into === other || this.isLocked(into) || this.isLocked(other)) return;
    const moves: Move[] = this.unitsOf(other).map((u) => [u, other, into]);
    this.#edit(moves, this.grids.filter((g) => g !== other), [...this.locked]);
    if (this.active === other) this.active = into;
  }

  /** Splits a grid: `moving` (units of it) go to a new grid. @returns the new grid's label */
  splitGrid(grid: string, moving: readonly string[]): string | null {
    const mine = moving.filter((u) => this.#assignment.get(u) === grid);
    if (this.isLocked(grid) || !mine.length || mine.length === this.unitsOf(grid).length) return null;
    let k = this.grids.length + 1;
    while (this.grids.includes(`N${k}`)) k++;
    const label = `N${k}`;
    const i = this.grids.indexOf(grid);
    this.#edit(mine.map((u) => [u, grid, label]), [...this.grids.slice(0, i + 1), label, ...this.grids.slice(i + 1)], [...this.locked]);
    return label;
  }

  toggleLock(grid: string): void {
    const next = new Set(this.locked);
    if (next.has(grid)) next.delete(grid);
    else next.add(grid);
    this.#edit([], [...this.grids], [...next]);
  }

  #edit(moves: Move[], gridsAfter: string[], lockedAfter: string[]): void {
    const step: Step = { moves, gridsBefore: [...this.grids], gridsAfter, lockedBefore: [...this.locked], lockedAfter };
    this.#run(step, false);
    this.#record(step);
  }

  #record(step: Step): void {
    this.#history.push(step);
    this.#counts();
  }

  #counts(): void {
    this.undoCount = this.#history.undoCount;
    this.redoCount = this.#history.redoCount;
  }

  #set(id: string, grid: string | null): void {
    if (grid === null) this.#assignment.delete(id);
    else this.#assignment.set(id, grid);
  }

  /** Applies a step forwards or backwards. */
  #run(step: Step, backwards: boolean): void {
    const moves = backwards ? [...step.moves].reverse() : step.moves;
    for (const [u, from, to] of moves) this.#set(u, backwards ? from : to);
    this.grids = [...(backwards ? step.gridsBefore : step.gridsAfter)];
    for (const g of this.grids) this.colorOf(g);
    this.locked = new Set(backwards ? step.lockedBefore : step.lockedAfter);
    if (this.active && !this.grids.includes(this.active)) this.active = this.grids[0] ?? null;
    this.rev++;
    this.#emit(step.moves.map((m) => m[0]));
  }

  undo(): void {
    if (this.#stroke) return;
    const s = this.#history.popUndo();
    if (s) this.#run(s, true);
    this.#counts();
  }

  redo(): void {
    if (this.#stroke) return;
    const s = this.#history.popRedo();
    if (s) this.#run(s, false);
    this.#counts();
  }

  /** After a successful save: the new version is the base, nothing is unsaved. */
  markSaved(version: number): void {
    this.baseVersion = version;
    this.#saved = new Map(this.#assignment);
    this.#savedLocked = [...this.locked].sort();
    if (this.draft) this.draft = { ...this.draft, headVersion: version };
    this.rev++;
  }

  /**
   * After a 409: take the head version as the new base and replay this session's changes on top
   * (units someone else moved and we did not touch keep their new grid).
   */
  async rebase(): Promise<boolean> {
    if (!this.draft) return false;
    const mine = this.localChanges();
    const locked = [...this.locked];
    const extraGrids = this.grids;
    const ok = await this.load(this.draft.id);
    if (!ok) return false;
    for (const [u, , to] of mine) this.#set(u, to);
    this.grids = [...new Set([...this.grids.filter((g) => extraGrids.includes(g) || this.unitsOf(g).length), ...extraGrids])];
    this.locked = new Set(locked);
    this.rev++;
    this.#emit(mine.map((m) => m[0]));
    return true;
  }
}
