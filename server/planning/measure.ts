/**
 * Local metric geometry for planning: a community spans a few kilometres, so an equirectangular
 * projection about its own centre is accurate to well under 0.1 % (far below the precision of
 * unit cells) and turns every length and area into plain arithmetic in metres.
 */
import { EARTH_RADIUS_M } from '../geo/distance.ts';
import type { MultiPolygon, Polygon, Position } from '../geo/geojson.ts';

const M_PER_DEG = (EARTH_RADIUS_M * Math.PI) / 180;

/** [lon, lat] ↔ local metres (x east, y north) about an origin. */
export interface LocalProjection {
  origin: Position;
  toXY(p: readonly number[]): [number, number];
  toLonLat(x: number, y: number): Position;
}

export function localProjection(origin: readonly number[]): LocalProjection {
  const kx = M_PER_DEG * Math.cos((origin[1] * Math.PI) / 180);
  const [lon0, lat0] = origin;
  return {
    origin: [lon0, lat0],
    toXY: (p) => [(p[0] - lon0) * kx, (p[1] - lat0) * M_PER_DEG],
    toLonLat: (x, y) => [lon0 + x / kx, lat0 + y / M_PER_DEG],
  };
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
  return localProjection(Number.isFinite(w) ? [(w + e) / 2, (s + n) / 2] : [0, 0]);
}

/** The rings of a Polygon or MultiPolygon, outer rings and holes alike. */
export function ringsOf(g: Polygon | MultiPolygon): Position[][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

/** Area (m², holes subtracted), perimeter (m, holes included) and area centroid ([lon, lat]). */
export interface ShapeMeasures {
  areaM2: number;
  perimeterM: number;
  centroid: Position;
}

export function measureShape(g: Polygon | MultiPolygon, proj: LocalProjection): ShapeMeasures {
  let area = 0, cx = 0, cy = 0, perim = 0, vx = 0, vy = 0, nv = 0;
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const poly of polygons) {
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
      // Outer rings count positive and holes negative whatever their winding.
      const sign = (r === 0 ? 1 : -1) * Math.sign(a || 1);
      area += (sign * a) / 2;
      cx += (sign * sx) / 6;
      cy += (sign * sy) / 6;
    });
  }
  const centroid = Math.abs(area) > 1e-9 ? proj.toLonLat(cx / area, cy / area) : proj.toLonLat(vx / Math.max(1, nv), vy / Math.max(1, nv));
  return { areaM2: Math.abs(area), perimeterM: perim, centroid };
}

/** Polsby–Popper compactness 4πA/P² in (0, 1]: 1 for a disc, ≈0.785 for a square. */
export function polsbyPopper(areaM2: number, perimeterM: number): number {
  return perimeterM > 0 ? (4 * Math.PI * areaM2) / (perimeterM * perimeterM) : 0;
}
