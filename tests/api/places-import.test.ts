/**
 * Bulk import of places: GCJ-02 (CSV, Chinese headers and names) and BD-09 (XLSX) rows land within
 * 1 m of their known WGS84 position; the preview writes nothing; any bad row (unknown service,
 * malformed hours, outside the area) refuses the whole file; importing a file twice is refused.
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromWgs84 } from '../../server/geo/crs.ts';
import { haversineM } from '../../server/geo/distance.ts';
import { createTestUser, loginAs, places, type Places } from '../support/accounts.ts';
import { backendName, startApi, type ApiContext } from '../support/api.ts';

let api: ApiContext;
let at: Places;
let staff: string;
let outsider: string;
/** Known WGS84 points inside community A (one per grid) and one in community B. */
let known: [number, number][] = [];
let elsewhere: [number, number];

const count = async () => (await sql<{ n: number }>`select count(*)::int n from places`.execute(api.database.db)).rows[0].n;

beforeAll(async () => {
  api = await startApi();
  at = await places(api.database.db);
  staff = await loginAs(api, await createTestUser(api.database.db, [{ role: 'community_staff', areaId: at.communityA }], 'importer'));
  outsider = await loginAs(api, await createTestUser(api.database.db, [{ role: 'grid_worker', areaId: at.gridB }], 'outsider'));
  const pts = await sql<{ x: number; y: number }>`
    select ST_X(p) x, ST_Y(p) y from (select ST_PointOnSurface(geom) p from areas where parent_id = ${at.communityA} order by code limit 3) t`.execute(api.database.db);
  known = pts.rows.map((r) => [Math.round(r.x * 1e7) / 1e7, Math.round(r.y * 1e7) / 1e7]);
  const [b] = (await sql<{ x: number; y: number }>`select ST_X(ST_PointOnSurface(geom)) x, ST_Y(ST_PointOnSurface(geom)) y from areas where id = ${at.gridB}`.execute(api.database.db)).rows;
  elsewhere = [b.x, b.y];
});
afterAll(async () => {
  await api?.close();
});

