/**
 * Repair passes shared by fresh and least-change proposals, in this order:
 * 1. fill: unassigned units join the neighbouring grid they share most boundary with;
 * 2. contiguity: a grid keeps its largest piece (by households), other pieces join the neighbour
 *    grid they share most boundary with;
 * 3. balance: a grid outside the band takes units from (or gives units to) a grid with slack,
 *    along a chain of adjacent grids, one unit per link (with the part of the giver it would cut
 *    off, if any), each link keeping the giver contiguous; when no chain helps, the region around
 *    the grid is cut afresh (partition-region.ts); then an over-full grid is split in two and an
 *    under-full one merged into a neighbour (or dissolved into its neighbours). The best state
 *    seen is kept.
 * Every step only moves units between adjacent grids, so grids never span two graph components.
 */
import { components } from './graph.ts';
import { bisect } from './partition-init.ts';
import { resolveRegion } from './partition-region.ts';
import type { PlanState } from './plan-state.ts';

/** Assigns every unassigned unit reachable from an assigned one. Returns how many stay unassigned. */
export function fillUnassigned(st: PlanState): number {
  const g = st.g;
  for (;;) {
    const wave: [number, number][] = [];
    for (let u = 0; u < g.n; u++) {
      if (st.of[u] >= 0) continue;
      const by = new Map<number, number>();
      for (let k = g.start[u]; k < g.start[u + 1]; k++) {
        const o = st.of[g.nbr[k]];
        if (o >= 0 && !st.locked[o]) by.set(o, (by.get(o) ?? 0) + g.sharedM[k]);
      }
      const best = [...by].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
      if (best) wave.push([u, best[0]]);
    }
    if (!wave.length) break;
    for (const [u, gi] of wave) st.move(u, gi);
  }
  let left = 0;
  for (let u = 0; u < st.g.n; u++) if (st.of[u] < 0) left++;
  return left;
}

/** Pieces of every grid, largest (households, then units) first. */
export function gridPieces(st: PlanState): Map<number, number[][]> {
  const g = st.g, out = new Map<number, number[][]>();
  for (const piece of components(g, (u) => st.of[u] >= 0, (u, v) => st.of[u] === st.of[v])) {
    const gi = st.of[piece[0]];
    (out.get(gi) ?? out.set(gi, []).get(gi)!).push(piece);
  }
  const hh = (p: number[]) => p.reduce((s, u) => s + g.households[u], 0);
  for (const ps of out.values()) ps.sort((a, b) => hh(b) - hh(a) || b.length - a.length || a[0] - b[0]);
  return out;
}

/** Makes every unlocked grid one piece. Pieces with no other grid next to them become grids of their own. */
export function fixContiguity(st: PlanState): void {
  const g = st.g;
  for (let round = 0; round < 20; round++) {
    let moved = false;
    for (const [gi, pieces] of gridPieces(st)) {
      if (st.locked[gi]) continue; // a locked grid stays as drawn, islands and all
      for (const piece of pieces.slice(1)) {
        const inPiece = new Set(piece), by = new Map<number, number>();
        for (const u of piece) for (let k = g.start[u]; k < g.start[u + 1]; k++) {
          const o = st.of[g.nbr[k]];
          if (o >= 0 && o !== gi && !inPiece.has(g.nbr[k]) && !st.locked[o]) by.set(o, (by.get(o) ?? 0) + g.sharedM[k]);
        }
        const best = [...by].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
        const to = best ? best[0] : st.addGrid();
        for (const u of piece) st.move(u, to);
        moved = true;
      }
    }
    if (!moved) return;
  }
}

/**
 * Moves the best unit of grid `from` that touches grid `to` into it; a unit whose leaving would
 * cut `from` goes with the part it cuts off. False when nothing can go.
 */
function giveOne(st: PlanState, from: number, to: number): boolean {
  if (st.size[from] <= 1) return false;
  const g = st.g;
  let best: number[] | null = null, bv = Infinity, bc = Infinity;
  for (const u of st.members(from)) {
    let touches = false;
    for (let k = g.start[u]; k < g.start[u + 1] && !touches; k++) touches = st.of[g.nbr[k]] === to;
    if (!touches) continue;
    let dv: number, dc: number;
    const group = [u, ...st.cutOff(u)];
    if (group.length === 1) [dv, dc] = st.delta(u, to);
    else {
      if (group.length >= st.size[from]) continue;
      const v0 = st.viol(st.hh[from]) + st.viol(st.hh[to]), c0 = st.cost(from) + st.cost(to), mark = st.mark();
      for (const v of group) st.move(v, to);
      dv = st.viol(st.hh[from]) + st.viol(st.hh[to]) - v0;
      dc = st.cost(from) + st.cost(to) - c0;
      st.undo(mark);
    }
    if (dv < bv || (dv === bv && dc < bc)) { best = group; bv = dv; bc = dc; }
  }
  if (!best) return false;
  for (const v of best) st.move(v, to);
  return true;
}

