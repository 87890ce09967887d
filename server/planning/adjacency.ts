/**
 * Unit adjacency from unit polygons (issue 8): two units are adjacent when their boundaries run
 * together for more than `minSharedM` metres. Boundaries are matched segment against segment
 * (collinear within `toleranceM`, overlap measured along the longer one) through a uniform grid
 * of cells, so T-junctions (one long side against two short ones, as in the synthetic cities) and
 * rounding to 7 decimals both count; corners touching at a point do not.
 *
 * Road option: a shared boundary that a major road runs along (or that a major road separates,
 * seen from the two unit centroids) keeps its length in `sharedM` but weighs `roadFactor` as much
 * in `weight`, so a partition that minimises weighted cuts puts grid boundaries on roads.
 */
import type { MultiPolygon, Polygon, Position } from '../geo/geojson.ts';
import { measureShape, projectionFor, ringsOf, type LocalProjection, type ShapeMeasures } from './measure.ts';

export interface UnitShape {
  id: string;
  geometry: Polygon | MultiPolygon;
}

export interface RoadLine {
  coordinates: Position[];
  /** OSM highway value; lines without one count as major. */
  highway?: string | null;
}

export interface AdjacencyOptions {
  /** Shared boundaries this long or shorter are ignored (m). Default 1. */
  minSharedM?: number;
  /** Two boundary segments are the same line when this close (m). Default 0.5. */
  toleranceM?: number;
  /** Roads whose shared boundaries count less. Default none. */
  roads?: RoadLine[];
  /** Highway values that count as major. Default motorway … tertiary and their links. */
  majorHighways?: readonly string[];
  /** A boundary piece this close to a parallel major road runs along it (m). Default 15. */
  roadDistanceM?: number;
  /** Weight of a boundary along a major road, relative to its length. Default 0.25. */
  roadFactor?: number;
}

/** An adjacency between two units: `sharedM` metres of common boundary, `weight` ≤ sharedM. */
export interface AdjacencyEdge {
  a: string;
  b: string;
  sharedM: number;
  weight?: number;
}

export interface UnitAdjacency {
  edges: AdjacencyEdge[];
  /** Area, perimeter and centroid of every unit, in the same metres. */
  measures: Map<string, ShapeMeasures>;
}

export const MAJOR_HIGHWAYS = ['motorway', 'trunk', 'primary', 'secondary', 'tertiary', 'motorway_link', 'trunk_link', 'primary_link', 'secondary_link', 'tertiary_link'] as const;

/** Segments as flat arrays: unit, x0, y0, x1, y1 per segment. */
interface Segments { unit: Int32Array; xy: Float64Array; count: number }

/** Buckets of segment indices in square cells of `cellM`, each segment in every cell its box touches. */
class SegmentGrid {
  private cells = new Map<number, number[]>();
  constructor(private readonly cellM: number) {}
  private key(cx: number, cy: number): number { return (cx + 1_048_576) * 2_097_152 + (cy + 1_048_576); }
  insert(i: number, x0: number, y0: number, x1: number, y1: number, padM: number): void {
    this.forCells(x0, y0, x1, y1, padM, (k) => {
      const c = this.cells.get(k);
      if (c) c.push(i);
      else this.cells.set(k, [i]);
    });
  }
  forCells(x0: number, y0: number, x1: number, y1: number, padM: number, fn: (key: number) => void): void {
    const s = this.cellM;
    const ax = Math.floor((Math.min(x0, x1) - padM) / s), bx = Math.floor((Math.max(x0, x1) + padM) / s);
    const ay = Math.floor((Math.min(y0, y1) - padM) / s), by = Math.floor((Math.max(y0, y1) + padM) / s);
    for (let cx = ax; cx <= bx; cx++) for (let cy = ay; cy <= by; cy++) fn(this.key(cx, cy));
  }
  get(key: number): number[] | undefined { return this.cells.get(key); }
}

