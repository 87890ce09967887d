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
import { expectedBBox, writeImport } from '../../server/import/import.service.ts';
import { fixture } from '../fixtures/import/paths.ts';
import { backendName, openTestDatabase } from '../support/api.ts';

let database: Database;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-imp-'));
beforeAll(async () => {
  database = await openTestDatabase();
  SAMPLE_BBOX = await expectedBBox(database.db);
});
afterAll(async () => {
  await database?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

// The sample's extent (+~100 m): what the CLI expects by default when the database holds areas.
let SAMPLE_BBOX: [number, number, number, number];
const BUND: [number, number, number, number] = [121.475, 31.225, 121.5, 31.245];
const fingerprint = async () =>
  (
    await sql<Record<string, number>>`select (select count(*) from areas)::int a, (select count(*) from households)::int h,
      (select count(*) from buildings)::int b, (select count(*) from places)::int p, (select count(*) from road_edges)::int r,
      (select sum(households) from areas where level = 'street')::int t`.execute(database.db)
  ).rows[0];

async function importFile(file: string, kind: any, crs: any = 'wgs84', bbox = SAMPLE_BBOX) {
  const prepared = await prepareImport(file, { kind, crs, bbox });
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
    // The BD-09 fixture's points were picked around the Bund: that is the expected area (--bbox).
    const r = await importFile(fixture(file), kind, crs, file === 'places-bd09.csv' ? BUND : SAMPLE_BBOX);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toMatch(msg);
    expect(await fingerprint()).toEqual(before);
  });

  it('refuses a unit outside its grid and a code that already exists, writing nothing', async () => {
    const [grid] = (await sql<{ code: string }>`select code from areas where level = 'grid' order by code limit 1`.execute(database.db)).rows;
    const [unit] = (await sql<{ code: string }>`select code from areas where level = 'unit' order by code limit 1`.execute(database.db)).rows;
    const sq = (x: number, y: number) => [[[x, y], [x + 0.0002, y], [x + 0.0002, y + 0.0002], [x, y + 0.0002], [x, y]]];
    // A point inside the sample but in a grid of another community: outside `grid`.
    const [away] = (await sql<{ x: number; y: number }>`select ST_X(p) x, ST_Y(p) y from (select ST_PointOnSurface(geom) p from areas
      where level = 'grid' and parent_id <> (select parent_id from areas where code = ${grid.code}) order by code limit 1) t`.execute(database.db)).rows;
    const f = path.join(tmp, 'units.geojson');
    fs.writeFileSync(f, JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: sq(away.x, away.y) }, properties: { code: `${grid.code}901`, level: 'unit', name: '外面', parentCode: grid.code } }],
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
    const SHANGHAI: [number, number, number, number] = [121.3, 31.1, 121.7, 31.4];
    const r = await importFile(fixture('places-gcj02.csv'), 'places', 'gcj02', SHANGHAI);
    expect(r, r.ok ? '' : r.message).toMatchObject({ ok: true });
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
    // Row 6 is the published eviltransform pair: GCJ-02 (121.531541859215, 31.17530398364597) is
    // WGS84 (121.5272106, 31.1774276). Stored within 1 m of that truth.
    const p4 = rows.find((x) => x.ref === 'syn:p4')!;
    expect(haversineM([p4.x, p4.y], [121.5272106, 31.1774276])).toBeLessThan(1);
    await sql`delete from places where ref like 'syn:p%'`.execute(database.db);
  });
});
