import { describe, expect, it } from 'vitest';
import type { Geometry } from '../../../server/geo/geojson.ts';
import type { ImportFeature } from '../../../server/import/types.ts';
import { validateFeatures } from '../../../server/import/validate.ts';

const square = (x: number, y: number, d = 0.0004): Geometry => ({
  type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]],
});
const feature = (i: number, geometry: Geometry | null, properties: Record<string, unknown>): ImportFeature =>
  ({ ref: `t.geojson feature ${i}`, geometry, properties });
const opts = { file: 't.geojson', crs: 'wgs84' as const };

describe('validateFeatures: buildings', () => {
  it('normalises OSM tags into dataset fields', () => {
    const r = validateFeatures([feature(1, square(121.49, 31.236), {
      osmId: 100, ref: 'osm:100', building: 'apartments', 'building:levels': '18', height: '56 m', name: '外滩公寓',
      'addr:street': '九江路', 'addr:housenumber': '100号',
    })], { ...opts, kind: 'buildings' });
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.records[0].properties).toEqual({
      ref: 'osm:100', osmId: 100, name: '外滩公寓', use: 'residential', floors: 18, heightM: 56, households: 0,
      address: '九江路100号', unitCode: null,
    });
  });

  it('warns once when floors are guessed', () => {
    const r = validateFeatures([feature(1, square(121.49, 31.236), { osmId: 1 }), feature(2, square(121.491, 31.236), { osmId: 2, floors: 3 })],
      { ...opts, kind: 'buildings' });
    expect(r.valid).toBe(true);
    expect(r.records.map((x) => x.properties.ref)).toEqual(['osm:1', 'osm:2']);
    expect(r.warnings).toEqual(['t.geojson: 1 of 2 buildings have no floors; assumed 1']);
  });

  it('names the row and the point of a self-intersection', () => {
    const bowtie: Geometry = { type: 'Polygon', coordinates: [[[121.491, 31.2361], [121.4914, 31.2364], [121.4914, 31.2361], [121.491, 31.2364], [121.491, 31.2361]]] };
    const r = validateFeatures([feature(1, square(121.49, 31.236), { ref: 'a' }), feature(2, bowtie, { ref: 'b' })], { ...opts, kind: 'buildings' });
    expect(r.valid).toBe(false);
    expect(r.errors).toEqual([{
      code: 'IMPORT_GEOMETRY', ref: 't.geojson feature 2', reason: 'polygon ring self-intersects at (121.4912, 31.23625)',
      message: 't.geojson feature 2: polygon ring self-intersects at (121.4912, 31.23625)',
    }]);
    expect(r.records).toHaveLength(1);
  });

  it('checks closure, ring size, geometry type, finiteness, holes crossing', () => {
    const open: Geometry = { type: 'Polygon', coordinates: [[[121.49, 31.23], [121.491, 31.23], [121.491, 31.231], [121.49, 31.231]]] };
    const tiny: Geometry = { type: 'Polygon', coordinates: [[[121.49, 31.23], [121.491, 31.23], [121.49, 31.23]]] };
    const nan: Geometry = { type: 'Polygon', coordinates: [[[121.49, 31.23], [Number.NaN, 31.23], [121.491, 31.231], [121.49, 31.23]]] };
    const crossingHole: Geometry = { type: 'MultiPolygon', coordinates: [
      [[[121.49, 31.23], [121.4904, 31.23], [121.4904, 31.2304], [121.49, 31.2304], [121.49, 31.23]]],
      [[[121.5, 31.23], [121.5004, 31.23], [121.5004, 31.2304], [121.5, 31.2304], [121.5, 31.23]],
        [[121.5002, 31.2301], [121.5006, 31.2301], [121.5006, 31.2302], [121.5002, 31.2302], [121.5002, 31.2301]]],
    ] };
    const r = validateFeatures([
      feature(1, open, { ref: '1' }), feature(2, tiny, { ref: '2' }), feature(3, { type: 'Point', coordinates: [121.49, 31.23] }, { ref: '3' }),
      feature(4, nan, { ref: '4' }), feature(5, crossingHole, { ref: '5' }), feature(6, null, { ref: '6' }),
    ], { ...opts, kind: 'buildings' });
    expect(r.errors.map((e) => e.message)).toEqual([
      't.geojson feature 1: polygon ring is not closed (first and last positions differ)',
      't.geojson feature 2: polygon ring has 3 positions; at least 4 are needed',
      't.geojson feature 3: buildings need a Polygon/MultiPolygon geometry, found Point',
      't.geojson feature 4: coordinate (NaN, 31.23) is not a finite number',
      't.geojson feature 5: polygon rings cross each other at (121.5004, 31.2301)',
      't.geojson feature 6: buildings need a Polygon/MultiPolygon geometry, found none',
    ]);
  });

  it('rejects duplicate refs naming the first occurrence', () => {
    const r = validateFeatures([feature(1, square(121.49, 31.236), { ref: 'syn:1' }), feature(2, square(121.491, 31.236), { ref: 'syn:1' })],
      { ...opts, kind: 'buildings' });
    expect(r.errors.map((e) => [e.code, e.message])).toEqual([
      ['IMPORT_DUPLICATE', 't.geojson feature 2: duplicate ref "syn:1" (first at t.geojson feature 1)'],
    ]);
  });
});

