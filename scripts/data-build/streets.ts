/**
 * Street (街道) polygons. Real street borders are not in OSM: each street is its real county
 * polygon (counties.ts) cut by half-planes along real named roads (dividers.ts), minus the river
 * water of 黄浦江 and 苏州河. The cuts are approximations of the real borders (data/README.md).
 */
import { area, difference, featureCollection, intersect } from '@turf/turf';
import type { Feature, Polygon, Position } from 'geojson';
import { countyFaces, type Bbox } from './counties.ts';
import { centreline, halfPlane, type Side } from './dividers.ts';
import type { Projection } from './geo.ts';
import type { StreetCode } from './io.ts';
import { isArea, lineParts, unionPieces } from './merge-pieces.ts';
import type { Area2D, OsmFeature } from './types.ts';

interface Cut {
  side: Side;
  road: string;
}

interface StreetSpec {
  code: string;
  county: string;
  cuts: Cut[];
  /** Streets whose polygons are taken out of this one (built first). */
  minus?: string[];
}

/**
 * Approximate borders, from what is known of the real ones: 延安东路 separates 外滩 (north) from
 * 小东门 (south); 河南中路 separates 南京东路 (west) from 外滩 (east); the old-city blocks south of
 * 人民路 and west of 安仁街 around 豫园 are 豫园街道; 张杨路 separates 陆家嘴 (north-west) from
 * 潍坊新村 (south-east); north of 苏州河 is 北外滩 (虹口区).
 */
export const STREET_SPECS: StreetSpec[] = [
  { code: '310109018', county: '虹口区', cuts: [] },
  { code: '310101002', county: '黄浦区', cuts: [{ side: 'north', road: '延安东路' }, { side: 'west', road: '河南中路' }] },
  { code: '310101013', county: '黄浦区', cuts: [{ side: 'north', road: '延安东路' }, { side: 'east', road: '河南中路' }] },
  { code: '310101018', county: '黄浦区', cuts: [{ side: 'south', road: '人民路' }, { side: 'west', road: '安仁街' }] },
  { code: '310101017', county: '黄浦区', cuts: [{ side: 'south', road: '延安东路' }], minus: ['310101018'] },
  { code: '310115005', county: '浦东新区', cuts: [{ side: 'north', road: '张杨路' }] },
  { code: '310115004', county: '浦东新区', cuts: [{ side: 'south', road: '张杨路' }] },
];

/** Water polygons of the two rivers (黄浦江, 苏州河 = 吴淞江), merged. */
export const RIVER_NAMES = new Set(['黄浦江', '苏州河', '吴淞江']);
const DIVIDER_HIGHWAYS = new Set(['primary', 'secondary', 'tertiary', 'trunk', 'residential', 'unclassified', 'living_street']);
/** Street parts smaller than this (m²) are slivers left by the cuts. */
const MIN_PART_M2 = 50;

export interface Street {
  code: string;
  name: string;
  countyCode: string;
  countyName: string;
  geometry: Area2D;
}

export function riverWater(osm: OsmFeature[]): Area2D {
  const pieces = osm.filter((f) => f.properties.layer === 'water' && isArea(f) && RIVER_NAMES.has(f.properties.name));
  const u = unionPieces(pieces.map((p) => p.geometry));
  if (!u) throw new Error('no river water found in the OSM source');
  return u;
}

/** Surface pieces of a named road that can carry a border (no tunnels, links or footways). */
export function roadLines(osm: OsmFeature[], name: string): Position[][] {
  return osm
    .filter((f) => f.properties.layer === 'road' && f.properties.name === name && !f.properties.is_tunnel)
    .filter((f) => DIVIDER_HIGHWAYS.has(f.properties.highway))
    .flatMap(lineParts);
}

const feat = (g: Area2D): Feature<Area2D> => ({ type: 'Feature', properties: {}, geometry: g });

export function clip(a: Area2D, b: Area2D): Area2D | null {
  return (intersect(featureCollection([feat(a), feat(b)]))?.geometry as Area2D) ?? null;
}

export function subtract(a: Area2D, b: Area2D): Area2D | null {
  return (difference(featureCollection([feat(a), feat(b)]))?.geometry as Area2D) ?? null;
}

/** Drop polygon parts under MIN_PART_M2. */
export function dropSlivers(g: Area2D): Area2D | null {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const kept = polys.filter((p) => area({ type: 'Polygon', coordinates: p } as Polygon) >= MIN_PART_M2);
  if (kept.length === 0) return null;
  return kept.length === 1 ? { type: 'Polygon', coordinates: kept[0] } : { type: 'MultiPolygon', coordinates: kept };
}

export function buildStreets(osm: OsmFeature[], codes: StreetCode[], proj: Projection, bbox: Bbox): Street[] {
  const faces = countyFaces(osm, bbox);
  const water = riverWater(osm);
  const built = new Map<string, Street>();
  for (const spec of STREET_SPECS) {
    const info = codes.find((c) => c.code === spec.code);
    if (!info) throw new Error(`street ${spec.code} is not in street-codes.csv`);
    if (info.countyName !== spec.county) throw new Error(`street ${spec.code} is in ${info.countyName}, not ${spec.county}`);
    const face = faces.find((f) => f.county === spec.county);
    if (!face) throw new Error(`no county polygon for ${spec.county}`);
    let g: Area2D | null = subtract(face.geometry, water);
    for (const cut of spec.cuts) {
      const lines = roadLines(osm, cut.road);
      if (lines.length === 0) throw new Error(`street ${spec.code}: road ${cut.road} not found`);
      const axis = cut.side === 'north' || cut.side === 'south' ? 'x' : 'y';
      if (g) g = clip(g, halfPlane(centreline(lines, axis, proj), cut.side, bbox));
    }
    for (const other of spec.minus ?? []) {
      const o = built.get(other);
      if (g && o) g = subtract(g, o.geometry);
    }
    g = g && dropSlivers(g);
    if (g) built.set(spec.code, { code: spec.code, name: info.name, countyCode: info.countyCode, countyName: info.countyName, geometry: g });
  }
  return [...built.values()];
}
