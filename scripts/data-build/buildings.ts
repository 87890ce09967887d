/**
 * Buildings of the sample: OSM building pieces merged by osm_id, named from label points,
 * addressed from address points, classified by classify.ts.
 */
import { area, booleanPointInPolygon, centroid } from '@turf/turf';
import { bboxOf } from './geo.ts';
import { classify, householdsFor } from './classify.ts';
import { firstProp, groupByOsmId, isArea, unionPieces } from './merge-pieces.ts';
import type { Area2D, Building, LonLat, OsmFeature } from './types.ts';

export interface LanduseArea {
  osmId: number | null;
  kind: string;
  name: string | null;
  geometry: Area2D;
  bbox: number[];
  areaM2: number;
}

/** Landuse polygons merged by osm_id. */
export function landuseAreas(osm: OsmFeature[]): LanduseArea[] {
  const out: LanduseArea[] = [];
  for (const pieces of groupByOsmId(osm.filter((f) => f.properties.layer === 'landuse' && isArea(f)))) {
    const geometry = unionPieces(pieces.map((p) => p.geometry));
    if (!geometry) continue;
    out.push({
      osmId: firstProp(pieces, 'osm_id'), kind: firstProp(pieces, 'kind'), name: zhName(pieces), geometry,
      bbox: bboxOf(geometry), areaM2: area(geometry),
    });
  }
  return out;
}

/** The smallest landuse polygon that contains the point (landuse can nest), or null. */
export function landuseAt(p: LonLat, landuse: LanduseArea[]): LanduseArea | null {
  let best: LanduseArea | null = null;
  for (const l of landuse) {
    if (p[0] < l.bbox[0] || p[0] > l.bbox[2] || p[1] < l.bbox[1] || p[1] > l.bbox[3]) continue;
    if (!booleanPointInPolygon(p, l.geometry)) continue;
    if (!best || l.areaM2 < best.areaM2) best = l;
  }
  return best;
}

export function zhName(pieces: OsmFeature[]): string | null {
  return firstProp(pieces, 'name:zh') ?? firstProp(pieces, 'name');
}

/** "福佑路" + "12" → "福佑路12号"; house numbers that already carry a suffix are kept as they are. */
export function formatAddress(street: string | null, number: string | null): string | null {
  if (!street || !number) return null;
  return /^[0-9]+(-[0-9]+)?$/.test(number) ? `${street}${number}号` : `${street}${number}`;
}

interface PointInfo {
  at: LonLat;
  name: string | null;
  address: string | null;
}

/**
 * Buildings from the `building` layer. building_part pieces are dropped: in this extract every one
 * lies inside its parent building, which already carries the height that matters.
 */
export function buildBuildings(osm: OsmFeature[], landuse: LanduseArea[]): Building[] {
  const labels = new Map<number, OsmFeature>();
  for (const f of osm) if (f.properties.layer === 'building' && f.geometry.type === 'Point') labels.set(f.properties.osm_id, f);
  const addressPoints: PointInfo[] = osm
    .filter((f) => f.properties.layer === 'address')
    .map((f) => ({ at: f.geometry.coordinates, name: null, address: formatAddress(f.properties.addr_street, f.properties.addr_housenumber) }));
  const polys = osm.filter((f) => f.properties.layer === 'building' && isArea(f) && f.properties.kind !== 'building_part');
  const out: Building[] = [];
  for (const pieces of groupByOsmId(polys)) {
    const geometry = unionPieces(pieces.map((p) => p.geometry));
    if (!geometry) continue;
    const osmId: number = firstProp(pieces, 'osm_id');
    const label = labels.get(osmId);
    const all = label ? [...pieces, label] : pieces;
    const center = centroid(geometry).geometry.coordinates as LonLat;
    const footprintM2 = area(geometry);
    const name = zhName(all);
    const address = formatAddress(firstProp(all, 'addr_street'), firstProp(all, 'addr_housenumber')) ?? addressInside(geometry, addressPoints);
    const heightM: number | null = firstProp(pieces, 'height');
    const lu = landuseAt(center, landuse);
    const c = classify({
      kindDetail: firstProp(pieces, 'kind_detail'), name, heightM, minHeightM: firstProp(pieces, 'min_height'), footprintM2,
      landuse: lu?.kind ?? null,
    });
    out.push({
      ref: `osm:${osmId}`, osmId, name, use: c.use, floors: c.floors, heightM: heightM === null ? null : Math.round(heightM * 10) / 10,
      households: householdsFor(c.use, footprintM2, c.floors), address, geometry, center, footprintM2, rule: c.rule, unitCode: null,
    });
  }
  return out;
}

function addressInside(g: Area2D, points: PointInfo[]): string | null {
  const b = bboxOf(g);
  for (const p of points) {
    if (!p.address || p.at[0] < b[0] || p.at[0] > b[2] || p.at[1] < b[1] || p.at[1] > b[3]) continue;
    if (booleanPointInPolygon(p.at, g)) return p.address;
  }
  return null;
}
