/**
 * basemap.geojson (earth, landuse, water for drawing), pois.geojson (raw OSM POIs) and
 * entrances.geojson (entrances with the building they touch).
 */
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, Position } from 'geojson';
import type { LanduseArea } from './buildings.ts';
import { bboxOf, dist, type Projection } from './geo.ts';
import { firstProp, groupByOsmId, isArea, lineParts, unionPieces } from './merge-pieces.ts';
import type { Area2D, Building, LonLat, OsmFeature } from './types.ts';

const zh = (p: Record<string, any>): string | null => p['name:zh'] ?? p.name ?? null;
/** Water lines worth drawing: rivers have polygons already, canals and streams do not. */
const WATER_LINES = new Set(['canal', 'stream', 'ditch', 'drain']);

function merged(osm: OsmFeature[], layer: string): { pieces: OsmFeature[]; geometry: Area2D }[] {
  const out: { pieces: OsmFeature[]; geometry: Area2D }[] = [];
  for (const pieces of groupByOsmId(osm.filter((f) => f.properties.layer === layer && isArea(f)))) {
    const geometry = unionPieces(pieces.map((p) => p.geometry));
    if (geometry) out.push({ pieces, geometry });
  }
  return out;
}

/** Earth first, then landuse, then water: the order to draw them in. */
export function basemapFeatures(osm: OsmFeature[], landuse: LanduseArea[]): Feature[] {
  const f = (layer: string, kind: string, name: string | null, geometry: any): Feature => ({ type: 'Feature', properties: { layer, kind, name }, geometry });
  const earth = merged(osm, 'earth').map((m) => f('earth', firstProp(m.pieces, 'kind') ?? 'earth', null, m.geometry));
  const land = landuse.map((l) => f('landuse', l.kind, l.name, l.geometry));
  const water = merged(osm, 'water').map((m) => f('water', firstProp(m.pieces, 'kind'), firstProp(m.pieces, 'name:zh') ?? firstProp(m.pieces, 'name'), m.geometry));
  const lines = osm
    .filter((o) => o.properties.layer === 'water' && WATER_LINES.has(o.properties.kind))
    .flatMap((o) => lineParts(o).map((line) => f('water', o.properties.kind, zh(o.properties), { type: 'LineString', coordinates: line })));
  return [...earth, ...land, ...water, ...lines];
}

export interface Poi {
  osmId: number | null;
  kind: string;
  name: string | null;
  at: LonLat;
}

export function readPois(osm: OsmFeature[]): Poi[] {
  return osm
    .filter((f) => f.properties.layer === 'poi' && f.geometry.type === 'Point')
    .map((f) => ({ osmId: f.properties.osm_id ?? null, kind: f.properties.kind, name: zh(f.properties), at: f.geometry.coordinates }));
}

export function poiFeatures(pois: Poi[]): Feature[] {
  return pois.map((p) => ({ type: 'Feature', properties: { osmId: p.osmId, kind: p.kind, name: p.name }, geometry: { type: 'Point', coordinates: p.at } }));
}

/** Distance (m) from a point to a footprint: 0 inside, else to the nearest ring edge. */
export function distanceToFootprint(p: LonLat, g: Area2D, proj: Projection): number {
  if (booleanPointInPolygon(p, g)) return 0;
  const q = proj.toXY(p);
  let best = Infinity;
  const rings = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flat();
  for (const ring of rings) {
    const xy = ring.map((c: Position) => proj.toXY(c));
    for (let i = 1; i < xy.length; i++) best = Math.min(best, segDist(q, xy[i - 1], xy[i]));
  }
  return best;
}

function segDist(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const l2 = dx * dx + dy * dy;
  const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l2));
  return dist(p, [a[0] + t * dx, a[1] + t * dy]);
}

/** Entrances, each with the nearest building within 5 m (or null). */
export function entranceFeatures(osm: OsmFeature[], buildings: Building[], proj: Projection, maxM = 5): Feature[] {
  const pad = 0.0001; // degrees, > 5 m
  const boxes = buildings.map((b) => bboxOf(b.geometry));
  return osm
    .filter((f) => f.properties.layer === 'entrance' && f.geometry.type === 'Point')
    .map((f) => {
      const p = f.geometry.coordinates as LonLat;
      let best: Building | null = null;
      let bestD = maxM;
      buildings.forEach((b, i) => {
        const bb = boxes[i];
        if (p[0] < bb[0] - pad || p[0] > bb[2] + pad || p[1] < bb[1] - pad || p[1] > bb[3] + pad) return;
        const d = distanceToFootprint(p, b.geometry, proj);
        if (d <= bestD) [best, bestD] = [b, d];
      });
      return {
        type: 'Feature',
        properties: { osmId: f.properties.osm_id ?? null, buildingRef: (best as Building | null)?.ref ?? null, name: zh(f.properties) },
        geometry: { type: 'Point', coordinates: p },
      } as Feature;
    });
}
