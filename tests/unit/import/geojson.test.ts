import { describe, expect, it } from 'vitest';
import { parseGeoJson } from '../../../server/import/geojson.ts';

describe('parseGeoJson', () => {
  it('reads a FeatureCollection with refs per feature', () => {
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: '1' }, geometry: { type: 'Point', coordinates: [121.5, 31.2] } },
        { type: 'Feature', id: 'way/42', properties: null, geometry: null },
      ],
    });
    const r = parseGeoJson(text, 'a.geojson');
    expect(r.errors).toEqual([]);
    expect(r.features).toEqual([
      { ref: 'a.geojson feature 1', geometry: { type: 'Point', coordinates: [121.5, 31.2] }, properties: { code: '1' } },
      { ref: 'a.geojson feature 2', geometry: null, properties: { '@id': 'way/42' } },
    ]);
  });

  it('reads a single Feature and tolerates a BOM', () => {
    const r = parseGeoJson('\uFEFF{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]}}', 'f.json');
    expect(r.features).toHaveLength(1);
  });

  it('reports unparsable JSON as IMPORT_PARSE naming the file', () => {
    const r = parseGeoJson('{"type": "FeatureCollection", "features": [', 'bad.geojson');
    expect(r.features).toEqual([]);
    expect(r.errors[0].code).toBe('IMPORT_PARSE');
    expect(r.errors[0].message).toMatch(/^bad\.geojson: not valid JSON: /);
  });

  it('rejects other top-level types, non-features and malformed geometry, per feature', () => {
    expect(parseGeoJson('{"type":"Point","coordinates":[1,2]}', 'p.json').errors[0].message)
      .toBe('p.json: expected a GeoJSON FeatureCollection or Feature, found type "Point"');
    const r = parseGeoJson(JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Point', coordinates: [1, 2] },
        { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[1, 2], [3, 4]] } },
        { type: 'Feature', properties: {}, geometry: { type: 'GeometryCollection', geometries: [] } },
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [1, 2] } },
      ],
    }), 'x.geojson');
    expect(r.errors.map((e) => e.message)).toEqual([
      'x.geojson feature 1: expected a GeoJSON Feature, found type "Point"',
      'x.geojson feature 2: Polygon coordinates are not nested arrays of [lon, lat] numbers',
      'x.geojson feature 3: unsupported geometry type "GeometryCollection" (expected one of Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon)',
    ]);
    expect(r.features.map((f) => f.ref)).toEqual(['x.geojson feature 4']);
  });

  it('refuses a projected CRS but accepts EPSG:4490 and CRS84', () => {
    const doc = (name: string) => JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name } }, features: [] });
    const bad = parseGeoJson(doc('urn:ogc:def:crs:EPSG::3857'), 'm.geojson');
    expect(bad.errors[0].code).toBe('IMPORT_CRS');
    expect(bad.errors[0].message).toContain('EPSG::3857');
    expect(parseGeoJson(doc('urn:ogc:def:crs:EPSG::4490'), 'm.geojson').errors).toEqual([]);
    expect(parseGeoJson(doc('urn:ogc:def:crs:OGC:1.3:CRS84'), 'm.geojson').errors).toEqual([]);
  });

  it('reports progress', () => {
    const calls: [number, number][] = [];
    const features = Array.from({ length: 3 }, () => ({ type: 'Feature', properties: {}, geometry: null }));
    parseGeoJson(JSON.stringify({ type: 'FeatureCollection', features }), 'p.geojson', (d, t) => calls.push([d, t]));
    expect(calls.at(-1)).toEqual([3, 3]);
  });
});