/** Breadth-first tree over adjacent grids (locked ones excluded): parent of each grid reached. */
function gridTree(st: PlanState, root: number, depth: number): Map<number, number> {
  const parent = new Map<number, number>([[root, -1]]);
  let frontier = [root];
  const adj = new Map<number, Set<number>>();
  const near = (gi: number) => adj.get(gi) ?? adj.set(gi, st.gridNeighbours(gi)).get(gi)!;
  for (let d = 0; d < depth && frontier.length; d++) {
    const next: number[] = [];
    for (const gi of frontier) for (const o of [...near(gi)].sort((a, b) => a - b)) {
      if (parent.has(o) || st.locked[o]) continue;
      parent.set(o, gi);
      next.push(o);
    }
    frontier = next;
  }
  return parent;
}

/**
 * Moves one unit along each link of a chain of grids to or from `gi` (taking when under the
 * band, giving when over), trying the nearest grids with slack first. Keeps the first chain that
 * lowers the total band violation.
 */
function shiftChain(st: PlanState, gi: number, maxDepth = 8, maxTries = 40): boolean {
  const under = st.hh[gi] < st.band.min;
  const parent = gridTree(st, gi, maxDepth);
  const before = st.totalViolation();
  let tries = 0;
  for (const end of parent.keys()) {
    if (end === gi) continue;
    const slack = under ? st.hh[end] - st.band.min : st.band.max - st.hh[end];
    if (slack <= 0) continue;
    if (++tries > maxTries) break;
    const chain: number[] = [];
    for (let x = end; x >= 0; x = parent.get(x)!) chain.push(x);
    if (!under) chain.reverse(); // giver first
    const mark = st.mark();
    let ok = true;
    for (let i = 0; i + 1 < chain.length && ok; i++) ok = giveOne(st, chain[i], chain[i + 1]);
    if (ok && st.totalViolation() < before) return true;
    st.undo(mark);
  }
  return false;
}

/** Splits an over-full grid in two halves of its units; the halves are made contiguous later. */
function split(st: PlanState, gi: number): void {
  const [, second] = bisect(st.g, st.members(gi), 2);
  const to = st.addGrid();
  for (const u of second ?? []) st.move(u, to);
}

/** Merges an under-full grid into the smallest neighbour with room, else spreads its units. */
function mergeOrDissolve(st: PlanState, gi: number): void {
  const room = [...st.gridNeighbours(gi)].filter((o) => !st.locked[o] && st.hh[o] + st.hh[gi] <= st.band.max).sort((a, b) => st.hh[a] - st.hh[b] || a - b);
  if (room.length) {
    for (const u of st.members(gi)) st.move(u, room[0]);
    return;
  }
  for (const u of st.members(gi)) st.move(u, -1);
  fillUnassigned(st);
}

/**
 * Bounds on the last resorts, so that an input with no solution (a unit too large for its
 * neighbourhood) is explained in about a second instead of searched for long.
 */
const MAX_REGIONS = 6;
const MAX_STRUCTURAL = 12;

/** Brings grids into the band. Returns the total violation left. */
export function balance(st: PlanState): number {
  let structural = 0, regions = 0;
  // Splits and merges may pass through worse states: the best one seen is restored at the end.
  let best = st.totalViolation(), bestMark = st.mark();
  const repair = (ids: number[]) => {
    fixContiguity(st);
    for (const x of ids) if (st.size[x] && st.viol(st.hh[x]) > 0) shiftChain(st, x);
  };
  for (let round = 0; round < 200 && best > 0; round++) {
    const bad = st.liveGrids().filter((gi) => !st.locked[gi] && st.viol(st.hh[gi]) > 0).sort((a, b) => st.viol(st.hh[b]) - st.viol(st.hh[a]) || a - b);
    if (!bad.length) break;
    let progress = false;
    for (const gi of bad) if (st.viol(st.hh[gi]) > 0 && shiftChain(st, gi)) progress = true;
    if (!progress && regions++ < MAX_REGIONS) progress = bad.some((gi) => st.viol(st.hh[gi]) > 0 && resolveRegion(st, gi, repair));
    if (!progress) {
      if (structural++ >= MAX_STRUCTURAL) break;
      const gi = bad[0];
      if (st.hh[gi] > st.band.max) split(st, gi);
      else mergeOrDissolve(st, gi);
      fixContiguity(st);
    }
    const v = st.totalViolation();
    if (v < best) { best = v; bestMark = st.mark(); }
  }
  if (st.totalViolation() > best) st.undo(bestMark);
  return st.totalViolation();
}
