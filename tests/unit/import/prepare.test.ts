import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { haversineM } from '../../../server/geo/distance.ts';
import type { BBox } from '../../../server/geo/geojson.ts';
import { detectFormat, prepareImport } from '../../../server/import/index.ts';
import { fixture, tempDir } from '../../fixtures/import/paths.ts';

/** The box the Shanghai fixtures sit in (Nanjing Road East / the Bund), WGS84. */
const BUND: BBox = [121.475, 31.225, 121.5, 31.245];
/** The WGS84 points whose GCJ-02 / BD-09 forms are in places-gcj02.csv and places-bd09.csv. */
const WGS = [[121.4901, 31.2361], [121.4925, 31.2374], [121.4948, 31.2389]];

describe('prepareImport on the fixtures', () => {
  it('areas.geojson: valid, four levels', async () => {
    const r = await prepareImport(fixture('areas.geojson'), { kind: 'areas', crs: 'wgs84', bbox: BUND });
    expect(r.errors).toEqual([]);
    expect(r.records.map((x) => x.properties.level)).toEqual(['street', 'community', 'grid', 'unit']);
    expect(r.records[2].geometry.type).toBe('MultiPolygon');
  });

  it('buildings.geojson: OSM-style and dataset-style properties side by side', async () => {
    const r = await prepareImport(fixture('buildings.geojson'), { kind: 'buildings', crs: 'wgs84', bbox: BUND });
    expect(r.errors).toEqual([]);
    expect(r.records.map((x) => [x.properties.ref, x.properties.use, x.properties.floors, x.properties.unitCode])).toEqual([
      ['osm:1001', 'residential', 18, null],
      ['syn:2', 'public', 3, '31010100200101001'],
    ]);
  });

  it('places-gcj02.csv read as gcj02: converted to WGS84 (published pair exact, others within 1 m)', async () => {
    const r = await prepareImport(fixture('places-gcj02.csv'), { kind: 'places', crs: 'gcj02' });
    expect(r.errors).toEqual([]);
    expect(r.records.map((x) => x.ref)).toEqual([
      'places-gcj02.csv row 2', 'places-gcj02.csv row 3', 'places-gcj02.csv row 4', 'places-gcj02.csv row 6',
    ]);
    WGS.forEach((p, i) => expect(haversineM(r.records[i].geometry.coordinates, p)).toBeLessThan(1));
    // eviltransform's Shanghai pair: GCJ-02 (121.531541859215, 31.17530398364597) = WGS84 (121.5272106, 31.1774276)
    expect(r.records[3].geometry.coordinates).toEqual([121.5272106, 31.1774276]);
    expect(r.records[0].properties).toMatchObject({ lift: true, stepFree: true, services: ['议事', '图书', '托管'] });
    expect(r.records[2].properties.name).toBe('长者食堂\n（新址）');
  });

  it('places-bd09.csv declared wgs84: every point outside the expected area, and bd09 suggested', async () => {
    const r = await prepareImport(fixture('places-bd09.csv'), { kind: 'places', crs: 'wgs84', bbox: BUND });
    expect(r.valid).toBe(false);
    expect(r.errors.map((e) => e.message)).toEqual([
      'places-bd09.csv: 3 of 3 features fall outside the expected area [121.475, 31.225, 121.5, 31.245] when read as wgs84; read as bd09 they fall inside: check --crs',
      'places-bd09.csv row 2: coordinates (121.50118, 31.23977) outside the expected area [121.475, 31.225, 121.5, 31.245]',
      'places-bd09.csv row 3: coordinates (121.50357, 31.24105) outside the expected area [121.475, 31.225, 121.5, 31.245]',
      'places-bd09.csv row 4: coordinates (121.50586, 31.24254) outside the expected area [121.475, 31.225, 121.5, 31.245]',
    ]);
    const ok = await prepareImport(fixture('places-bd09.csv'), { kind: 'places', crs: 'bd09', bbox: BUND });
    expect(ok.errors).toEqual([]);
    WGS.forEach((p, i) => expect(haversineM(ok.records[i].geometry.coordinates, p)).toBeLessThan(1));
  });

  it('buildings-selfintersect.csv: names the file, row and point', async () => {
    const r = await prepareImport(fixture('buildings-selfintersect.csv'), { kind: 'buildings', crs: 'wgs84' });
    expect(r.errors.map((e) => e.message)).toEqual(['buildings-selfintersect.csv row 3: polygon ring self-intersects at (121.4912, 31.23625)']);
  });

  it('households: good, duplicate code, missing column', async () => {
    const good = await prepareImport(fixture('households.csv'), { kind: 'households', crs: 'wgs84' });
    expect(good.errors).toEqual([]);
    expect(good.records.map((x) => x.properties.building_ref)).toEqual(['syn:1', 'syn:1', null]);
    const dup = await prepareImport(fixture('households-duplicate.csv'), { kind: 'households', crs: 'wgs84' });
    expect(dup.errors.map((e) => [e.code, e.message])).toEqual([
      ['IMPORT_DUPLICATE', 'households-duplicate.csv row 4: duplicate code "31010100200101001001" (first at households-duplicate.csv row 2)'],
    ]);
    const missing = await prepareImport(fixture('households-missing-column.csv'), { kind: 'households', crs: 'wgs84' });
    expect(missing.errors.map((e) => [e.code, e.message])).toEqual([
      ['IMPORT_FIELD', 'households-missing-column.csv: required field "size" is missing from every record (missing column?)'],
    ]);
  });

  it('bad.geojson: unparsable JSON', async () => {
    const r = await prepareImport(fixture('bad.geojson'), { kind: 'areas', crs: 'wgs84' });
    expect(r.valid).toBe(false);
    expect(r.errors[0].code).toBe('IMPORT_PARSE');
    expect(r.errors[0].message).toMatch(/^bad\.geojson: not valid JSON/);
  });

  it('map.osm: buildings and roads valid; OSM POIs lack a place kind; other CRS refused', async () => {
    const b = await prepareImport(fixture('map.osm'), { kind: 'buildings', crs: 'wgs84', bbox: BUND });
    expect(b.errors).toEqual([]);
    expect(b.records.map((x) => [x.properties.ref, x.properties.use, x.properties.floors])).toEqual([['osm:100', 'residential', 18], ['osm:-300', 'school', 1]]);
    expect(b.warnings).toEqual(['map.osm: 1 of 2 buildings have no floors; assumed 1']);
    const roads = await prepareImport(fixture('map.osm'), { kind: 'roads', crs: 'wgs84', bbox: BUND });
    expect(roads.valid).toBe(true);
    expect(roads.warnings).toHaveLength(1);
    const places = await prepareImport(fixture('map.osm'), { kind: 'places', crs: 'wgs84' });
    expect(places.errors.map((e) => e.message)).toEqual(['map.osm: required field "kind" is missing from every record (missing column?)']);
    const crs = await prepareImport(fixture('map.osm'), { kind: 'roads', crs: 'gcj02' });
    expect(crs.errors.map((e) => [e.code, e.message])).toEqual([['IMPORT_CRS', 'map.osm: OSM data is always WGS84; --crs gcj02 would shift it (use --crs wgs84)']]);
  });

  it('reports progress by phase', async () => {
    const seen = new Set<string>();
    await prepareImport(fixture('areas.geojson'), { kind: 'areas', crs: 'wgs84', onProgress: (phase, d, t) => { if (d === t) seen.add(phase); } });
    expect([...seen]).toEqual(['read', 'validate']);
  });
});

