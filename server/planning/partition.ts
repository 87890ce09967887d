/**
 * Grid proposals (issue 8): units → grids of 200–400 households, each grid contiguous and
 * compact, as few grids off target as the units allow.
 *
 * fresh:        recursive bisection (k = round(H/300) per connected part; three variants: the
 *               least-cut direction, the principal axis, x/y), repair (contiguity, band), then
 *               compactness: single-unit moves and recombination of adjacent grid pairs; the
 *               variant with the least band violation, then the lowest cost, is kept.
 * least_change: the current plan, repaired with as few moves as possible (no polish), so a plan
 *               that is already valid comes back unchanged. Without `current` it is fresh.
 * What cannot be done is explained, never hidden: a unit above the band becomes a grid of its
 * own (UNIT_TOO_LARGE), a part of the community cut off from the rest and below the band becomes
 * one grid (DISCONNECTED, or COMMUNITY_TOO_SMALL for the whole), and any grid the search leaves
 * outside the band is named (BAND_UNREACHABLE). The assignment is always complete.
 */
import type { AdjacencyEdge } from './adjacency.ts';
import { buildUnitGraph, components, type PlanningUnit, type UnitGraph } from './graph.ts';
import { bisect, gridCountFor, type BisectAxis } from './partition-init.ts';
import { polish } from './partition-polish.ts';
import { recombineSweep } from './partition-recombine.ts';
import { balance, fillUnassigned, fixContiguity, gridPieces } from './partition-repair.ts';
import { PlanState, type Band } from './plan-state.ts';
import { MESSAGES, PLANNING_REASONS as R, type PlanningIssue, type PlanningReason } from './reasons.ts';

export interface ProposeOptions {
  units: readonly PlanningUnit[];
  adjacency: readonly AdjacencyEdge[];
  /** [min, max] households per grid. Default [200, 400]. */
  band?: readonly [number, number];
  /** Households a grid should hold. Default the middle of the band (300). */
  target?: number;
  /**
   * Weight of the squared deviation from the target (in half band widths) against 1/PP in the
   * cost. Default 0.1 (compactness first); 1 or more keeps grids close to the target.
   */
  targetWeight?: number;
  /** Current unit id → grid id; units missing from it are unassigned. */
  current?: ReadonlyMap<string, string>;
  /** Default 'fresh'. */
  mode?: 'fresh' | 'least_change';
  /**
   * Unit id → community code, for a proposal over a whole street: grids never cross from one
   * community to another (adjacencies between communities are dropped).
   */
  communityOf?: ReadonlyMap<string, string>;
  /**
   * Grid ids of `current` the planner locked: in least-change mode their units stay exactly as
   * they are (a fresh proposal redraws everything and ignores locks).
   */
  locked?: readonly string[];
}

export interface Proposal {
  /** True when every grid is in the band, contiguous, and every unit assigned. */
  valid: boolean;
  /** The first issue's reason, null when valid. */
  reason: PlanningReason | null;
  message: string | null;
  issues: PlanningIssue[];
  /** Unit id → grid id (current ids are kept where a grid survives; new grids are `new-NN`). */
  assignment: Map<string, string>;
  /** Grid ids, in order of their first unit. */
  grids: string[];
  /** Units whose grid id is the same as in `current` (0 without it). */
  kept: number;
}

/** Recombination sweeps after the first polish (each is about as costly as the whole rest). */
const SWEEPS = 4;
const AXES: readonly BisectAxis[] = ['mincut', 'principal', 'xy'];

interface Setup { g: UnitGraph; band: Band; large: number[]; parts: number[][]; small: number[][] }

function sumHh(g: UnitGraph, units: number[]): number { return units.reduce((s, u) => s + g.households[u], 0); }

/** Locks a grid of exactly these units (a unit too large, a cut-off part below the band). */
function lockedGrid(st: PlanState, units: number[], gi = st.addGrid()): void {
  for (const u of units) st.move(u, gi);
  st.locked[gi] = true;
}