function segmentsOf(units: UnitShape[], proj: LocalProjection): Segments {
  const unit: number[] = [];
  const xy: number[] = [];
  units.forEach((u, ui) => {
    for (const ring of ringsOf(u.geometry)) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [x0, y0] = proj.toXY(ring[i]);
        const [x1, y1] = proj.toXY(ring[i + 1]);
        if (Math.hypot(x1 - x0, y1 - y0) < 1e-6) continue;
        unit.push(ui);
        xy.push(x0, y0, x1, y1);
      }
    }
  });
  return { unit: Int32Array.from(unit), xy: Float64Array.from(xy), count: unit.length };
}

/** A piece of shared boundary: midpoint, unit direction and length, for the road test. */
interface Piece { mx: number; my: number; dx: number; dy: number; len: number }

/**
 * Overlap of two segments that lie on one line within `tol`: measured along the longer one.
 * Returns null when they are not collinear or do not overlap.
 */
function overlap(s: Float64Array, i: number, j: number, tol: number): Piece | null {
  let [ax, ay, bx, by] = [s[4 * i], s[4 * i + 1], s[4 * i + 2], s[4 * i + 3]];
  let [cx, cy, ex, ey] = [s[4 * j], s[4 * j + 1], s[4 * j + 2], s[4 * j + 3]];
  if (Math.hypot(bx - ax, by - ay) < Math.hypot(ex - cx, ey - cy)) [ax, ay, bx, by, cx, cy, ex, ey] = [cx, cy, ex, ey, ax, ay, bx, by];
  const len = Math.hypot(bx - ax, by - ay);
  const dx = (bx - ax) / len, dy = (by - ay) / len;
  const off1 = dx * (cy - ay) - dy * (cx - ax), off2 = dx * (ey - ay) - dy * (ex - ax);
  if (Math.abs(off1) > tol || Math.abs(off2) > tol) return null;
  const t1 = dx * (cx - ax) + dy * (cy - ay), t2 = dx * (ex - ax) + dy * (ey - ay);
  const lo = Math.max(0, Math.min(t1, t2)), hi = Math.min(len, Math.max(t1, t2));
  if (hi - lo <= 1e-6) return null;
  const mid = (lo + hi) / 2;
  return { mx: ax + dx * mid, my: ay + dy * mid, dx, dy, len: hi - lo };
}

/** Tests pieces and centroid-to-centroid lines against the major roads. */
function roadTester(roads: RoadLine[], majors: ReadonlySet<string>, proj: LocalProjection, distM: number) {
  const xy: number[] = [];
  for (const r of roads) {
    if (r.highway && !majors.has(r.highway)) continue;
    for (let i = 0; i + 1 < r.coordinates.length; i++) xy.push(...proj.toXY(r.coordinates[i]), ...proj.toXY(r.coordinates[i + 1]));
  }
  const segs = Float64Array.from(xy);
  const grid = new SegmentGrid(50);
  for (let i = 0; i < segs.length / 4; i++) grid.insert(i, segs[4 * i], segs[4 * i + 1], segs[4 * i + 2], segs[4 * i + 3], 0);
  const near = (x0: number, y0: number, x1: number, y1: number, pad: number, fn: (i: number) => boolean): boolean => {
    let hit = false;
    grid.forCells(x0, y0, x1, y1, pad, (k) => { if (!hit) for (const i of grid.get(k) ?? []) if (fn(i)) { hit = true; break; } });
    return hit;
  };
  return {
    /** A piece runs along a road: its midpoint within distM of a road segment at under 30°. */
    along(p: Piece): boolean {
      return near(p.mx, p.my, p.mx, p.my, distM, (i) => {
        const [ax, ay, bx, by] = [segs[4 * i], segs[4 * i + 1], segs[4 * i + 2], segs[4 * i + 3]];
        const l = Math.hypot(bx - ax, by - ay);
        if (l < 1e-6) return false;
        const ux = (bx - ax) / l, uy = (by - ay) / l;
        if (Math.abs(ux * p.dx + uy * p.dy) < Math.cos(Math.PI / 6)) return false;
        const t = Math.max(0, Math.min(l, ux * (p.mx - ax) + uy * (p.my - ay)));
        return Math.hypot(ax + ux * t - p.mx, ay + uy * t - p.my) <= distM;
      });
    },
    /** The straight line between two points crosses a road. */
    crosses(x0: number, y0: number, x1: number, y1: number): boolean {
      return near(x0, y0, x1, y1, 0, (i) => properCross(x0, y0, x1, y1, segs[4 * i], segs[4 * i + 1], segs[4 * i + 2], segs[4 * i + 3]));
    },
  };
}

