/**
 * OSM model → import features, per kind:
 * - roads: ways tagged `highway` (not `area=yes`) → LineString;
 * - buildings: closed ways and multipolygon relations tagged `building` → Polygon/MultiPolygon;
 * - areas: closed ways and multipolygon relations tagged `code` (areas drawn in JOSM);
 * - places: nodes tagged amenity/shop/tourism/office → Point.
 * Properties are the OSM tags plus `osmId` and `ref` = `osm:<osmId>`, relations' ids negated. Elements an extract cut off (nodes or member ways
 * missing) are skipped with a warning, as any bbox extract has some.
 */
import type { Geometry, Position } from '../geo/geojson.ts';
import { ErrorCollector, IMPORT_ERROR_CODES as C, REASONS } from './errors.ts';
import { groupRings, joinRings } from './osm-multipolygon.ts';
import type { OsmModel, OsmRelation, OsmTags, OsmWay } from './osm-model.ts';
import type { ImportFeature, ImportKind, ParseResult } from './types.ts';

const POI_KEYS = ['amenity', 'shop', 'tourism', 'office'];

class Skipped extends Error {}

function makeContext(model: OsmModel, file: string) {
  const warnings: string[] = [];
  const coords = (way: OsmWay): Position[] =>
    way.refs.map((id) => {
      const n = model.nodes.get(id);
      if (!n) throw new Skipped(REASONS.osmMissingNode(way.id, id));
      return [n.lon, n.lat];
    });

  const wayPolygon = (way: OsmWay): Geometry => {
    if (way.refs.length < 4 || way.refs[0] !== way.refs[way.refs.length - 1]) {
      throw new Skipped(`way ${way.id} is not a closed ring`);
    }
    return { type: 'Polygon', coordinates: [coords(way)] };
  };

  const relationPolygon = (rel: OsmRelation): Geometry => {
    const byRole: Record<'outer' | 'inner', number[][]> = { outer: [], inner: [] };
    for (const m of rel.members) {
      if (m.type !== 'way') continue;
      const way = model.ways.get(m.ref);
      if (!way) throw new Skipped(REASONS.osmMissingWay(rel.id, m.ref));
      coords(way); // every node must be present
      byRole[m.role === 'inner' ? 'inner' : 'outer'].push(way.refs);
    }
    const outer = joinRings(byRole.outer);
    const inner = joinRings(byRole.inner);
    if (!outer || !inner || outer.length === 0) throw new Skipped(REASONS.osmRingOpen(rel.id));
    const toCoords = (ring: number[]) => ring.map((id) => { const n = model.nodes.get(id)!; return [n.lon, n.lat]; });
    const { polygons, orphans } = groupRings(outer.map(toCoords), inner.map(toCoords));
    if (orphans > 0) warnings.push(`${file} relation/${rel.id}: ${orphans} inner ring(s) outside every outer ring were dropped`);
    return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons };
  };

  return { warnings, coords, wayPolygon, relationPolygon };
}

export function osmToFeatures(model: OsmModel, file: string, kind: ImportKind): ParseResult {
  const errors = new ErrorCollector();
  if (kind === 'households') {
    errors.add(C.UNSUPPORTED, file, REASONS.formatForKind('OSM', kind));
    return { features: [], warnings: [], errors: errors.errors };
  }
  const ctx = makeContext(model, file);
  const features: ImportFeature[] = [];
  let skipped = 0;
  const add = (type: string, id: number, tags: OsmTags, build: () => Geometry) => {
    try {
      // Relations get negative ids (the osm2pgsql/Tilezen convention data:build inherits), as
      // their ids are a separate number space. An OSM `ref` tag is a house or route number, not
      // our record ref: it is kept as `osm:ref`.
      const osmId = type === 'relation' ? -id : id;
      const properties: Record<string, unknown> = { ...tags, osmId, ref: `osm:${osmId}` };
      if (tags.ref !== undefined) properties['osm:ref'] = tags.ref;
      features.push({ ref: `${file} ${type}/${id}`, geometry: build(), properties });
    } catch (e) {
      if (!(e instanceof Skipped)) throw e;
      skipped++;
      if (skipped <= 20) ctx.warnings.push(`${file} ${type}/${id} skipped: ${e.message}`);
    }
  };
  const polygonTag = kind === 'buildings' ? 'building' : 'code';
  const isPolygonOf = (tags: OsmTags) => tags[polygonTag] !== undefined && tags[polygonTag] !== 'no';

  if (kind === 'places') {
    for (const n of model.nodes.values()) {
      if (POI_KEYS.some((k) => n.tags[k] !== undefined)) add('node', n.id, n.tags, () => ({ type: 'Point', coordinates: [n.lon, n.lat] }));
    }
  } else if (kind === 'roads') {
    for (const w of model.ways.values()) {
      if (w.tags.highway !== undefined && w.tags.area !== 'yes') add('way', w.id, w.tags, () => ({ type: 'LineString', coordinates: ctx.coords(w) }));
    }
  } else {
    for (const w of model.ways.values()) {
      if (isPolygonOf(w.tags)) add('way', w.id, w.tags, () => ctx.wayPolygon(w));
    }
    for (const r of model.relations.values()) {
      if (r.tags.type === 'multipolygon' && isPolygonOf(r.tags)) add('relation', r.id, r.tags, () => ctx.relationPolygon(r));
    }
  }
  if (skipped > 20) ctx.warnings.push(`${file}: ${skipped - 20} more incomplete elements skipped`);
  return { features, warnings: ctx.warnings, errors: errors.errors };
}
