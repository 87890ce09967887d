/**
 * Pure checks on polygon rings in lon/lat degrees: closure, self-intersection and crossings
 * between the rings of one polygon. Planar arithmetic on degrees is exact enough for the
 * question "do these segments cross" at community scale.
 */
import type { Position } from './geojson.ts';

type Segment = { a: Position; b: Position; ring: number; index: number; count: number };

export function isRingClosed(ring: readonly Position[]): boolean {
  if (ring.length === 0) return false;
  const f = ring[0];
  const l = ring[ring.length - 1];
  return f[0] === l[0] && f[1] === l[1];
}

/** Drops consecutive repeated positions (zero-length segments), which are harmless but would look like touches. */
export function dedupeConsecutive(ring: readonly Position[]): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}

function orient(p: Position, q: Position, r: Position): number {
  const v = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

/** Is r, known to be collinear with segment pq, within its bounding box? */
function onSegment(p: Position, q: Position, r: Position): boolean {
  return Math.min(p[0], q[0]) <= r[0] && r[0] <= Math.max(p[0], q[0])
    && Math.min(p[1], q[1]) <= r[1] && r[1] <= Math.max(p[1], q[1]);
}

/**
 * Where segments ab and cd meet, or null. A touch (an endpoint on the other segment) counts;
 * for collinear overlaps one point of the overlap is returned.
 */
export function segmentIntersection(a: Position, b: Position, c: Position, d: Position): Position | null {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (o1 !== o2 && o3 !== o4 && o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0) {
    const den = (a[0] - b[0]) * (c[1] - d[1]) - (a[1] - b[1]) * (c[0] - d[0]);
    const t = ((a[0] - c[0]) * (c[1] - d[1]) - (a[1] - c[1]) * (c[0] - d[0])) / den;
    return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
  }
  if (o1 === 0 && onSegment(a, b, c)) return c;
  if (o2 === 0 && onSegment(a, b, d)) return d;
  if (o3 === 0 && onSegment(c, d, a)) return a;
  if (o4 === 0 && onSegment(c, d, b)) return b;
  return null;
}

/** Segments of a closed ring after removing repeated positions. */
function segmentsOf(ring: readonly Position[], ringIndex: number): Segment[] {
  const pts = dedupeConsecutive(ring);
  const count = pts.length - 1;
  const out: Segment[] = [];
  for (let i = 0; i < count; i++) out.push({ a: pts[i], b: pts[i + 1], ring: ringIndex, index: i, count });
  return out;
}

/**
 * Adjacent segments of one ring share a vertex; that is no intersection unless they fold back
 * over each other (a spike), i.e. are collinear and point the same way from the shared vertex.
 */
function adjacentOverlap(s: Segment, t: Segment): Position | null {
  const [first, second] = (s.index + 1) % s.count === t.index ? [s, t] : [t, s];
  const p = first.a;
  const q = first.b;
  const r = second.b;
  if (orient(p, q, r) !== 0) return null;
  const dot = (p[0] - q[0]) * (r[0] - q[0]) + (p[1] - q[1]) * (r[1] - q[1]);
  return dot > 0 ? q : null;
}

function adjacent(s: Segment, t: Segment): boolean {
  if (s.ring !== t.ring) return false;
  return (s.index + 1) % s.count === t.index || (t.index + 1) % t.count === s.index;
}

/**
 * Sweeps segments sorted by west edge and calls `hit` for each pair whose x-ranges overlap;
 * stops at the first pair for which `hit` returns a position.
 */
function sweep(segs: Segment[], hit: (s: Segment, t: Segment) => Position | null): Position | null {
  const sorted = [...segs].sort((s, t) => Math.min(s.a[0], s.b[0]) - Math.min(t.a[0], t.b[0]));
  for (let i = 0; i < sorted.length; i++) {
    const s = sorted[i];
    const maxX = Math.max(s.a[0], s.b[0]);
    for (let j = i + 1; j < sorted.length; j++) {
      const t = sorted[j];
      if (Math.min(t.a[0], t.b[0]) > maxX) break;
      const p = hit(s, t);
      if (p) return p;
    }
  }
  return null;
}

/**
 * The first point where a closed ring touches or crosses itself, or null for a simple ring.
 * A ring with fewer than 3 distinct vertices is left to the caller's size check.
 */
export function findRingSelfIntersection(ring: readonly Position[]): Position | null {
  const segs = segmentsOf(ring, 0);
  if (segs.length < 3) return null;
  return sweep(segs, (s, t) => (adjacent(s, t) ? adjacentOverlap(s, t) : segmentIntersection(s.a, s.b, t.a, t.b)));
}

/**
 * The first point where two different rings of one polygon cross (a proper crossing, not a
 * touch at one point, which OGC allows between a hole and its shell), or null.
 */
export function findRingsCrossing(rings: readonly (readonly Position[])[]): Position | null {
  if (rings.length < 2) return null;
  const segs = rings.flatMap((r, i) => segmentsOf(r, i));
  return sweep(segs, (s, t) => {
    if (s.ring === t.ring) return null;
    const o1 = orient(s.a, s.b, t.a);
    const o2 = orient(s.a, s.b, t.b);
    const o3 = orient(t.a, t.b, s.a);
    const o4 = orient(t.a, t.b, s.b);
    if (o1 * o2 < 0 && o3 * o4 < 0) return segmentIntersection(s.a, s.b, t.a, t.b);
    return null;
  });
}

/** Twice the signed area (positive = counter-clockwise) of a closed ring, in degrees². */
export function ringSignedArea2(ring: readonly Position[]): number {
  let s = 0;
  for (let i = 1; i < ring.length; i++) s += ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1];
  return s;
}

/** Ray-casting point-in-ring test (boundary counts as either). */
export function pointInRing(p: Position, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
