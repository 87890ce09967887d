import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../server/import/csv.ts';
import { parseXlsx } from '../../../server/import/xlsx.ts';
import { tempDir } from '../../fixtures/import/paths.ts';

const csv = (text: string, kind: 'places' | 'households' | 'buildings' = 'places', file = 't.csv') =>
  parseCsv(new TextEncoder().encode(text), file, kind);

describe('parseCsv', () => {
  it('reads lon/lat aliases into Point features with spreadsheet row numbers', () => {
    const r = csv('名称,经度,纬度\n甲,121.5,31.2\n\n乙, 121.6 ,31.3\n');
    expect(r.errors).toEqual([]);
    expect(r.features).toEqual([
      { ref: 't.csv row 2', geometry: { type: 'Point', coordinates: [121.5, 31.2] }, properties: { 名称: '甲' } },
      { ref: 't.csv row 4', geometry: { type: 'Point', coordinates: [121.6, 31.3] }, properties: { 名称: '乙' } },
    ]);
  });

  it('counts rows from where a multi-line cell starts', () => {
    const r = csv('name,lng,lat\n"two\nlines",1,2\nnext,3,4\n');
    expect(r.features.map((f) => f.ref)).toEqual(['t.csv row 2', 't.csv row 4']);
  });

  it('reads a WKT column, and tab-separated files', () => {
    const r = csv('ref\tgeometry\nb1\tPOLYGON((0 0, 1 0, 1 1, 0 0))\n', 'buildings');
    expect(r.features[0].geometry).toEqual({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] });
    expect(r.features[0].properties).toEqual({ ref: 'b1' });
  });

  it('names bad numbers, bad WKT and projected SRIDs by row', () => {
    const r = csv('name,lon,lat\na,121.5,north\n');
    expect(r.errors[0].message).toBe('t.csv row 2: lat "north" is not a number');
    const w = csv('ref,wkt\nb,POLYGON((0 0, 1 0)\nc,SRID=3857;POINT(1 2)\n', 'buildings');
    expect(w.errors.map((e) => [e.code, e.ref])).toEqual([['IMPORT_PARSE', 't.csv row 2'], ['IMPORT_CRS', 't.csv row 3']]);
  });

  it('needs geometry columns except for households', () => {
    expect(csv('name,address\na,b\n').errors[0].message).toMatch(/^t\.csv: places need a geometry: lon\/lat columns/);
    expect(csv('name,lon\na,1\n').errors[0].message).toBe('t.csv: required field "lat" is missing from every record (missing column?)');
    const h = csv('code,size\n31010100200101001001,3\n', 'households');
    expect(h.errors).toEqual([]);
    expect(h.features[0]).toEqual({ ref: 't.csv row 2', geometry: null, properties: { code: '31010100200101001001', size: '3' } });
  });

  it('rejects duplicate header names and broken quoting', () => {
    expect(csv('a,a\n1,2\n').errors[0].message).toBe('t.csv: column "a" appears twice in the header');
    expect(csv('a,lon,lat\n"x,1,2\n').errors[0].message).toMatch(/^t\.csv: not valid CSV: Quote Not Closed/);
  });

  it('decodes GB18030 files (Excel/WPS in China) with a warning', () => {
    const gbk = Uint8Array.from([0xc3, 0xfb, 0xb3, 0xc6, 0x2c, 0x6c, 0x6f, 0x6e, 0x2c, 0x6c, 0x61, 0x74, 0x0a, // 名称,lon,lat
      0xbc, 0xd7, 0x2c, 0x31, 0x2c, 0x32, 0x0a]); // 甲,1,2
    const r = parseCsv(gbk, 'gbk.csv', 'places');
    expect(r.features[0].properties).toEqual({ 名称: '甲' });
    expect(r.warnings).toEqual(['gbk.csv: not UTF-8; read as GB18030 (GBK)']);
  });
});

describe('parseXlsx', () => {
  let xlsxPath = '';
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('网格');
    ws.addRow(['code', 'level', 'name', 'parentCode', 'wkt']);
    ws.addRow(['310101002', 'street', { richText: [{ text: '南京东路' }, { text: '街道' }] }, null,
      'POLYGON((121.475 31.228, 121.5 31.228, 121.5 31.245, 121.475 31.245, 121.475 31.228))']);
    ws.addRow([]);
    ws.addRow([310101002001, '社区', '贵州路社区', { formula: '"310101002"', result: '310101002' },
      'POLYGON((121.48 31.232, 121.495 31.232, 121.495 31.242, 121.48 31.242, 121.48 31.232))']);
    wb.addWorksheet('ignored').addRow(['x']);
    xlsxPath = path.join(tempDir(), 'areas.xlsx');
    await wb.xlsx.writeFile(xlsxPath);
  });

  it('reads the first sheet, flattening rich text and formulas, with sheet row numbers', async () => {
    const r = await parseXlsx(readFileSync(xlsxPath), 'areas.xlsx', 'areas');
    expect(r.errors).toEqual([]);
    expect(r.features.map((f) => f.ref)).toEqual(['areas.xlsx row 2', 'areas.xlsx row 4']);
    expect(r.features[0].properties).toEqual({ code: '310101002', level: 'street', name: '南京东路街道', parentCode: null });
    expect(r.features[1].properties).toEqual({ code: 310101002001, level: '社区', name: '贵州路社区', parentCode: '310101002' });
    expect(r.features[1].geometry?.type).toBe('Polygon');
    expect(r.warnings[0]).toMatch(/2 worksheets; only the first \("网格"\)/);
  });

  it('reports a file that is not a workbook', async () => {
    const bad = path.join(tempDir(), 'bad.xlsx');
    writeFileSync(bad, 'not a zip');
    const r = await parseXlsx(readFileSync(bad), 'bad.xlsx', 'areas');
    expect(r.errors[0].code).toBe('IMPORT_PARSE');
    expect(r.errors[0].message).toMatch(/^bad\.xlsx: not a readable XLSX workbook/);
  });
});
