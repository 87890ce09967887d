/**
 * Importers: each kind of bad input is refused with a message naming file, row and reason, and
 * leaves the database unchanged; good input lands, GCJ-02 converted to WGS84.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { haversineM } from '../../server/geo/distance.ts';
import { prepareImport } from '../../server/import/index.ts';
import { writeImport } from '../../server/import/import.service.ts';
import { fixture } from '../fixtures/import/paths.ts';
import { backendName, openTestDatabase } from '../support/api.ts';

let database: Database;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-imp-'));
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const SAMPLE_BBOX: [number, number, number, number] = [121.47, 31.22, 121.53, 31.26];
const fingerprint = async () =>
  (
    await sql<Record<string, number>>`select (select count(*) from areas)::int a, (select count(*) from households)::int h,
      (select count(*) from buildings)::int b, (select count(*) from places)::int p, (select count(*) from road_edges)::int r,
      (select sum(households) from areas where level = 'street')::int t`.execute(database.db)
  ).rows[0];

async function importFile(file: string, kind: any, crs: any = 'wgs84') {
  const prepared = await prepareImport(file, { kind, crs, bbox: SAMPLE_BBOX });
  if (!prepared.valid) return { ok: false as const, message: prepared.errors.map((e) => e.message).join('\n') };
  try {
    const n = await writeImport(database.db, kind, prepared.records as any);
    return { ok: true as const, n };
  } catch (e) {
    return { ok: false as const, message: (e as Error).message };
  }
}

describe(`import (${backendName()})`, () => {
  it.each([
    ['unparsable file', 'bad.geojson', 'buildings', 'wgs84', /bad\.geojson.*not valid JSON/],
    ['self-intersecting polygon', 'buildings-selfintersect.csv', 'buildings', 'wgs84', /row 3: .*self-intersects/],
    ['wrong CRS declared', 'places-bd09.csv', 'places', 'wgs84', /outside the expected area|check --crs/],
    ['duplicate code in the file', 'households-duplicate.csv', 'households', 'wgs84', /duplicate|twice/i],
    ['missing column', 'households-missing-column.csv', 'households', 'wgs84', /size/],
    ['household of a unit that does not exist', 'households.csv', 'households', 'wgs84', /unit \d+ does not exist/],
  ])('refuses %s and writes nothing', async (_name, file, kind, crs, msg) => {
    const before = await fingerprint();
    const r = await importFile(fixture(file), kind, crs);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toMatch(msg);
    expect(await fingerprint()).toEqual(before);
  });

  it('refuses a unit outside its grid and a code that already exists, writing nothing', async () => {
    const [grid] = (await sql<{ code: string }>`select code from areas where level = 'grid' order by code limit 1`.execute(database.db)).rows;
    const [unit] = (await sql<{ code: string }>`select code from areas where level = 'unit' order by code limit 1`.execute(database.db)).rows;
    const sq = (x: number, y: number) => [[[x, y], [x + 0.0005, y], [x + 0.0005, y + 0.0005], [x, y + 0.0005], [x, y]]];
    const f = path.join(tmp, 'units.geojson');
    fs.writeFileSync(f, JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: sq(121.521, 31.2265) }, properties: { code: `${grid.code}901`, level: 'unit', name: '外面', parentCode: grid.code } }],
    }));
    const before = await fingerprint();
    const r = await importFile(f, 'areas');
    expect(r.ok ? '' : r.message).toMatch(new RegExp(`units\\.geojson feature 1: .*${grid.code}901 lies partly outside its parent ${grid.code}`));
    fs.writeFileSync(f, JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: sq(121.49, 31.23) }, properties: { code: unit.code, level: 'unit', name: 'dup', parentCode: grid.code } }],
    }));
    const r2 = await importFile(f, 'areas');
    expect(r2.ok ? '' : r2.message).toMatch(new RegExp(`code ${unit.code} already exists`));
    expect(await fingerprint()).toEqual(before);
  });

  it('imports GCJ-02 places converted to WGS84 (a known point within 1 m of the truth)', async () => {
    const before = await fingerprint();
    const r = await importFile(fixture('places-gcj02.csv'), 'places', 'gcj02');
    expect(r).toMatchObject({ ok: true });
    const after = await fingerprint();
    expect(after.p).toBe(before.p + (r.ok ? r.n : 0));
    const rows = (await sql<{ ref: string; x: number; y: number }>`select ref, ST_X(geom) x, ST_Y(geom) y from places where ref like 'syn:p%' order by ref`.execute(database.db)).rows;
    expect(rows.length).toBe(r.ok ? r.n : -1);
    // The CSV's first row was picked on a GCJ-02 map at (121.49456731, 31.23411340); its WGS84 position
    // lies 300–600 m away (south-west), the documented Shanghai offset.
    const p1 = rows.find((x) => x.ref === 'syn:p1')!;
    const shift = haversineM([p1.x, p1.y], [121.49456731273534, 31.2341134018405]);
    expect(shift).toBeGreaterThan(300);
    expect(shift).toBeLessThan(700);
    await sql`delete from places where ref like 'syn:p%'`.execute(database.db);
  });
});
