/**
 * Unit-cell geometry in the browser, the same arithmetic as server/planning/measure.ts and
 * adjacency.ts (so the live panel and the server agree to the metre): a local equirectangular
 * projection about the scope's centre, cell area/perimeter/centroid, and unit adjacency from
 * boundary segments that run together (collinear within `toleranceM`) for more than `minSharedM`.
 * Corners touching at a point are not adjacent.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** Mean Earth radius (m), as server/geo/distance.ts. */
const EARTH_RADIUS_M = 6_371_008.8;
const M_PER_DEG = (EARTH_RADIUS_M * Math.PI) / 180;

export interface LocalProjection {
  toXY(p: readonly number[]): [number, number];
  toLonLat(x: number, y: number): [number, number];
}

/** The projection about the centre of the bounding box of all positions given. */
export function projectionFor(points: Iterable<readonly number[]>): LocalProjection {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const p of points) {
    if (p[0] < w) w = p[0];
    if (p[0] > e) e = p[0];
    if (p[1] < s) s = p[1];
    if (p[1] > n) n = p[1];
  }
  const [lon0, lat0] = Number.isFinite(w) ? [(w + e) / 2, (s + n) / 2] : [0, 0];
  const kx = M_PER_DEG * Math.cos((lat0 * Math.PI) / 180);
  return {
    toXY: (p) => [(p[0] - lon0) * kx, (p[1] - lat0) * M_PER_DEG],
    toLonLat: (x, y) => [lon0 + x / kx, lat0 + y / M_PER_DEG],
  };
}

