/**
 * One label point per area polygon, inside it. Labelling the polygons directly would repeat a
 * name in every tile a large area crosses, so the labels get a point source of their own.
 */
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';

type Ring = Position[];

/** Signed planar area of a ring (degrees², only compared with other rings). */
function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  }
  return sum / 2;
}

/** Area-weighted centroid of a ring, or its first vertex when degenerate. */
function ringCentroid(ring: Ring): Position {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    a += f;
    cx += (ring[j][0] + ring[i][0]) * f;
    cy += (ring[j][1] + ring[i][1]) * f;
  }
  return a === 0 ? ring[0] : [cx / (3 * a), cy / (3 * a)];
}

/** x where each edge of the rings crosses the horizontal line at `y`, sorted. */
function crossings(rings: Ring[], y: number): number[] {
  const xs: number[] = [];
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [x1, y1] = ring[j];
      const [x2, y2] = ring[i];
      if (y1 > y !== y2 > y) xs.push(x1 + ((y - y1) * (x2 - x1)) / (y2 - y1));
    }
  }
  return xs.sort((a, b) => a - b);
}

/**
 * A point inside a polygon: its centroid when that is inside, otherwise the middle of the widest
 * stretch of the polygon along the centroid's latitude.
 */
export function polygonLabelPoint(rings: Ring[]): Position {
  const c = ringCentroid(rings[0]);
  const xs = crossings(rings, c[1]);
  let best: Position | null = null;
  let bestWidth = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    if (xs[i] <= c[0] && c[0] <= xs[i + 1]) return c;
    if (xs[i + 1] - xs[i] > bestWidth) {
      bestWidth = xs[i + 1] - xs[i];
      best = [(xs[i] + xs[i + 1]) / 2, c[1]];
    }
  }
  return best ?? rings[0][0];
}

/** The label point of a Polygon or of the largest part of a MultiPolygon. */
export function labelPoint(geometry: Polygon | MultiPolygon): Position {
  if (geometry.type === 'Polygon') return polygonLabelPoint(geometry.coordinates);
  let largest = geometry.coordinates[0];
  let largestArea = -1;
  for (const poly of geometry.coordinates) {
    const a = Math.abs(ringArea(poly[0]));
    if (a > largestArea) {
      largestArea = a;
      largest = poly;
    }
  }
  return polygonLabelPoint(largest);
}

/** Same properties and ids as `fc`, one Point per feature. */
export function labelPoints<P>(fc: FeatureCollection<Polygon | MultiPolygon, P>): FeatureCollection<Point, P> {
  const features: Feature<Point, P>[] = [];
  for (const f of fc.features) {
    if (!f.geometry || f.geometry.coordinates.length === 0) continue;
    features.push({ type: 'Feature', id: f.id, properties: f.properties, geometry: { type: 'Point', coordinates: labelPoint(f.geometry) } });
  }
  return { type: 'FeatureCollection', features };
}
