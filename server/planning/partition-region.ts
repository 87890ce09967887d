/**
 * Last resort of the balance pass, before splitting or merging grids: a grid the chains could not
 * bring into the band is pooled with the grids around it (one ring of neighbours, then two) and
 * the pool is cut afresh (each bisection variant, with as many grids as before, one more, one
 * less), made contiguous and rebalanced. The first result with less band violation is kept.
 * Needed when units are large next to the band (grids of two or three units), where moving one
 * unit at a time along a chain overshoots.
 */
import { bisect, type BisectAxis } from './partition-init.ts';
import type { PlanState } from './plan-state.ts';

const VARIANTS: readonly BisectAxis[] = ['mincut', 'principal', 'xy', 'peel'];

/** Grids within `radius` steps of gi (locked ones excluded). */
function ring(st: PlanState, gi: number, radius: number): number[] {
  const out = new Set([gi]);
  let frontier = [gi];
  for (let r = 0; r < radius; r++) {
    const next: number[] = [];
    for (const x of frontier) for (const o of st.gridNeighbours(x)) if (!out.has(o) && !st.locked[o]) { out.add(o); next.push(o); }
    frontier = next;
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * Re-cuts the region around gi. `repair` makes grids contiguous and runs the chains (passed in
 * to keep this module free of a cycle). Returns whether the total violation went down.
 */
export function resolveRegion(st: PlanState, gi: number, repair: (grids: number[]) => void): boolean {
  const before = st.totalViolation();
  for (const radius of [1, 2]) {
    const grids = ring(st, gi, radius);
    const units = grids.flatMap((x) => st.members(x));
    const h = units.reduce((t, u) => t + st.g.households[u], 0);
    const lo = Math.max(1, Math.ceil(h / st.band.max)), hi = Math.max(lo, Math.floor(h / st.band.min));
    for (const k of [grids.length, grids.length + 1, grids.length - 1]) {
      if (k < lo || k > hi) continue;
      for (const axis of VARIANTS) {
        const mark = st.mark();
        const ids = [...grids];
        bisect(st.g, units, k, axis).forEach((group, i) => {
          const to = ids[i] ?? st.addGrid();
          ids[i] = to;
          for (const u of group) st.move(u, to);
        });
        repair(ids);
        if (st.totalViolation() < before) return true;
        st.undo(mark);
      }
    }
  }
  return false;
}
