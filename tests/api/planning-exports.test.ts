/**
 * Plan exports parse back (GeoJSON, zipped Shapefile headers and counts, GeoPackage through sql.js,
 * CSV, XLSX through exceljs); a CSV import becomes a draft; bad rows are a 422 naming the row.
 */
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSqlJs } from '../../server/planning/export-gpkg.ts';
import { readShapefileHeaders } from '../../server/planning/export-shapefile.ts';
import { backendName, startApi, type ApiContext } from '../support/api.ts';
import { planningWorld, q, type PlanningWorld } from './planning-support.ts';

let api: ApiContext;
let w: PlanningWorld;
let draftId: number;
let gridCount: number;

beforeAll(async () => {
  api = await startApi();
  w = await planningWorld(api);
  draftId = (await api.send('POST', '/api/planning/drafts', { areaId: w.community.id }, { cookie: w.planner })).body.id;
  gridCount = (await q(api.database.db, `select id from areas where parent_id = ${w.community.id}`)).length;
});
afterAll(async () => {
  await api?.close();
});

async function download(path: string) {
  const res = await fetch(api.base + path, { headers: { cookie: w.staff, 'x-forwarded-for': api.ip } });
  expect(res.status, path).toBe(200);
  return { type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), bytes: new Uint8Array(await res.arrayBuffer()) };
}
const draftExport = (format: string) => download(`/api/planning/drafts/${draftId}/export?format=${format}`);

describe(`plan exports and import (${backendName()})`, () => {
  it('GeoJSON: one feature per grid with its households', async () => {
    const r = await draftExport('geojson');
    const fc = JSON.parse(new TextDecoder().decode(r.bytes));
    expect(fc.features).toHaveLength(gridCount);
    expect(fc.features[0].geometry.type).toBe('MultiPolygon');
    expect(fc.features[0].properties.households).toBeGreaterThan(0);
  });

  it('zipped Shapefile: .shp/.shx/.dbf/.prj/.cpg with matching headers and record counts', async () => {
    const r = await draftExport('shp');
    expect(r.type).toBe('application/zip');
    const files = unzipSync(r.bytes);
    expect(Object.keys(files).sort()).toEqual(['grids.cpg', 'grids.dbf', 'grids.prj', 'grids.shp', 'grids.shx']);
    const h = readShapefileHeaders(files['grids.shp'], files['grids.shx'], files['grids.dbf']);
    expect(h).toMatchObject({ fileCode: 9994, shapeType: 5, records: gridCount, dbfRecords: gridCount, shpBytes: files['grids.shp'].length });
    expect(h.fields).toEqual(['code', 'name', 'households', 'population', 'units', 'pp']);
    expect(h.bbox[0]).toBeGreaterThan(121);
    expect(new TextDecoder().decode(files['grids.cpg'])).toBe('UTF-8');
  });

  it('GeoPackage: opens with sql.js, with the required tables and GP binary geometries', async () => {
    const r = await draftExport('gpkg');
    const SQL = await loadSqlJs();
    const db = new SQL.Database(r.bytes);
    try {
      const [contents] = db.exec(`select table_name, data_type, srs_id from gpkg_contents`);
      expect(contents.values).toEqual([['grids', 'features', 4326]]);
      expect(db.exec(`select geometry_type_name from gpkg_geometry_columns`)[0].values).toEqual([['MULTIPOLYGON']]);
      expect(db.exec(`select count(*) from gpkg_spatial_ref_sys where srs_id in (-1, 0, 4326)`)[0].values[0][0]).toBe(3);
      const [rows] = db.exec(`select count(*), sum(households), hex(substr(min(geom), 1, 2)) from grids`);
      expect(rows.values[0][0]).toBe(gridCount);
      expect(rows.values[0][2]).toBe('4750'); // "GP"
      expect(db.exec('pragma application_id')[0].values[0][0]).toBe(1196444487);
    } finally {
      db.close();
    }
  });

  it('CSV (unit code → grid code) and XLSX summary with Chinese headers; a published version exports too', async () => {
    const csv = new TextDecoder().decode((await draftExport('csv')).bytes).trim().split('\r\n');
    expect(csv[0]).toBe('unit_code,grid_code');
    const units = (await q<{ code: string; grid: string }>(api.database.db, `select u.code, g.code grid from areas u join areas g on g.id = u.parent_id where g.parent_id = ${w.community.id} order by u.code`));
    expect(csv.slice(1)).toEqual(units.map((u) => `${u.code},${u.grid}`));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await draftExport('xlsx')).bytes.buffer as ArrayBuffer);
    const sheet = wb.getWorksheet('网格汇总')!;
    expect(sheet.getRow(2).values).toEqual([undefined, '网格编码', '网格名称', '户数', '人口', '单元数', '户数区间', '紧凑度(Polsby–Popper)']);
    expect(sheet.rowCount).toBe(2 + gridCount + 1);
    expect(wb.getWorksheet('单元归属')!.rowCount).toBe(units.length + 1);
    // The CSV re-imports to the same plan.
    const imp = await api.send('POST', '/api/planning/imports', { areaId: w.community.id, csv: csv.join('\n') }, { cookie: w.planner });
    expect(imp.status, JSON.stringify(imp.body)).toBe(201);
    expect(imp.body).toMatchObject({ units: units.length, unassigned: 0, headVersion: 1 });
    const a = (await api.get(`/api/planning/drafts/${imp.body.id}?geometry=false`, { cookie: w.planner })).body.assignments;
    const b = (await api.get(`/api/planning/drafts/${draftId}?geometry=false`, { cookie: w.planner })).body.assignments;
    expect(a).toEqual(b);
    // Published versions export too (on the shared PostgreSQL database another file may have published one).
    const versions = (await api.get(`/api/planning/communities/${w.community.id}/versions`, { cookie: w.staff })).body.versions;
    const v1 = await api.get(`/api/planning/communities/${w.community.id}/versions/1/export?format=csv`, { cookie: w.staff });
    expect(v1.status).toBe(versions.length ? 200 : 404);
    if (versions.length) expect(String(v1.body).split('\r\n')[0]).toBe('unit_code,grid_code');
  });

  it('rejects a CSV with unknown units, units outside the area and duplicates, naming the rows; writes nothing', async () => {
    const [inside] = await q<{ code: string }>(api.database.db, `select u.code from areas u join areas g on g.id = u.parent_id where g.parent_id = ${w.community.id} order by u.code limit 1`);
    const [outside] = await q<{ code: string }>(api.database.db, `select u.code from areas u join areas g on g.id = u.parent_id where g.parent_id <> ${w.community.id} and u.level = 'unit' order by u.code limit 1`);
    const before = (await q(api.database.db, 'select id from plan_drafts')).length;
    const csv = `unit_code,grid_code\n${inside.code},A\n99999999999999999,A\n${outside.code},B\n${inside.code},B\n`;
    const r = await api.send('POST', '/api/planning/imports', { areaId: w.community.id, csv }, { cookie: w.planner });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('BAD_PLAN_CSV');
    expect(r.body.error.message).toMatch(/^row 3: unit 99999999999999999 does not exist/);
    expect(r.body.error.details.rows.map((x: any) => [x.row, x.reason])).toEqual([[3, 'UNKNOWN_UNIT'], [4, 'OUTSIDE_SCOPE'], [5, 'DUPLICATE_UNIT']]);
    expect((await q(api.database.db, 'select id from plan_drafts')).length).toBe(before);
    const other = await api.send('POST', '/api/planning/imports', { areaId: w.community.id, csv }, { cookie: w.otherPlanner });
    expect(other.status).toBe(403);
  });
});
