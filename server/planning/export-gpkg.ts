/**
 * A small GeoPackage writer (OGC 12-128r18, version 1.3) over sql.js: the required
 * gpkg_spatial_ref_sys / gpkg_contents / gpkg_geometry_columns tables and one feature table whose
 * geometries are GeoPackage binary (header "GP", version 0, little-endian, xy envelope) + WKB.
 */
import { createRequire } from 'node:module';
import type { MultiPolygon, Polygon } from '../geo/geojson.ts';

export interface GpkgFeature { geometry: Polygon | MultiPolygon; properties: Record<string, string | number | null> }
export interface GpkgColumn { name: string; type: 'TEXT' | 'INTEGER' | 'REAL' }

interface SqlJsDatabase {
  run(sql: string, params?: unknown[]): void;
  exec(sql: string): { columns: string[]; values: unknown[][] }[];
  export(): Uint8Array;
  close(): void;
}
type SqlJs = { Database: new (data?: Uint8Array) => SqlJsDatabase };

let sqlJs: Promise<SqlJs> | null = null;
/** sql.js, loaded once (WASM). */
export function loadSqlJs(): Promise<SqlJs> {
  const init = createRequire(import.meta.url)('sql.js') as () => Promise<SqlJs>;
  return (sqlJs ??= init());
}

const WGS84 = 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4326"]]';

/** GeoPackage binary of a (multi)polygon, SRS 4326. */
export function gpkgGeometry(g: Polygon | MultiPolygon): Uint8Array {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const pts = polys.flat(2);
  const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
  const wkbLen = 9 + polys.reduce((s, rings) => s + 9 + rings.reduce((t, r) => t + 4 + 16 * r.length, 0), 0);
  const dv = new DataView(new ArrayBuffer(8 + 32 + wkbLen));
  dv.setUint8(0, 0x47); dv.setUint8(1, 0x50); dv.setUint8(2, 0); dv.setUint8(3, 0b0000_0011);
  dv.setInt32(4, 4326, true);
  [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)].forEach((v, i) => dv.setFloat64(8 + 8 * i, v, true));
  let o = 40;
  dv.setUint8(o, 1); dv.setUint32(o + 1, 6, true); dv.setUint32(o + 5, polys.length, true); o += 9;
  for (const rings of polys) {
    dv.setUint8(o, 1); dv.setUint32(o + 1, 3, true); dv.setUint32(o + 5, rings.length, true); o += 9;
    for (const r of rings) {
      dv.setUint32(o, r.length, true); o += 4;
      for (const [x, y] of r) { dv.setFloat64(o, x, true); dv.setFloat64(o + 8, y, true); o += 16; }
    }
  }
  return new Uint8Array(dv.buffer);
}

export async function writeGpkg(table: string, columns: readonly GpkgColumn[], features: readonly GpkgFeature[], description = ''): Promise<Uint8Array> {
  if (!/^[a-z_][a-z0-9_]*$/.test(table) || columns.some((c) => !/^[a-z_][a-z0-9_]*$/.test(c.name))) throw new Error('gpkg: table and column names must be plain identifiers');
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  try {
    db.run('PRAGMA application_id = 1196444487');
    db.run('PRAGMA user_version = 10300');
    db.run(`CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
      organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT)`);
    db.run(`INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', NULL),
      ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', NULL), ('WGS 84 geodetic', 4326, 'EPSG', 4326, ?, 'longitude/latitude WGS 84')`, [WGS84]);
    db.run(`CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '',
      last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
      srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))`);
    db.run(`CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL,
      z TINYINT NOT NULL, m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
      CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name), CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))`);
    db.run(`CREATE TABLE ${table} (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom MULTIPOLYGON${columns.map((c) => `, ${c.name} ${c.type}`).join('')})`);
    const pts = features.flatMap((f) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).flat(2));
    const box = pts.length ? [Math.min(...pts.map((p) => p[0])), Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[1]))] : [null, null, null, null];
    db.run(`INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id) VALUES (?, 'features', ?, ?, ?, ?, ?, ?, 4326)`, [table, table, description, ...box]);
    db.run(`INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'MULTIPOLYGON', 4326, 0, 0)`, [table]);
    const insert = `INSERT INTO ${table} (geom${columns.map((c) => `, ${c.name}`).join('')}) VALUES (?${columns.map(() => ', ?').join('')})`;
    for (const f of features) db.run(insert, [gpkgGeometry(f.geometry), ...columns.map((c) => f.properties[c.name] ?? null)]);
    return db.export();
  } finally {
    db.close();
  }
}