function fresh(s: Setup, axis: BisectAxis): PlanState {
  const st = new PlanState(s.g, s.band);
  for (const u of s.large) lockedGrid(st, [u]);
  for (const part of s.small) lockedGrid(st, part);
  for (const part of s.parts) for (const group of bisect(s.g, part, gridCountFor(sumHh(s.g, part), s.band), axis)) {
    const gi = st.addGrid();
    for (const u of group) st.move(u, gi);
  }
  fixContiguity(st);
  balance(st);
  polish(st);
  return st;
}

function sweeps(st: PlanState): PlanState {
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    if (!recombineSweep(st)) break;
    polish(st);
  }
  return st;
}

function leastChange(s: Setup, current: ReadonlyMap<string, string>, gridIndex: Map<string, number>, locked: readonly string[] = []): PlanState {
  const g = s.g;
  const of = new Int32Array(g.n).fill(-1);
  g.ids.forEach((id, u) => {
    const cur = current.get(id);
    if (cur === undefined) return;
    if (!gridIndex.has(cur)) gridIndex.set(cur, gridIndex.size);
    of[u] = gridIndex.get(cur)!;
  });
  const st = new PlanState(g, s.band, of);
  for (const id of locked) {
    const gi = gridIndex.get(id);
    if (gi !== undefined && gi < st.locked.length && st.size[gi] > 0) st.locked[gi] = true;
  }
  // Fixed grids keep their id when the current grid is exactly those units (a planner's lock wins).
  const isLocked = (u: number) => st.of[u] >= 0 && st.locked[st.of[u]];
  for (const fixed of [...s.large.map((u) => [u]), ...s.small]) {
    if (fixed.some(isLocked)) continue;
    const gi = st.of[fixed[0]];
    lockedGrid(st, fixed, gi >= 0 && st.size[gi] === fixed.length && fixed.every((u) => st.of[u] === gi) ? gi : st.addGrid());
  }
  fillUnassigned(st);
  // Parts with no current grid at all are proposed afresh.
  for (const part of s.parts) if (part.every((u) => st.of[u] < 0)) {
    for (const group of bisect(g, part, gridCountFor(sumHh(g, part), s.band))) {
      const gi = st.addGrid();
      for (const u of group) st.move(u, gi);
    }
  }
  fixContiguity(st);
  balance(st);
  return st;
}

/** Lexicographic score of a finished state: band violation, then cost. Lower is better. */
function score(st: PlanState): [number, number] {
  let c = 0;
  for (const gi of st.liveGrids()) c += st.cost(gi);
  return [st.totalViolation(), c];
}

/** Names the grids: current ids by largest household overlap (greedy), the rest `new-NN`. */
function nameGrids(st: PlanState, current: ReadonlyMap<string, string> | undefined): string[] {
  const g = st.g, names: string[] = new Array(st.gridCount).fill('');
  const overlap = new Map<string, number>();
  if (current) g.ids.forEach((id, u) => {
    const cur = current.get(id);
    if (cur !== undefined && st.of[u] >= 0) overlap.set(`${st.of[u]}\u0000${cur}`, (overlap.get(`${st.of[u]}\u0000${cur}`) ?? 0) + g.households[u] + 1e-3);
  });
  const taken = new Set<string>();
  for (const [key] of [...overlap].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
    const [gi, cur] = key.split('\u0000');
    if (names[Number(gi)] || taken.has(cur)) continue;
    names[Number(gi)] = cur;
    taken.add(cur);
  }
  let n = 0;
  const used = new Set(current?.values() ?? []);
  const fresh = () => { let id; do id = `new-${String(++n).padStart(2, '0')}`; while (used.has(id)); return id; };
  for (let u = 0; u < g.n; u++) { const gi = st.of[u]; if (gi >= 0 && !names[gi]) names[gi] = fresh(); }
  return names;
}

function invalid(reason: PlanningReason, message: string): Proposal {
  return { valid: false, reason, message, issues: [{ reason, message, units: [] }], assignment: new Map(), grids: [], kept: 0 };
}