const csvOf = (rows: (string | number)[][]) => rows.map((r) => r.map((c) => (typeof c === 'string' && /[,"]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n');
const HEADER = ['名称', '类型', '经度', '纬度', '开放时间', '服务', '联系电话', '容纳人数'];

function gcjCsv(tag: string) {
  return csvOf([HEADER, ...known.map((p, i) => {
    const [x, y] = fromWgs84(p, 'gcj02');
    return [`${tag}驿站${i + 1}`, '骑手友好店面', x.toFixed(7), y.toFixed(7), 'Mo-Su 07:00-22:00', '电动车电池充电;休息;drinking_water', '021-5555000' + i, 8];
  })]);
}

async function bdXlsxBase64(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('驿站');
  ws.addRow(['ref', 'name', 'kind', 'lon', 'lat', 'opening_hours', 'services', 'stepFree']);
  known.forEach((p, i) => {
    const [x, y] = fromWgs84(p, 'bd09');
    ws.addRow([`bd-${i + 1}`, `百度坐标驿站${i + 1}`, 'outdoor_worker_station', x, y, 'Mo-Fr 08:00-20:00; PH off', 'toilet;rest', '是']);
  });
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe(`places import (${backendName()})`, () => {
  it('GCJ-02 CSV: the preview shows each row within 1 m of its WGS84 position and writes nothing; the import writes them all', async () => {
    const body = { file: { name: 'amap-stations.csv', text: gcjCsv('高德') }, crs: 'gcj02', areaId: at.communityA };
    const before = await count();
    const p = await api.send('POST', '/api/places/import/preview', body, { cookie: staff });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    expect(p.body.valid).toBe(true);
    expect(p.body.rows).toHaveLength(known.length);
    p.body.rows.forEach((r: any, i: number) => {
      expect(haversineM(r.wgs84, known[i])).toBeLessThan(1);
      expect(r.shiftM).toBeGreaterThan(300);
      expect(r.shiftM).toBeLessThan(1000);
      expect(r.area.level).toBe('grid');
      expect(r.errors).toEqual([]);
    });
    expect(await count()).toBe(before);

    const done = await api.send('POST', '/api/places/import', body, { cookie: staff });
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    expect(done.body.imported).toBe(known.length);
    const rows = (await sql<{ x: number; y: number; services: string[]; kind: string; contact: string; capacity: number; area_id: number }>`
      select ST_X(geom) x, ST_Y(geom) y, services, kind, contact, capacity, area_id from places where id = any(${done.body.ids}::int[]) order by id`.execute(api.database.db)).rows;
    rows.forEach((r, i) => {
      expect(haversineM([r.x, r.y], known[i])).toBeLessThan(1);
      expect(r).toMatchObject({ kind: 'rider_shop', services: ['ebike_charging', 'rest', 'drinking_water'], contact: `021-5555000${i}`, capacity: 8 });
    });
    const again = await api.send('POST', '/api/places/import', body, { cookie: staff });
    expect(again.status).toBe(422);
    expect(again.body.error.message).toMatch(/already exists/);
  });

  it('BD-09 XLSX rows land within 1 m too', async () => {
    const body = { file: { name: 'baidu-stations.xlsx', base64: await bdXlsxBase64() }, crs: 'bd09', areaId: at.communityA };
    const done = await api.send('POST', '/api/places/import', body, { cookie: staff });
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    for (const [i, r] of done.body.rows.entries()) expect(haversineM(r.wgs84, known[i])).toBeLessThan(1);
    const page = await api.get(`/api/places/${done.body.ids[0]}`);
    expect(page.body).toMatchObject({ name: '百度坐标驿站1', stepFree: true, openingHours: 'Mo-Fr 08:00-20:00; PH off' });
    expect(haversineM(page.body.point, known[0])).toBeLessThan(1);
  });

  it('refuses the whole file when one row has an unknown service, malformed hours or lands outside the area', async () => {
    const [g1, g2] = [fromWgs84(known[0], 'gcj02'), fromWgs84(elsewhere, 'gcj02')];
    const text = csvOf([
      ['ref', 'name', 'kind', 'lon', 'lat', 'opening_hours', 'services'],
      ['bad-1', '好的一行', 'grid_station', g1[0], g1[1], '24/7', 'rest'],
      ['bad-2', '未知服务', 'grid_station', g1[0], g1[1], '24/7', 'rest;sauna'],
      ['bad-3', '时间错误', 'grid_station', g1[0], g1[1], 'Mo-Fr 25:00-18:00', 'rest'],
      ['bad-4', '别的社区', 'grid_station', g2[0], g2[1], '24/7', 'rest'],
      ['bad-5', '未知类型', 'spa', g1[0], g1[1], '24/7', 'rest'],
    ]);
    const body = { file: { name: 'mixed.csv', text }, crs: 'gcj02', areaId: at.communityA };
    const before = await count();
    const p = (await api.send('POST', '/api/places/import/preview', body, { cookie: staff })).body;
    expect(p.valid).toBe(false);
    const errs = Object.fromEntries(p.rows.map((r: any) => [r.row, r.errors.join(' | ')]));
    expect(errs['mixed.csv row 2']).toBe('');
    expect(errs['mixed.csv row 3']).toMatch(/unknown service "sauna"/);
    expect(errs['mixed.csv row 4']).toMatch(/opening_hours "Mo-Fr 25:00-18:00": .+/);
    expect(errs['mixed.csv row 5']).toMatch(/not in .+ that you import into/);
    expect(errs['mixed.csv row 6']).toMatch(/kind/);
    const r = await api.send('POST', '/api/places/import', body, { cookie: staff });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('IMPORT_REJECTED');
    expect(r.body.error.details.errors.length).toBeGreaterThanOrEqual(4);
    expect(await count()).toBe(before);
  });

  it('refuses an area outside the jurisdiction, and bad bodies', async () => {
    const body = { file: { name: 'amap-stations.csv', text: gcjCsv('越权') }, crs: 'gcj02', areaId: at.communityA };
    expect((await api.send('POST', '/api/places/import/preview', body, { cookie: outsider })).status).toBe(403);
    expect((await api.send('POST', '/api/places/import', body)).status).toBe(401);
    const noCrs = await api.send('POST', '/api/places/import/preview', { ...body, crs: 'mercator' }, { cookie: staff });
    expect([noCrs.status, noCrs.body.error.message]).toEqual([400, expect.stringMatching(/crs must be one of wgs84, cgcs2000, gcj02, bd09/)]);
    const both = await api.send('POST', '/api/places/import/preview', { ...body, file: { name: 'x.csv' } }, { cookie: staff });
    expect(both.status).toBe(400);
  });
});