describe('validateFeatures: areas', () => {
  const area = (i: number, p: Record<string, unknown>) => feature(i, square(121.48, 31.23, 0.01), p);

  it('accepts the hierarchy and Chinese level names', () => {
    const r = validateFeatures([
      area(1, { code: '310101002', level: '街道', name: '南京东路街道', parentCode: null }),
      area(2, { code: 310101002001, level: 'community', name: '社区', parentCode: '310101002' }),
    ], { ...opts, kind: 'areas' });
    expect(r.errors).toEqual([]);
    expect(r.records.map((x) => x.properties)).toEqual([
      { code: '310101002', level: 'street', name: '南京东路街道', parentCode: null },
      { code: '310101002001', level: 'community', name: '社区', parentCode: '310101002' },
    ]);
  });

  it('checks code lengths, parent prefixes, levels and required fields', () => {
    const r = validateFeatures([
      area(1, { code: '3101010020', level: 'street', name: 'a', parentCode: null }),
      area(2, { code: '310101003001', level: 'community', name: 'b', parentCode: '310101002' }),
      area(3, { code: '31010100200101', level: 'grid', name: 'c', parentCode: null }),
      area(4, { code: '310101002001', level: 'district', name: 'd', parentCode: '310101002' }),
      area(5, { code: '310101002002', level: 'community', name: '', parentCode: '310101002' }),
    ], { ...opts, kind: 'areas' });
    expect(r.errors.map((e) => e.message)).toEqual([
      't.geojson feature 1: code "3101010020" has 10 digits; a street code has 9',
      't.geojson feature 2: code "310101003001" does not start with its parentCode "310101002"',
      't.geojson feature 3: field "parentCode" = null: a grid needs the code of its parent',
      't.geojson feature 4: field "level" = "district": must be one of street, community, grid, unit',
      't.geojson feature 5: field "name" is required',
    ]);
  });

  it('reports a column missing from the whole file once', () => {
    const r = validateFeatures([area(1, { code: '310101002', level: 'street', name: 'a' })], { ...opts, kind: 'areas' });
    expect(r.errors.map((e) => e.message)).toEqual(['t.geojson: required field "parentCode" is missing from every record (missing column?)']);
  });
});

describe('validateFeatures: expected area and CRS', () => {
  const bund: [number, number, number, number] = [121.485, 31.23, 121.5, 31.245];
  it('names the row, the point and the bbox for coordinates outside the expected area', () => {
    const r = validateFeatures([
      feature(1, { type: 'Point', coordinates: [121.49, 31.24] }, { ref: 'p1', kind: 'rider_shop', name: 'x' }),
      feature(2, { type: 'Point', coordinates: [116.4, 39.9] }, { ref: 'p2', kind: 'rider_shop', name: 'y' }),
    ], { ...opts, kind: 'places', bbox: bund });
    expect(r.errors.map((e) => [e.code, e.message])).toEqual([
      ['IMPORT_CRS', 't.geojson feature 2: coordinates (116.4, 39.9) outside the expected area [121.485, 31.23, 121.5, 31.245]'],
    ]);
  });

  it('suggests the CRS under which systematically misplaced points fall inside', () => {
    // BD-09 coordinates of three WGS84 points inside the box, declared as wgs84
    const bd = [[121.5011761717477, 31.239768429480076], [121.5035699754318, 31.241051754989748], [121.50586248580622, 31.242541098713396]];
    const r = validateFeatures(bd.map((c, i) => feature(i + 1, { type: 'Point', coordinates: c }, { ref: `p${i}`, kind: 'rider_shop', name: 'x' })),
      { ...opts, kind: 'places', bbox: bund });
    expect(r.errors[0]).toMatchObject({
      code: 'IMPORT_CRS',
      message: 't.geojson: 3 of 3 features fall outside the expected area [121.485, 31.23, 121.5, 31.245] when read as wgs84; read as bd09 they fall inside: check --crs',
    });
    expect(r.errors.slice(1).map((e) => e.ref)).toEqual(['t.geojson feature 1', 't.geojson feature 2', 't.geojson feature 3']);
  });

  it('uses the China box by default, and rejects non-lon/lat numbers', () => {
    const r = validateFeatures([
      feature(1, { type: 'Point', coordinates: [2.35, 48.85] }, { ref: 'a', kind: 'rider_shop', name: 'x' }),
      feature(2, { type: 'Point', coordinates: [13_500_000, 3_600_000] }, { ref: 'b', kind: 'rider_shop', name: 'y' }),
    ], { ...opts, kind: 'places' });
    expect(r.errors.map((e) => e.message)).toContain('t.geojson feature 1: coordinates (2.35, 48.85) outside the expected area [73.4, 3.8, 135.1, 53.6]');
    expect(r.errors.map((e) => e.message)).toContain('t.geojson feature 2: coordinate (13500000, 3600000) is not a longitude/latitude (lon −180…180, lat −90…90)');
  });

  it('caps the errors it keeps but counts them all', () => {
    const many = Array.from({ length: 80 }, (_, i) => feature(i + 1, { type: 'Point', coordinates: [121.49, 31.24] }, { ref: 'same', kind: 'rider_shop', name: 'x' }));
    const r = validateFeatures(many, { ...opts, kind: 'places', maxErrors: 10 });
    expect(r.errors).toHaveLength(10);
    expect(r.errorCount).toBe(79);
    expect(r.valid).toBe(false);
  });
});

