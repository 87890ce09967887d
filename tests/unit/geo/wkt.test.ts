import { describe, expect, it } from 'vitest';
import { parseWkt, WktError } from '../../../server/geo/wkt.ts';

describe('parseWkt', () => {
  it('reads POINT, LINESTRING, POLYGON with holes, MULTIPOLYGON', () => {
    expect(parseWkt('POINT (121.4998 31.2397)').geometry).toEqual({ type: 'Point', coordinates: [121.4998, 31.2397] });
    expect(parseWkt('linestring(1 2,3 4, 5 6)').geometry).toEqual({ type: 'LineString', coordinates: [[1, 2], [3, 4], [5, 6]] });
    expect(parseWkt('POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 1 2, 2 2, 1 1))').geometry).toEqual({
      type: 'Polygon',
      coordinates: [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[1, 1], [1, 2], [2, 2], [1, 1]]],
    });
    expect(parseWkt('MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))').geometry).toEqual({
      type: 'MultiPolygon',
      coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[5, 5], [6, 5], [6, 6], [5, 5]]]],
    });
  });

  it('reads both MULTIPOINT spellings, MULTILINESTRING, exponents and signs', () => {
    const a = parseWkt('MULTIPOINT (1 2, 3 4)').geometry;
    const b = parseWkt('MULTIPOINT ((1 2), (3 4))').geometry;
    expect(a).toEqual(b);
    expect(parseWkt('MULTILINESTRING ((1 2, 3 4), (5 6, 7 8))').geometry.type).toBe('MultiLineString');
    expect(parseWkt('POINT (-1.5e2 +3.25)').geometry.coordinates).toEqual([-150, 3.25]);
  });

  it('reads Z coordinates and EWKT SRID', () => {
    const r = parseWkt('SRID=4490;POINT Z (121.5 31.2 12)');
    expect(r.srid).toBe(4490);
    expect(r.geometry).toEqual({ type: 'Point', coordinates: [121.5, 31.2, 12] });
    expect(parseWkt('POINT(1 2)').srid).toBeNull();
  });

  it('names the problem', () => {
    expect(() => parseWkt('POLYGON ((0 0, 1 0, 1 1, 0 0)')).toThrow(/expected '\)' but found|end of text/);
    expect(() => parseWkt('CIRCLE (1 2)')).toThrow(/unsupported geometry type CIRCLE/);
    expect(() => parseWkt('POINT EMPTY')).toThrow(/EMPTY/);
    expect(() => parseWkt('POINT (1)')).toThrow(WktError);
    expect(() => parseWkt('POINT (1 2) x')).toThrow(/unexpected 'X'/);
    expect(() => parseWkt('POINT (1 2, 3 4)')).toThrow(/POINT has 2 positions/);
    expect(() => parseWkt('POINT (1 2 ; 3)')).toThrow(/unexpected character ";" at position 12/);
  });
});