function properCross(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
  const o = (px: number, py: number, qx: number, qy: number, rx: number, ry: number) => Math.sign((qx - px) * (ry - py) - (qy - py) * (rx - px));
  return o(ax, ay, bx, by, cx, cy) * o(ax, ay, bx, by, dx, dy) < 0 && o(cx, cy, dx, dy, ax, ay) * o(cx, cy, dx, dy, bx, by) < 0;
}

/**
 * The adjacency graph of `units` (ids unique) with shared-boundary lengths, plus each unit's
 * area, perimeter and centroid. Deterministic: edges ordered by (a, b) in input order, a before b.
 */
export function unitAdjacency(units: UnitShape[], options: AdjacencyOptions = {}): UnitAdjacency {
  const minShared = options.minSharedM ?? 1;
  const tol = options.toleranceM ?? 0.5;
  const proj = projectionFor(units.flatMap((u) => ringsOf(u.geometry).flat()));
  const segs = segmentsOf(units, proj);
  const grid = new SegmentGrid(25);
  const s = segs.xy;
  for (let i = 0; i < segs.count; i++) grid.insert(i, s[4 * i], s[4 * i + 1], s[4 * i + 2], s[4 * i + 3], tol);

  const n = units.length;
  const shared = new Map<number, number>();
  const pieces = new Map<number, Piece[]>();
  const keepPieces = Boolean(options.roads?.length);
  const seen = new Int32Array(segs.count).fill(-1);
  for (let i = 0; i < segs.count; i++) {
    const ui = segs.unit[i];
    grid.forCells(s[4 * i], s[4 * i + 1], s[4 * i + 2], s[4 * i + 3], tol, (k) => {
      for (const j of grid.get(k) ?? []) {
        if (j <= i || seen[j] === i) continue;
        seen[j] = i;
        const uj = segs.unit[j];
        if (uj === ui) continue;
        const p = overlap(s, i, j, tol);
        if (!p) continue;
        const key = Math.min(ui, uj) * n + Math.max(ui, uj);
        shared.set(key, (shared.get(key) ?? 0) + p.len);
        if (keepPieces) (pieces.get(key) ?? pieces.set(key, []).get(key)!).push(p);
      }
    });
  }

  const measures = new Map<string, ShapeMeasures>();
  for (const u of units) measures.set(u.id, measureShape(u.geometry, proj));
  const roads = keepPieces ? roadTester(options.roads!, new Set(options.majorHighways ?? MAJOR_HIGHWAYS), proj, options.roadDistanceM ?? 15) : null;
  const factor = options.roadFactor ?? 0.25;
  const edges: AdjacencyEdge[] = [];
  for (const key of [...shared.keys()].sort((x, y) => x - y)) {
    const len = shared.get(key)!;
    if (len <= minShared) continue;
    const a = units[Math.floor(key / n)].id, b = units[key % n].id;
    let weight = len;
    if (roads) {
      const [ax, ay] = proj.toXY(measures.get(a)!.centroid);
      const [bx, by] = proj.toXY(measures.get(b)!.centroid);
      const along = roads.crosses(ax, ay, bx, by) ? len : pieces.get(key)!.reduce((t, p) => t + (roads.along(p) ? p.len : 0), 0);
      weight = len - (1 - factor) * Math.min(len, along);
    }
    edges.push({ a, b, sharedM: round2(len), weight: round2(weight) });
  }
  return { edges, measures };
}

const round2 = (v: number) => Math.round(v * 100) / 100;
