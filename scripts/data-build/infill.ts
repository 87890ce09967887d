/**
 * Synthetic housing where OSM maps residential landuse but (almost) no buildings — most of
 * Pudong's 1980s–90s 新村 (崂山, 乳山, 梅园 …) in this extract. Each such polygon is filled with
 * south-facing 6-floor slabs (the 老公房 pattern) on a fixed metric grid, kept clear of mapped
 * buildings and roads. Slabs get refs `syn:<n>` and osmId null; data/README.md says so.
 */
import { area } from '@turf/turf';
import type { Polygon, Position } from 'geojson';
import type { LanduseArea } from './buildings.ts';
import { householdsFor } from './classify.ts';
import type { Projection } from './geo.ts';
import { INFILL_MAX_COVER, SLAB } from './rules.ts';
import type { Building, LonLat } from './types.ts';

type Rect = [number, number, number, number]; // x0, y0, x1, y1 in projected metres

function inRing(p: Position, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Point in a projected polygon with holes. */
export function inPolygonXY(p: Position, rings: Position[][]): boolean {
  return inRing(p, rings[0]) && !rings.slice(1).some((h) => inRing(p, h));
}

const grow = (r: Rect, m: number): Rect => [r[0] - m, r[1] - m, r[2] + m, r[3] + m];

/** Does segment a–b touch rectangle r? (Liang–Barsky clipping.) */
export function segmentHitsRect(a: Position, b: Position, r: Rect): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const tests: [number, number][] = [[-dx, a[0] - r[0]], [dx, r[2] - a[0]], [-dy, a[1] - r[1]], [dy, r[3] - a[1]]];
  for (const [p, q] of tests) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return true;
}

/** A rectangle fits when its inset-grown copy lies inside the polygon and no edge cuts it. */
export function rectFits(r: Rect, rings: Position[][], inset: number): boolean {
  const g = grow(r, inset);
  const corners: Position[] = [[g[0], g[1]], [g[2], g[1]], [g[2], g[3]], [g[0], g[3]]];
  if (!corners.every((c) => inPolygonXY(c, rings))) return false;
  return !rings.some((ring) => ring.some((p, i) => i > 0 && segmentHitsRect(ring[i - 1], p, g)));
}

export interface Obstacles {
  /** Projected bboxes of mapped buildings. */
  boxes: Rect[];
  /** Projected road segments. */
  segments: [Position, Position][];
}

/** Slab rectangles on the global grid that fit inside one projected polygon; each is added to the obstacles. */
export function slabRects(rings: Position[][], obstacles: Obstacles): Rect[] {
  const pitchX = SLAB.lengthM + SLAB.gapXM;
  const pitchY = SLAB.depthM + SLAB.gapYM;
  const xs = rings[0].map((p) => p[0]);
  const ys = rings[0].map((p) => p[1]);
  const out: Rect[] = [];
  for (let y = Math.floor(Math.min(...ys) / pitchY) * pitchY; y < Math.max(...ys); y += pitchY) {
    for (let x = Math.floor(Math.min(...xs) / pitchX) * pitchX; x < Math.max(...xs); x += pitchX) {
      const r: Rect = [x, y, x + SLAB.lengthM, y + SLAB.depthM];
      if (!rectFits(r, rings, SLAB.insetM)) continue;
      const clear = grow(r, SLAB.clearM);
      if (obstacles.boxes.some((b) => b[0] <= clear[2] && clear[0] <= b[2] && b[1] <= clear[3] && clear[1] <= b[3])) continue;
      if (obstacles.segments.some(([a, b]) => segmentHitsRect(a, b, clear))) continue;
      out.push(r);
      obstacles.boxes.push(r); // overlapping landuse polygons must not place a slab twice
    }
  }
  return out;
}

/** Share of a landuse polygon covered by mapped buildings whose centre lies in it. */
function cover(l: LanduseArea, buildings: Building[], inside: (p: LonLat) => boolean): number {
  const m2 = buildings.filter((b) => inside(b.center)).reduce((s, b) => s + b.footprintM2, 0);
  return m2 / l.areaM2;
}

/**
 * Synthetic slabs for every residential landuse polygon whose mapped building cover is below
 * INFILL_MAX_COVER. `roads` are lon/lat lines of surface roads and paths.
 */
export function infillSlabs(landuse: LanduseArea[], buildings: Building[], roads: Position[][], proj: Projection): Building[] {
  const obstacles: Obstacles = {
    boxes: buildings.map((b) => {
      const pts = (b.geometry.type === 'Polygon' ? [b.geometry.coordinates] : b.geometry.coordinates).flat(2).map((c) => proj.toXY(c));
      return [Math.min(...pts.map((p) => p[0])), Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[1]))];
    }),
    segments: roads.flatMap((line) => line.slice(1).map((p, i) => [proj.toXY(line[i]), proj.toXY(p)] as [Position, Position])),
  };
  const out: Building[] = [];
  for (const l of landuse) {
    if (l.kind !== 'residential') continue;
    const polys = l.geometry.type === 'Polygon' ? [l.geometry.coordinates] : l.geometry.coordinates;
    const projected = polys.map((rings) => rings.map((ring) => ring.map((c) => proj.toXY(c))));
    const inside = (p: LonLat) => projected.some((rings) => inPolygonXY(proj.toXY(p), rings));
    if (cover(l, buildings, inside) >= INFILL_MAX_COVER) continue;
    for (const rings of projected) {
      for (const r of slabRects(rings, obstacles)) {
        const ring = [[r[0], r[1]], [r[2], r[1]], [r[2], r[3]], [r[0], r[3]], [r[0], r[1]]].map((p) => proj.toLonLat(p));
        const geometry: Polygon = { type: 'Polygon', coordinates: [ring] };
        const footprintM2 = area(geometry);
        out.push({
          ref: `syn:${out.length + 1}`, osmId: null, name: null, use: 'residential', floors: SLAB.floors, heightM: null,
          households: householdsFor('residential', footprintM2, SLAB.floors), address: null, geometry,
          center: proj.toLonLat([(r[0] + r[2]) / 2, (r[1] + r[3]) / 2]), footprintM2, rule: 'infill', unitCode: null,
        });
      }
    }
  }
  return out;
}
