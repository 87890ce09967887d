/** The pure plan writers and the CSV reader (issue 8 exports/import). */
import { describe, expect, it } from 'vitest';
import { gpkgGeometry } from '../../../server/planning/export-gpkg.ts';
import { readShapefileHeaders, writeDbf, writeShp } from '../../../server/planning/export-shapefile.ts';
import { parsePlanCsv } from '../../../server/planning/import.service.ts';

const square = { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] };

describe('shapefile writer', () => {
  it('writes polygons with clockwise outer rings, matching .shx and .dbf counts', () => {
    const { shp, shx } = writeShp([{ geometry: square }, { geometry: { type: 'MultiPolygon', coordinates: [square.coordinates] } }]);
    const dbf = writeDbf([{ name: 'code', type: 'C', length: 10 }, { name: 'households', type: 'N', length: 6 }], [{ code: 'A', households: 300 }, { code: '网格', households: null }]);
    const h = readShapefileHeaders(shp, shx, dbf);
    expect(h).toMatchObject({ fileCode: 9994, shapeType: 5, records: 2, dbfRecords: 2, fields: ['code', 'households'], bbox: [0, 0, 1, 1], shpBytes: shp.length });
    const dv = new DataView(shp.buffer);
    // first record's first point after the ring is (0,1): clockwise from (0,0)
    expect([dv.getFloat64(100 + 8 + 44 + 4 + 16, true), dv.getFloat64(100 + 8 + 44 + 4 + 24, true)]).toEqual([0, 1]);
    expect(dbf[dbf.length - 1]).toBe(0x1a);
  });

  it('cuts UTF-8 text on a character boundary', () => {
    const dbf = writeDbf([{ name: 'name', type: 'C', length: 4 }], [{ name: '外滩社区' }]);
    const start = 32 + 32 + 1 + 1;
    expect(new TextDecoder().decode(dbf.slice(start, start + 4)).trim()).toBe('外');
  });
});

describe('GeoPackage geometry', () => {
  it('starts with the GP header, little-endian flags, SRS 4326, then WKB MultiPolygon', () => {
    const b = gpkgGeometry(square);
    const dv = new DataView(b.buffer);
    expect([b[0], b[1], b[2], b[3]]).toEqual([0x47, 0x50, 0, 3]);
    expect(dv.getInt32(4, true)).toBe(4326);
    expect([dv.getFloat64(8, true), dv.getFloat64(16, true)]).toEqual([0, 1]);
    expect([b[40], dv.getUint32(41, true), dv.getUint32(45, true)]).toEqual([1, 6, 1]);
  });
});

describe('plan CSV reader', () => {
  it('reads unit_code,grid_code in any column order and names bad rows', () => {
    const r = parsePlanCsv('\uFEFFgrid_code,unit_code\r\nA,1001\r\n,1002\r\n\r\nB,1003\r\n');
    expect(r.pairs).toEqual([{ row: 2, unit: '1001', grid: 'A' }, { row: 5, unit: '1003', grid: 'B' }]);
    expect(r.problems.map((p) => [p.row, p.reason])).toEqual([[3, 'BAD_ROW']]);
    expect(parsePlanCsv('a,b\n1,2').problems[0].message).toMatch(/row 1/);
  });
});
