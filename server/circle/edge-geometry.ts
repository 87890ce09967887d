/**
 * Geometry along one edge of the walking graph, in local metres. A fraction `t` along an edge
 * (0 = source node, 1 = target node) is measured along its geometry; walking costs use the same
 * fraction of the edge's `lengthM` / cost, so geometry and network lengths stay consistent.
 */
import type { Position } from '../geo/geojson.ts';
import { toLonLat, type WalkGraph } from './walk-graph.ts';

/** Number of vertices of edge `e`, end nodes included. */
export function vertexCount(g: WalkGraph, e: number): number {
  return g.geomOffset[e + 1] - g.geomOffset[e] + 2;
}

/** Vertex `k` (0 = source node … vertexCount−1 = target node) of edge `e` as local [x, y]. */
export function vertex(g: WalkGraph, e: number, k: number): [number, number] {
  const n = vertexCount(g, e);
  if (k === 0) return [g.nodeX[g.edgeSource[e]], g.nodeY[g.edgeSource[e]]];
  if (k === n - 1) return [g.nodeX[g.edgeTarget[e]], g.nodeY[g.edgeTarget[e]]];
  const i = 2 * (g.geomOffset[e] + k - 1);
  return [g.geomXY[i], g.geomXY[i + 1]];
}

/** Local vertices of edge `e`, source to target. */
export function edgeVertices(g: WalkGraph, e: number): [number, number][] {
  const n = vertexCount(g, e);
  const out: [number, number][] = [];
  for (let k = 0; k < n; k++) out.push(vertex(g, e, k));
  return out;
}

/** Cumulative lengths (m) at each vertex; the last is the geometric length of the edge. */
export function cumulativeLengths(pts: readonly [number, number][]): number[] {
  const cum = [0];
  for (let k = 1; k < pts.length; k++) cum.push(cum[k - 1] + Math.hypot(pts[k][0] - pts[k - 1][0], pts[k][1] - pts[k - 1][1]));
  return cum;
}

/** Point at fraction `t` of a polyline with cumulative lengths `cum`. */
function pointAtFraction(pts: readonly [number, number][], cum: readonly number[], t: number): [number, number] {
  const total = cum[cum.length - 1];
  if (total === 0) return pts[0];
  const d = Math.min(Math.max(t, 0), 1) * total;
  let k = 1;
  while (k < pts.length - 1 && cum[k] < d) k++;
  const seg = cum[k] - cum[k - 1];
  const f = seg > 0 ? (d - cum[k - 1]) / seg : 0;
  return [pts[k - 1][0] + f * (pts[k][0] - pts[k - 1][0]), pts[k - 1][1] + f * (pts[k][1] - pts[k - 1][1])];
}

/**
 * The part of edge `e` between fractions `t0` and `t1` as local [x, y] points, in the order
 * t0 → t1 (reversed when t0 > t1). Fractions are clamped to [0, 1].
 */
export function sliceLocal(g: WalkGraph, e: number, t0: number, t1: number): [number, number][] {
  const pts = edgeVertices(g, e);
  const cum = cumulativeLengths(pts);
  const lo = Math.min(Math.max(Math.min(t0, t1), 0), 1);
  const hi = Math.min(Math.max(Math.max(t0, t1), 0), 1);
  const total = cum[cum.length - 1];
  const out: [number, number][] = [pointAtFraction(pts, cum, lo)];
  // Interior vertices strictly inside (by more than 1 mm, so cut points do not double them).
  for (let k = 1; k < pts.length - 1; k++) {
    if (cum[k] > lo * total + 1e-3 && cum[k] < hi * total - 1e-3) out.push(pts[k]);
  }
  out.push(pointAtFraction(pts, cum, hi));
  return t0 > t1 ? out.reverse() : out;
}

/** Like `sliceLocal`, in [lon, lat]. */
export function slice(g: WalkGraph, e: number, t0: number, t1: number): Position[] {
  return sliceLocal(g, e, t0, t1).map(([x, y]) => toLonLat(g, x, y));
}
