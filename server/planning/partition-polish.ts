/**
 * Compactness polish of a fresh proposal: boundary units move to a neighbouring grid while that
 * lowers Σ (1/Polsby–Popper + target deviation) without adding band violation and without
 * cutting the grid they leave. A work list revisits only the neighbourhood of each move, so a
 * pass costs about (boundary units × degree). Strictly decreasing cost: it always stops.
 */
import type { PlanState } from './plan-state.ts';

const EPS = 1e-9;

/**
 * Runs the polish; returns the number of moves made. `scope` limits it to some units and the
 * grids they may move between; `maxMoves` bounds the work (default 40 n).
 */
export function polish(st: PlanState, scope?: { units: number[]; grids: ReadonlySet<number> }, maxMoves = 40 * st.g.n): number {
  const g = st.g;
  const queued = new Uint8Array(g.n);
  let list: number[] = scope ? [...scope.units] : Array.from({ length: g.n }, (_, u) => u);
  for (const u of list) queued[u] = 1;
  const allowed = (gi: number) => !scope || scope.grids.has(gi);
  let moves = 0;
  while (list.length && moves < maxMoves) {
    const next: number[] = [];
    for (const u of list) {
      queued[u] = 0;
      const from = st.of[u];
      if (from < 0 || st.locked[from] || st.size[from] <= 1 || !allowed(from)) continue;
      let best = -1, bestDc = -EPS;
      const tried = new Set<number>();
      for (let k = g.start[u]; k < g.start[u + 1]; k++) {
        const to = st.of[g.nbr[k]];
        if (to < 0 || to === from || st.locked[to] || tried.has(to) || !allowed(to)) continue;
        tried.add(to);
        const [dv, dc] = st.delta(u, to);
        if (dv > 0) continue;
        if (dv < 0 || dc < bestDc) { if (dv < 0) { best = to; break; } best = to; bestDc = dc; }
      }
      if (best < 0 || !st.canRemove(u)) continue;
      st.move(u, best);
      moves++;
      for (let k = g.start[u]; k < g.start[u + 1]; k++) {
        const v = g.nbr[k];
        if (!queued[v]) { queued[v] = 1; next.push(v); }
      }
      if (!queued[u]) { queued[u] = 1; next.push(u); }
    }
    list = next;
  }
  return moves;
}