describe('XLSX generated with exceljs', () => {
  let file = '';
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('驿站');
    ws.addRow(['ref', 'kind', '名称', '经度', '纬度', 'lift']);
    ws.addRow(['syn:x1', 'grid_station', '网格党群服务站', 121.49456731273534, 31.2341134018405, true]);
    ws.addRow(['syn:x2', 'building_corner', '楼栋善治角', '121.49695885614454', '31.235406853306134', '否']);
    file = path.join(tempDir(), 'places.xlsx');
    await wb.xlsx.writeFile(file);
  });

  it('reads Chinese headers and GCJ-02 coordinates', async () => {
    const r = await prepareImport(file, { kind: 'places', crs: 'gcj02', bbox: BUND });
    expect(r.errors).toEqual([]);
    expect(r.records.map((x) => [x.ref, x.properties.name, x.properties.lift])).toEqual([
      ['places.xlsx row 2', '网格党群服务站', true], ['places.xlsx row 3', '楼栋善治角', false],
    ]);
    expect(haversineM(r.records[0].geometry.coordinates, WGS[0])).toBeLessThan(1);
  });
});

describe('format dispatch', () => {
  it('by extension, then by content', () => {
    const b = (s: string) => new TextEncoder().encode(s);
    expect(detectFormat('x.osm.pbf', b(''))).toBe('osm-pbf');
    expect(detectFormat('x.OSM', b(''))).toBe('osm-xml');
    expect(detectFormat('upload', b('\uFEFF  {"type":"FeatureCollection"}'))).toBe('geojson');
    expect(detectFormat('upload', b('<?xml version="1.0"?><osm/>'))).toBe('osm-xml');
    expect(detectFormat('upload', Uint8Array.from([0x50, 0x4b, 0x03, 0x04]))).toBe('xlsx');
    expect(detectFormat('upload', b('\0\0\0\x0d\x0a\x09OSMHeader'))).toBe('osm-pbf');
    expect(detectFormat('upload.xls', b('\xd0\xcf'))).toBeNull();
  });

  it('detects GeoJSON without an extension; refuses unknown files and missing paths', async () => {
    const dir = tempDir();
    copyFileSync(fixture('areas.geojson'), path.join(dir, 'areas-upload'));
    expect((await prepareImport(path.join(dir, 'areas-upload'), { kind: 'areas', crs: 'wgs84' })).valid).toBe(true);
    writeFileSync(path.join(dir, 'notes.doc'), 'hello');
    const unknown = await prepareImport(path.join(dir, 'notes.doc'), { kind: 'areas', crs: 'wgs84' });
    expect(unknown.errors[0]).toMatchObject({ code: 'IMPORT_UNSUPPORTED', ref: 'notes.doc' });
    const missing = await prepareImport(path.join(dir, 'nope.csv'), { kind: 'areas', crs: 'wgs84' });
    expect(missing.errors[0].message).toMatch(/^nope\.csv: cannot read the file: ENOENT/);
  });
});
