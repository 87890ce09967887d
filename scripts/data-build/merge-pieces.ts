/**
 * Tilezen cuts features at tile edges (and repeats whole buildings in every tile they touch):
 * regroup the pieces of one OSM object by `osm_id` and merge them back.
 */
import { featureCollection, union } from '@turf/turf';
import type { Feature, Position } from 'geojson';
import { roundGeometry } from './geo.ts';
import type { Area2D, OsmFeature } from './types.ts';

/** Pieces grouped by osm_id in order of first appearance; pieces without an id stay alone. */
export function groupByOsmId(features: OsmFeature[]): OsmFeature[][] {
  const groups = new Map<string, OsmFeature[]>();
  features.forEach((f, i) => {
    const id = f.properties.osm_id;
    const key = id === null || id === undefined ? `anon:${i}` : `osm:${id}`;
    const g = groups.get(key);
    if (g) g.push(f);
    else groups.set(key, [f]);
  });
  return [...groups.values()];
}

/** First defined, non-null value of a property across pieces (pieces of one object agree). */
export function firstProp(pieces: OsmFeature[], key: string): any {
  for (const p of pieces) {
    const v = p.properties[key];
    if (v !== null && v !== undefined && v !== '') return v;
  }
  return null;
}

/**
 * Union of polygon pieces. Coordinates are snapped to 7 decimals first so the two sides of a tile
 * cut coincide exactly and leave no sliver. Returns null when nothing is left.
 */
export function unionPieces(geoms: Area2D[]): Area2D | null {
  const snapped = geoms.map((g) => roundGeometry(g)).filter((g) => g.coordinates.length > 0);
  if (snapped.length === 0) return null;
  if (snapped.length === 1) return snapped[0];
  const u = union(featureCollection(snapped.map((g) => ({ type: 'Feature', properties: {}, geometry: g }) as Feature<Area2D>)));
  return u ? (u.geometry as Area2D) : null;
}

/** The LineStrings of a LineString or MultiLineString feature (tile cuts can make several). */
export function lineParts(f: OsmFeature): Position[][] {
  const g = f.geometry;
  if (g.type === 'LineString') return [g.coordinates];
  if (g.type === 'MultiLineString') return g.coordinates;
  return [];
}

export function isArea(f: OsmFeature): boolean {
  return f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon';
}