export function ringsOf(g: Polygon | MultiPolygon): Position[][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

export interface ShapeMeasures {
  /** m², holes subtracted */
  areaM2: number;
  /** m, holes included */
  perimeterM: number;
  /** [lon, lat] of the area centroid */
  centroid: [number, number];
}

export function measureShape(g: Polygon | MultiPolygon, proj: LocalProjection): ShapeMeasures {
  let area = 0, cx = 0, cy = 0, perim = 0, vx = 0, vy = 0, nv = 0;
  for (const poly of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) {
    poly.forEach((ring, r) => {
      const pts = ring.map((p) => proj.toXY(p));
      let a = 0, sx = 0, sy = 0;
      for (let i = 0; i + 1 < pts.length; i++) {
        const [x0, y0] = pts[i];
        const [x1, y1] = pts[i + 1];
        const c = x0 * y1 - x1 * y0;
        a += c;
        sx += (x0 + x1) * c;
        sy += (y0 + y1) * c;
        perim += Math.hypot(x1 - x0, y1 - y0);
        vx += x0;
        vy += y0;
        nv++;
      }
      // outer rings count positive and holes negative whatever their winding
      const sign = (r === 0 ? 1 : -1) * Math.sign(a || 1);
      area += (sign * a) / 2;
      cx += (sign * sx) / 6;
      cy += (sign * sy) / 6;
    });
  }
  const centroid = Math.abs(area) > 1e-9 ? proj.toLonLat(cx / area, cy / area) : proj.toLonLat(vx / Math.max(1, nv), vy / Math.max(1, nv));
  return { areaM2: Math.abs(area), perimeterM: perim, centroid };
}

export interface UnitShape {
  id: string;
  geometry: Polygon | MultiPolygon;
}

/** `sharedM` metres of boundary common to units a and b. */
export interface AdjacencyEdge {
  a: string;
  b: string;
  sharedM: number;
}

/** Overlap (m) of two segments on one line within `tol`, measured along the longer; 0 if none. */
function overlap(s: Float64Array, i: number, j: number, tol: number): number {
  let [ax, ay, bx, by] = [s[4 * i], s[4 * i + 1], s[4 * i + 2], s[4 * i + 3]];
  let [cx, cy, ex, ey] = [s[4 * j], s[4 * j + 1], s[4 * j + 2], s[4 * j + 3]];
  if (Math.hypot(bx - ax, by - ay) < Math.hypot(ex - cx, ey - cy)) [ax, ay, bx, by, cx, cy, ex, ey] = [cx, cy, ex, ey, ax, ay, bx, by];
  const len = Math.hypot(bx - ax, by - ay);
  const dx = (bx - ax) / len, dy = (by - ay) / len;
  if (Math.abs(dx * (cy - ay) - dy * (cx - ax)) > tol || Math.abs(dx * (ey - ay) - dy * (ex - ax)) > tol) return 0;
  const t1 = dx * (cx - ax) + dy * (cy - ay), t2 = dx * (ex - ax) + dy * (ey - ay);
  const lo = Math.max(0, Math.min(t1, t2)), hi = Math.min(len, Math.max(t1, t2));
  return hi - lo <= 1e-6 ? 0 : hi - lo;
}

/**
 * Adjacency of unit cells and each cell's measures, computed once per workspace.
 * @param minSharedM - shared boundaries this long or shorter are ignored (m)
 * @param toleranceM - two segments this close are the same line (m)
 */
export function unitAdjacency(units: readonly UnitShape[], minSharedM = 1, toleranceM = 0.5): { edges: AdjacencyEdge[]; measures: Map<string, ShapeMeasures> } {
  const proj = projectionFor(units.flatMap((u) => ringsOf(u.geometry).flat()));
  const owner: number[] = [];
  const xyList: number[] = [];
  units.forEach((u, ui) => {
    for (const ring of ringsOf(u.geometry)) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [x0, y0] = proj.toXY(ring[i]);
        const [x1, y1] = proj.toXY(ring[i + 1]);
        if (Math.hypot(x1 - x0, y1 - y0) < 1e-6) continue;
        owner.push(ui);
        xyList.push(x0, y0, x1, y1);
      }
    }
  });
  const s = Float64Array.from(xyList);
  // buckets of 25 m cells, each segment in every cell its padded box touches
  const CELL = 25;
  const cells = new Map<number, number[]>();
  const forCells = (i: number, fn: (k: number) => void) => {
    const ax = Math.floor((Math.min(s[4 * i], s[4 * i + 2]) - toleranceM) / CELL), bx = Math.floor((Math.max(s[4 * i], s[4 * i + 2]) + toleranceM) / CELL);
    const ay = Math.floor((Math.min(s[4 * i + 1], s[4 * i + 3]) - toleranceM) / CELL), by = Math.floor((Math.max(s[4 * i + 1], s[4 * i + 3]) + toleranceM) / CELL);
    for (let cx = ax; cx <= bx; cx++) for (let cy = ay; cy <= by; cy++) fn((cx + 1_048_576) * 2_097_152 + (cy + 1_048_576));
  };
  for (let i = 0; i < owner.length; i++) forCells(i, (k) => (cells.get(k) ?? cells.set(k, []).get(k)!).push(i));
  const n = units.length;
  const shared = new Map<number, number>();
  const seen = new Int32Array(owner.length).fill(-1);
  for (let i = 0; i < owner.length; i++) {
    forCells(i, (k) => {
      for (const j of cells.get(k) ?? []) {
        if (j <= i || seen[j] === i) continue;
        seen[j] = i;
        if (owner[j] === owner[i]) continue;
        const len = overlap(s, i, j, toleranceM);
        if (!len) continue;
        const key = Math.min(owner[i], owner[j]) * n + Math.max(owner[i], owner[j]);
        shared.set(key, (shared.get(key) ?? 0) + len);
      }
    });
  }
  const edges: AdjacencyEdge[] = [];
  for (const key of [...shared.keys()].sort((x, y) => x - y)) {
    const len = shared.get(key)!;
    if (len > minSharedM) edges.push({ a: units[Math.floor(key / n)].id, b: units[key % n].id, sharedM: Math.round(len * 100) / 100 });
  }
  const measures = new Map<string, ShapeMeasures>();
  for (const u of units) measures.set(u.id, measureShape(u.geometry, proj));
  return { edges, measures };
}