/** Proposes grids for one community (or street): see the module comment. Deterministic. */
export function proposeGrids(opts: ProposeOptions): Proposal {
  const [min, max] = opts.band ?? [200, 400];
  const target = opts.target ?? (min + max) / 2;
  if (!(min >= 0 && min <= target && target <= max && max > 0)) return invalid(R.BAD_BAND, MESSAGES.badBand(min, max, target));
  if (!opts.units.length) return invalid(R.NO_UNITS, MESSAGES.noUnits());
  const within = opts.communityOf;
  const g = buildUnitGraph(opts.units, within ? opts.adjacency.filter((e) => within.get(e.a) === within.get(e.b)) : opts.adjacency);
  const band: Band = { min, max, target, targetWeight: opts.targetWeight };
  const large: number[] = [];
  for (let u = 0; u < g.n; u++) if (g.households[u] > max) large.push(u);
  const isLarge = new Set(large);
  const all = components(g, (u) => !isLarge.has(u));
  const s: Setup = { g, band, large, parts: all.filter((p) => sumHh(g, p) >= min), small: all.filter((p) => sumHh(g, p) < min) };

  let st: PlanState;
  if (opts.mode === 'least_change' && opts.current) st = leastChange(s, opts.current, new Map(), opts.locked);
  else {
    let best: { x: PlanState; sc: [number, number] } | null = null;
    for (const axis of AXES) {
      const x = fresh(s, axis), sc = score(x);
      if (!best || sc[0] < best.sc[0] || (sc[0] === best.sc[0] && sc[1] < best.sc[1])) best = { x, sc };
    }
    st = sweeps(best!.x);
  }
  const names = nameGrids(st, opts.current);
  const assignment = new Map<string, string>();
  g.ids.forEach((id, u) => { if (st.of[u] >= 0) assignment.set(id, names[st.of[u]]); });
  const grids = [...new Set(assignment.values())];
  let kept = 0;
  if (opts.current) for (const [id, gid] of assignment) if (opts.current.get(id) === gid) kept++;

  const issues: PlanningIssue[] = [];
  const ids = (us: number[]) => us.map((u) => g.ids[u]);
  for (const u of large) issues.push({ reason: R.UNIT_TOO_LARGE, message: MESSAGES.unitTooLarge(g.ids[u], g.households[u], max), units: [g.ids[u]], grid: names[st.of[u]] });
  const total = sumHh(g, g.ids.map((_, u) => u));
  if (total < min && !large.length) issues.push({ reason: R.COMMUNITY_TOO_SMALL, message: MESSAGES.communityTooSmall(total, min), units: [...g.ids], grid: names[st.of[0]] });
  else for (const p of s.small) issues.push({ reason: R.DISCONNECTED, message: MESSAGES.disconnected(ids(p), sumHh(g, p), min), units: ids(p), grid: names[st.of[p[0]]] });
  for (const gi of st.liveGrids()) if (!st.locked[gi] && st.viol(st.hh[gi]) > 0) {
    issues.push({ reason: R.BAND_UNREACHABLE, message: MESSAGES.bandUnreachable(names[gi], st.hh[gi], min, max), units: ids(st.members(gi)), grid: names[gi] });
  }
  for (const [gi, pieces] of gridPieces(st)) if (pieces.length > 1) issues.push({ reason: R.GRID_NOT_CONTIGUOUS, message: MESSAGES.notContiguous(names[gi], pieces.length), units: ids(st.members(gi)), grid: names[gi] });
  const unassigned = g.ids.filter((_, u) => st.of[u] < 0);
  if (unassigned.length) issues.push({ reason: R.UNIT_UNASSIGNED, message: MESSAGES.unassigned(unassigned), units: unassigned });
  return { valid: !issues.length, reason: issues[0]?.reason ?? null, message: issues[0]?.message ?? null, issues, assignment, grids, kept };
}
