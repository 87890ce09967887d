/** Point-in-polygon for picking the compound under a click (even-odd rule, GeoJSON rings). */
import type { Feature, Geometry, Position } from 'geojson';

function inRing(p: [number, number], ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function contains(g: Geometry, p: [number, number]): boolean {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  return polys.some((rings) => rings.reduce((acc, r) => (inRing(p, r) ? !acc : acc), false));
}

/** The id of the first feature whose polygon holds the point. */
export function featureAt(features: Feature[], p: [number, number]): number | null {
  const f = features.find((x) => x.geometry && contains(x.geometry, p));
  return f ? Number(f.properties?.id ?? f.id) : null;
}
