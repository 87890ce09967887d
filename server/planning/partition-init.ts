/**
 * First cut of a fresh proposal: recursive bisection of the unit centroids. A set due k grids is
 * split across its principal axis (or, in the alternate variant, across the longer of x and y)
 * where the households on one side reach ⌊k/2⌋/k of the total, and each side is split again,
 * down to one grid per leaf. Leaves are compact and balanced but not always contiguous on a
 * concave community; the repair pass fixes that.
 */
import type { UnitGraph } from './graph.ts';

export type BisectAxis = 'principal' | 'xy' | 'mincut' | 'peel';

/** Directions tried by the min-cut variant (over the full circle: the side due ⌊k/2⌋ grids may lie either way). */
const DIRECTIONS = 16;

/** Unit direction of the largest spread of the units' centroids (area-weighted). */
function axisOf(g: UnitGraph, units: number[], mode: BisectAxis): [number, number] {
  let w = 0, mx = 0, my = 0;
  for (const u of units) { const a = g.areaM2[u] + 1; w += a; mx += a * g.x[u]; my += a * g.y[u]; }
  mx /= w; my /= w;
  let sxx = 0, syy = 0, sxy = 0;
  for (const u of units) {
    const a = g.areaM2[u] + 1, dx = g.x[u] - mx, dy = g.y[u] - my;
    sxx += a * dx * dx; syy += a * dy * dy; sxy += a * dx * dy;
  }
  if (mode === 'xy') return sxx >= syy ? [1, 0] : [0, 1];
  const theta = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  return [Math.cos(theta), Math.sin(theta)];
}

/** Units sorted along (ax, ay) and cut where the first side holds share of the households. */
function cutAlong(g: UnitGraph, units: number[], ax: number, ay: number, share: number): [number[], number[]] {
  const sorted = [...units].sort((a, b) => ax * g.x[a] + ay * g.y[a] - (ax * g.x[b] + ay * g.y[b]) || a - b);
  let total = 0;
  for (const u of sorted) total += g.households[u];
  const want = total * share;
  let acc = 0, cut = 1, best = Infinity;
  for (let i = 0; i < sorted.length - 1; i++) {
    acc += g.households[sorted[i]];
    const d = Math.abs(acc - want);
    if (d < best) { best = d; cut = i + 1; }
  }
  return [sorted.slice(0, cut), sorted.slice(cut)];
}

/** Weighted boundary between the two sides. */
function cutCost(g: UnitGraph, [first, second]: [number[], number[]], ctx: Ctx): number {
  const stamp = ++ctx.stamp;
  for (const u of second) ctx.mark[u] = stamp;
  let cut = 0;
  for (const u of first) for (let k = g.start[u]; k < g.start[u + 1]; k++) if (ctx.mark[g.nbr[k]] === stamp) cut += g.weight[k];
  return cut;
}

interface Ctx { mark: Int32Array; stamp: number }

/**
 * Splits `units` into `k` groups of about equal households. Returns the groups in the order of
 * the bisection tree. 'mincut' picks, at each split, the direction whose cut runs along the
 * least (road-weighted) shared boundary; the others cut across the principal axis or the longer
 * of x and y.
 */
export function bisect(g: UnitGraph, units: number[], k: number, mode: BisectAxis = 'mincut', ctx: Ctx = { mark: new Int32Array(g.n), stamp: 0 }): number[][] {
  if (mode === 'peel') return peel(g, units, k);
  if (k <= 1 || units.length <= 1) return [units];
  const k1 = Math.floor(k / 2);
  let sides: [number[], number[]];
  if (mode !== 'mincut') {
    const [ax, ay] = axisOf(g, units, mode);
    sides = cutAlong(g, units, ax, ay, k1 / k);
  } else {
    let best = Infinity;
    sides = [units, []];
    for (let i = 0; i < DIRECTIONS; i++) {
      const th = (2 * Math.PI * i) / DIRECTIONS;
      const cand = cutAlong(g, units, Math.cos(th), Math.sin(th), k1 / k);
      const c = cutCost(g, cand, ctx);
      if (c < best) { best = c; sides = cand; }
    }
  }
  return [...bisect(g, sides[0], k1, mode, ctx), ...bisect(g, sides[1], k - k1, mode, ctx)];
}

/** Number of grids for a connected set of `households`: round(h/target) clamped to the band. */
export function gridCountFor(households: number, band: { min: number; max: number; target: number }): number {
  const lo = Math.max(1, Math.ceil(households / band.max)), hi = Math.max(1, Math.floor(households / band.min));
  const k = Math.round(households / band.target);
  return lo > hi ? Math.max(1, Math.round(households / band.target)) : Math.min(hi, Math.max(lo, k));
}

/**
 * The 'peel' variant: grids grown one at a time from the unit farthest from the centre of what
 * is left, taking the nearest adjacent units until the grid holds its share. It follows the
 * graph, so a pendant part of the community (reached through one unit) is taken together with
 * its neck, which straight cuts miss.
 */
function peel(g: UnitGraph, units: number[], k: number): number[][] {
  const left = new Set(units);
  const groups: number[][] = [];
  let total = units.reduce((t, u) => t + g.households[u], 0);
  for (let i = 0; i < k - 1 && left.size > 1; i++) {
    let cx = 0, cy = 0;
    for (const u of left) { cx += g.x[u]; cy += g.y[u]; }
    cx /= left.size; cy /= left.size;
    let seed = -1, far = -1;
    for (const u of left) { const d = Math.hypot(g.x[u] - cx, g.y[u] - cy); if (d > far) { far = d; seed = u; } }
    const want = total / (k - i);
    const group: number[] = [];
    const frontier = new Set([seed]);
    let h = 0;
    while (frontier.size) {
      let next = -1, best = Infinity;
      for (const u of frontier) { const d = Math.hypot(g.x[u] - g.x[seed], g.y[u] - g.y[seed]); if (d < best) { best = d; next = u; } }
      if (group.length && Math.abs(h + g.households[next] - want) > Math.abs(h - want)) break;
      frontier.delete(next);
      left.delete(next);
      group.push(next);
      h += g.households[next];
      for (let j = g.start[next]; j < g.start[next + 1]; j++) if (left.has(g.nbr[j])) frontier.add(g.nbr[j]);
    }
    total -= h;
    groups.push(group);
  }
  groups.push([...left]);
  return groups;
}
