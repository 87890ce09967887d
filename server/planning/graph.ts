/**
 * The unit graph the planner works on: units with their households, population, area and
 * boundary length, and their adjacencies in CSR arrays (neighbours of u are
 * nbr[start[u] .. start[u+1])). Built once per proposal or quality report.
 */
import type { Position } from '../geo/geojson.ts';
import type { AdjacencyEdge } from './adjacency.ts';
import { projectionFor } from './measure.ts';

/** A basic governance unit (楼栋/基础治理单元) as the planner sees it. */
export interface PlanningUnit {
  id: string;
  households: number;
  population: number;
  /** [lon, lat] of the unit's area centroid. */
  centroid: Position;
  /** Area of the unit's cell, m². */
  areaM2: number;
  /**
   * Boundary length of the cell, m. When missing it is taken as the larger of the boundary
   * shared with other units and the circumference of a disc of the same area (a lower bound).
   */
  perimeterM?: number;
}

export interface UnitGraph {
  n: number;
  ids: string[];
  index: Map<string, number>;
  households: Float64Array;
  population: Float64Array;
  areaM2: Float64Array;
  /** True boundary length of each unit (m). */
  perimeterM: Float64Array;
  /** Boundary length with the road-weakened shared parts counted at their weight (m). */
  perimeterEff: Float64Array;
  /** Local metres of the centroids (x east, y north). */
  x: Float64Array;
  y: Float64Array;
  start: Int32Array;
  nbr: Int32Array;
  sharedM: Float64Array;
  weight: Float64Array;
}

/**
 * Builds the graph. Edges naming a unit not in `units` are skipped (so a street-wide adjacency
 * can serve one community); an edge given twice keeps its longest length.
 */
export function buildUnitGraph(units: readonly PlanningUnit[], edges: readonly AdjacencyEdge[]): UnitGraph {
  const n = units.length;
  const index = new Map<string, number>();
  units.forEach((u, i) => {
    if (index.has(u.id)) throw new Error(`unit ${u.id} is given twice`);
    index.set(u.id, i);
  });
  const pairs = new Map<number, [number, number]>();
  for (const e of edges) {
    const a = index.get(e.a), b = index.get(e.b);
    if (a === undefined || b === undefined || a === b || !(e.sharedM > 0)) continue;
    const key = Math.min(a, b) * n + Math.max(a, b);
    const w = Math.min(e.sharedM, Math.max(0, e.weight ?? e.sharedM));
    const old = pairs.get(key);
    if (!old || old[0] < e.sharedM) pairs.set(key, [e.sharedM, w]);
  }
  const deg = new Int32Array(n + 1);
  for (const key of pairs.keys()) { deg[Math.floor(key / n)]++; deg[key % n]++; }
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i] + deg[i];
  const fill = start.slice(0, n);
  const nbr = new Int32Array(start[n]), sharedM = new Float64Array(start[n]), weight = new Float64Array(start[n]);
  for (const key of [...pairs.keys()].sort((p, q) => p - q)) {
    const a = Math.floor(key / n), b = key % n;
    const [s, w] = pairs.get(key)!;
    for (const [u, v] of [[a, b], [b, a]]) {
      nbr[fill[u]] = v; sharedM[fill[u]] = s; weight[fill[u]] = w; fill[u]++;
    }
  }
  const proj = projectionFor(units.map((u) => u.centroid));
  const x = new Float64Array(n), y = new Float64Array(n);
  const perimeterM = new Float64Array(n), perimeterEff = new Float64Array(n);
  units.forEach((u, i) => {
    [x[i], y[i]] = proj.toXY(u.centroid);
    let s = 0, w = 0;
    for (let k = start[i]; k < start[i + 1]; k++) { s += sharedM[k]; w += weight[k]; }
    const p = u.perimeterM ?? Math.max(s, 2 * Math.sqrt(Math.PI * Math.max(0, u.areaM2)));
    perimeterM[i] = Math.max(p, s);
    perimeterEff[i] = perimeterM[i] - s + w;
  });
  return {
    n, ids: units.map((u) => u.id), index,
    households: Float64Array.from(units, (u) => u.households), population: Float64Array.from(units, (u) => u.population),
    areaM2: Float64Array.from(units, (u) => Math.max(0, u.areaM2)), perimeterM, perimeterEff, x, y, start, nbr, sharedM, weight,
  };
}

/**
 * Connected components of the units for which `keep(u)` holds (all units by default),
 * as lists of unit indices in ascending order of their smallest member.
 */
export function components(g: UnitGraph, keep: (u: number) => boolean = () => true, sameGroup: (u: number, v: number) => boolean = () => true): number[][] {
  const comp = new Int32Array(g.n).fill(-1);
  const out: number[][] = [];
  for (let s = 0; s < g.n; s++) {
    if (comp[s] >= 0 || !keep(s)) continue;
    const list = [s];
    comp[s] = out.length;
    for (let h = 0; h < list.length; h++) {
      const u = list[h];
      for (let k = g.start[u]; k < g.start[u + 1]; k++) {
        const v = g.nbr[k];
        if (comp[v] < 0 && keep(v) && sameGroup(u, v)) { comp[v] = out.length; list.push(v); }
      }
    }
    out.push(list.sort((a, b) => a - b));
  }
  return out;
}
