/**
 * Recombination: the pair move that single-unit moves cannot make. Two adjacent grids are
 * pooled and cut again by straight lines at several angles (halving the households), each cut
 * made contiguous and polished between the two; the best cut replaces the pair when it lowers
 * their cost without adding band violation. Sweeps visit the costliest pairs first.
 */
import { polish } from './partition-polish.ts';
import type { PlanState } from './plan-state.ts';

const ANGLES = 8;

/** Moves stray pieces of a or b to the other grid until both are one piece; false if it cannot. */
function makeTwoPieces(st: PlanState, units: number[], a: number, b: number): boolean {
  const g = st.g;
  for (let round = 0; round < 6; round++) {
    let moved = false;
    for (const gi of [a, b]) {
      const mine = units.filter((u) => st.of[u] === gi);
      if (!mine.length) return false;
      const comp = new Map<number, number>();
      const pieces: number[][] = [];
      for (const s of mine) {
        if (comp.has(s)) continue;
        const list = [s];
        comp.set(s, pieces.length);
        for (let h = 0; h < list.length; h++) for (let k = g.start[list[h]]; k < g.start[list[h] + 1]; k++) {
          const v = g.nbr[k];
          if (st.of[v] === gi && !comp.has(v)) { comp.set(v, pieces.length); list.push(v); }
        }
        pieces.push(list);
      }
      if (pieces.length === 1) continue;
      const hh = (p: number[]) => p.reduce((t, u) => t + g.households[u], 0);
      pieces.sort((p, q) => hh(q) - hh(p) || q.length - p.length || p[0] - q[0]);
      for (const p of pieces.slice(1)) for (const u of p) st.move(u, gi === a ? b : a);
      moved = true;
    }
    if (!moved) return true;
  }
  return false;
}

/** Tries to re-cut grids a and b; keeps the best cut if it is better. Returns whether it changed. */
export function recombine(st: PlanState, a: number, b: number): boolean {
  const g = st.g;
  const units = [...st.members(a), ...st.members(b)];
  const grids = new Set([a, b]);
  const viol0 = st.viol(st.hh[a]) + st.viol(st.hh[b]);
  let bestCost = st.cost(a) + st.cost(b) - 1e-9;
  let bestOf: Int32Array | null = null;
  const start = st.mark();
  const total = units.reduce((t, u) => t + g.households[u], 0);
  for (let i = 0; i < ANGLES; i++) {
    const th = (Math.PI * i) / ANGLES, dx = Math.cos(th), dy = Math.sin(th);
    const sorted = [...units].sort((p, q) => dx * g.x[p] + dy * g.y[p] - (dx * g.x[q] + dy * g.y[q]) || p - q);
    let acc = 0;
    for (const u of sorted) {
      st.move(u, acc < total / 2 ? a : b);
      acc += g.households[u];
    }
    if (makeTwoPieces(st, units, a, b)) {
      polish(st, { units, grids });
      const viol = st.viol(st.hh[a]) + st.viol(st.hh[b]);
      const cost = st.cost(a) + st.cost(b);
      if (viol <= viol0 && cost < bestCost) { bestCost = cost; bestOf = Int32Array.from(units, (u) => st.of[u]); }
    }
    st.undo(start);
  }
  if (!bestOf) return false;
  units.forEach((u, i) => st.move(u, bestOf![i]));
  return true;
}

/** Sweeps over adjacent pairs of unlocked grids, costliest first; returns the number of changes. */
export function recombineSweep(st: PlanState): number {
  const pairs: [number, number, number][] = [];
  for (const a of st.liveGrids()) {
    if (st.locked[a]) continue;
    for (const b of st.gridNeighbours(a)) if (b > a && !st.locked[b]) pairs.push([a, b, st.cost(a) + st.cost(b)]);
  }
  pairs.sort((p, q) => q[2] - p[2] || p[0] - q[0] || p[1] - q[1]);
  let changed = 0;
  for (const [a, b] of pairs) if (st.size[a] && st.size[b] && recombine(st, a, b)) changed++;
  return changed;
}
