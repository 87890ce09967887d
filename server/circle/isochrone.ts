/**
 * Isochrone bands (5/10/15 minutes) drawn from the network actually reached (issue 4: "no area
 * that cannot be reached in time may be painted as covered", the defect of concave-hull
 * isochrones). For each band: every reached edge, cut at the exact remaining distance when only
 * partly reached, plus the stations' connectors, buffered by `ISOCHRONE_BUFFER_M` and unioned
 * (outline.ts: a distance field and marching squares, boundary within one `ISOCHRONE_CELL_M`).
 * The buffer is the tolerance: a point is painted only if it lies within bufferM + one cell of a
 * place reachable in time (a building's connector up to that width is drawn as covered).
 * Bands are nested areas (the 10-minute band contains the 5-minute one), not rings.
 */
import type { MultiPolygon, Position } from '../geo/geojson.ts';
import { Search } from './dijkstra.ts';
import { sliceLocal } from './edge-geometry.ts';
import { metresPerMinute, SPEED_DEFAULT_KMH } from './coverage.ts';
import { bufferOutline } from './outline.ts';
import type { Snap } from './snap.ts';
import { closedAt, toLocal, toLonLat, type WalkGraph } from './walk-graph.ts';

/** Half-width (m) painted either side of reached paths: about a building's depth from its street. */
export const ISOCHRONE_BUFFER_M = 30;
/** Grid step (m) of the outline; grown automatically for very large bands. */
export const ISOCHRONE_CELL_M = 3;

export interface IsochroneOptions {
  /** Bands, minutes (default 5, 10, 15). */
  minutes?: readonly number[];
  speedKmh?: number;
  /** The moment (gates closed then block). */
  at?: Date | number | null;
  bufferM?: number;
  cellM?: number;
}

export interface IsochroneBand {
  type: 'Feature';
  properties: { minutes: number; distM: number };
  geometry: MultiPolygon;
}

/**
 * The reached parts of the network within `budgetM` (equivalent metres) of `sources`, as local
 * [x, y] lines: whole edges, edge pieces cut at the remaining distance, and connectors.
 */
export function reachedLocal(g: WalkGraph, sources: readonly Snap[], budgetM: number, closed: Uint8Array | null = null, search?: Search): [number, number][][] {
  const s = search ?? new Search(g, closed, budgetM);
  if (!search) { sources.forEach((src, i) => s.seed(i, src)); s.run(); }
  const lines: [number, number][][] = [];
  const own = new Map<number, Snap[]>();
  for (const src of sources) own.set(src.edge, [...(own.get(src.edge) ?? []), src]);
  for (let e = 0; e < g.edgeCount; e++) {
    if (closed?.[e]) continue;
    const c = g.edgeCost[e];
    const ra = budgetM - s.dist[g.edgeSource[e]];
    const rb = budgetM - s.dist[g.edgeTarget[e]];
    const pieces: [number, number][] = [];
    if (ra >= 0 && rb >= 0 && ra + rb >= c) pieces.push([0, 1]);
    else {
      if (ra >= 0) pieces.push([0, c > 0 ? Math.min(1, ra / c) : 1]);
      if (rb >= 0) pieces.push([c > 0 ? Math.max(0, 1 - rb / c) : 0, 1]);
    }
    for (const src of own.get(e) ?? []) {
      const r = budgetM - src.connectorM;
      if (r >= 0) pieces.push(c > 0 ? [Math.max(0, src.t - r / c), Math.min(1, src.t + r / c)] : [0, 1]);
    }
    pieces.sort((p, q) => p[0] - q[0]);
    let cur: [number, number] | null = null;
    for (const p of pieces) {
      if (cur && p[0] <= cur[1]) cur[1] = Math.max(cur[1], p[1]);
      else { if (cur) lines.push(sliceLocal(g, e, cur[0], cur[1])); cur = [p[0], p[1]]; }
    }
    if (cur) lines.push(sliceLocal(g, e, cur[0], cur[1]));
  }
  for (const src of sources) {
    if (src.connectorM <= 0) continue;
    const f = Math.min(1, budgetM / src.connectorM);
    const [fx, fy] = toLocal(g, src.from);
    const [px, py] = toLocal(g, src.point);
    lines.push([[fx, fy], [fx + f * (px - fx), fy + f * (py - fy)]]);
  }
  return lines.filter((l) => l.length >= 2 && l.some((p) => p[0] !== l[0][0] || p[1] !== l[0][1]));
}

/** Like `reachedLocal`, in [lon, lat]. */
export function reachedLines(g: WalkGraph, sources: readonly Snap[], budgetM: number, closed: Uint8Array | null = null): Position[][] {
  return reachedLocal(g, sources, budgetM, closed).map((l) => l.map(([x, y]) => toLonLat(g, x, y)));
}

/**
 * Isochrone bands around one station (or several, drawn together), one Feature per band.
 * @param station snapped station(s)
 */
export function isochrones(g: WalkGraph, station: Snap | readonly Snap[], options: IsochroneOptions = {}): IsochroneBand[] {
  const sources = Array.isArray(station) ? (station as readonly Snap[]) : [station as Snap];
  const minutes = [...(options.minutes ?? [5, 10, 15])].sort((a, b) => a - b);
  const perMin = metresPerMinute(options.speedKmh ?? SPEED_DEFAULT_KMH);
  const closed = closedAt(g, options.at);
  const search = new Search(g, closed, minutes[minutes.length - 1] * perMin);
  sources.forEach((src, i) => search.seed(i, src));
  search.run();
  return minutes.map((m) => {
    const lines = reachedLocal(g, sources, m * perMin, closed, search);
    const polys = bufferOutline(lines, options.bufferM ?? ISOCHRONE_BUFFER_M, options.cellM ?? ISOCHRONE_CELL_M);
    return {
      type: 'Feature',
      properties: { minutes: m, distM: m * perMin },
      geometry: { type: 'MultiPolygon', coordinates: polys.map((p) => p.map((ring) => ring.map(([x, y]) => toLonLat(g, x, y)))) },
    };
  });
}