describe('validateFeatures: roads, places, households', () => {
  it('roads: LineStrings with flags, walkability and length; MultiLineStrings split', () => {
    const r = validateFeatures([
      feature(1, { type: 'LineString', coordinates: [[121.49, 31.23], [121.49, 31.231]] }, { highway: 'footway', bridge: 'yes', osmId: 'way/7' }),
      feature(2, { type: 'MultiLineString', coordinates: [[[121.49, 31.23], [121.491, 31.23]], [[121.492, 31.23], [121.493, 31.23]]] }, { highway: 'motorway' }),
      feature(3, { type: 'LineString', coordinates: [[121.49, 31.23], [121.49, 31.23]] }, { highway: 'service' }),
      feature(4, { type: 'LineString', coordinates: [[121.49, 31.23], [121.49, 31.231]] }, { name: 'no highway' }),
    ], { ...opts, kind: 'roads' });
    expect(r.errors.map((e) => e.message)).toEqual([
      't.geojson feature 3: line has fewer than 2 distinct positions',
      't.geojson feature 4: field "highway" is required',
    ]);
    expect(r.records.map((x) => [x.ref, x.properties.walkable, x.properties.bridge, x.properties.osmId])).toEqual([
      ['t.geojson feature 1', true, true, 7],
      ['t.geojson feature 2 part 1', false, false, null],
      ['t.geojson feature 2 part 2', false, false, null],
    ]);
    expect(r.records[0].properties.lengthM).toBeCloseTo(111.19, 1);
  });

  it('places: booleans, lists and floor rules', () => {
    const r = validateFeatures([
      feature(1, { type: 'Point', coordinates: [121.49, 31.23] }, { ref: 'p1', kind: 'elder_canteen', name: '食堂', lift: '是', wheelchair: 'limited', services: '午餐；助餐', floor: '2' }),
      feature(2, { type: 'Point', coordinates: [121.49, 31.23] }, { ref: 'p2', kind: 'cafe', name: 'x', floor: 0, lift: 'maybe' }),
    ], { ...opts, kind: 'places' });
    expect(r.records[0].properties).toEqual({
      ref: 'p1', kind: 'elder_canteen', name: '食堂', osmId: null, openingHours: null, floor: 2, lift: true, stepFree: false, services: ['午餐', '助餐'], anchor: null,
    });
    expect(r.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^t\.geojson feature 2: field "kind" = "cafe": must be one of party_center, /),
      't.geojson feature 2: field "floor" = 0: must not be 0 (1 = ground floor, -1 = first basement)',
      't.geojson feature 2: field "lift" = "maybe": must be true/false (yes/no, 1/0, 是/否)',
    ]);
  });

  it('households: code structure, and geometry ignored with a warning', () => {
    const r = validateFeatures([
      feature(1, { type: 'Point', coordinates: [121.49, 31.23] }, { code: '31010100200101001001', unit_code: '31010100200101001', size: '3', room: 101 }),
      feature(2, null, { code: '31010100200101002001', unit_code: '31010100200101001', size: '0' }),
      feature(3, null, { code: 3.101010020010101e19, unit_code: '31010100200101001', size: 2 }),
    ], { ...opts, kind: 'households' });
    expect(r.records[0]).toEqual({
      ref: 't.geojson feature 1', geometry: null,
      properties: { code: '31010100200101001001', unit_code: '31010100200101001', building_ref: null, room: '101', size: 3 },
    });
    expect(r.warnings).toEqual(['t.geojson: households carry no geometry; the one given is ignored']);
    expect(r.errors.map((e) => e.message)).toEqual([
      't.geojson feature 2: field "size" = "0": must be at least 1',
      't.geojson feature 3: field "code" = 31010100200101010000: must be text of 20 digits (store codes as text in spreadsheets)',
    ]);
  });
});
