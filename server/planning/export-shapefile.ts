/**
 * A small pure ESRI Shapefile writer (polygons, WGS84) and a header reader for tests:
 * .shp/.shx (ESRI Shapefile Technical Description, July 1998: big-endian file code and lengths
 * in 16-bit words, little-endian shapes), .dbf (dBASE III: C and N fields), .prj, .cpg (UTF-8).
 * Outer rings clockwise, holes counter-clockwise (the reverse of GeoJSON RFC 7946).
 */
import type { MultiPolygon, Polygon, Position } from '../geo/geojson.ts';

export interface DbfField { name: string; type: 'C' | 'N'; length: number; decimals?: number }
export interface ShpFeature { geometry: Polygon | MultiPolygon }

export const WGS84_PRJ = 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

const signedArea = (ring: Position[]) => {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[i][0] - ring[j][0]) * (ring[i][1] + ring[j][1]);
  return s / 2; // > 0: clockwise
};
const oriented = (ring: Position[], clockwise: boolean) => ((signedArea(ring) > 0) === clockwise ? ring : [...ring].reverse());

function partsOf(g: Polygon | MultiPolygon): Position[][] {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.flatMap((rings) => rings.map((r, i) => oriented(r, i === 0)));
}

function header(buf: DataView, fileWords: number, box: number[]) {
  buf.setInt32(0, 9994, false);
  buf.setInt32(24, fileWords, false);
  buf.setInt32(28, 1000, true);
  buf.setInt32(32, 5, true);
  box.forEach((v, i) => buf.setFloat64(36 + 8 * i, v, true));
}

function bbox(parts: Position[][]): number[] {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of parts) for (const [x, y] of p) { x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y); }
  return Number.isFinite(x0) ? [x0, y0, x1, y1] : [0, 0, 0, 0];
}

export function writeShp(features: readonly ShpFeature[]): { shp: Uint8Array; shx: Uint8Array } {
  const shapes = features.map((f) => partsOf(f.geometry));
  const sizes = shapes.map((parts) => 44 + 4 * parts.length + 16 * parts.reduce((s, p) => s + p.length, 0));
  const total = 100 + sizes.reduce((s, n) => s + 8 + n, 0);
  const shp = new DataView(new ArrayBuffer(total));
  const shx = new DataView(new ArrayBuffer(100 + 8 * features.length));
  const all = bbox(shapes.flat());
  header(shp, total / 2, all);
  header(shx, (100 + 8 * features.length) / 2, all);
  let o = 100;
  shapes.forEach((parts, i) => {
    shx.setInt32(100 + 8 * i, o / 2, false);
    shx.setInt32(104 + 8 * i, sizes[i] / 2, false);
    shp.setInt32(o, i + 1, false);
    shp.setInt32(o + 4, sizes[i] / 2, false);
    let p = o + 8;
    shp.setInt32(p, 5, true);
    bbox(parts).forEach((v, k) => shp.setFloat64(p + 4 + 8 * k, v, true));
    const points = parts.reduce((s, r) => s + r.length, 0);
    shp.setInt32(p + 36, parts.length, true);
    shp.setInt32(p + 40, points, true);
    p += 44;
    let start = 0;
    for (const r of parts) { shp.setInt32(p, start, true); p += 4; start += r.length; }
    for (const r of parts) for (const [x, y] of r) { shp.setFloat64(p, x, true); shp.setFloat64(p + 8, y, true); p += 16; }
    o += 8 + sizes[i];
  });
  return { shp: new Uint8Array(shp.buffer), shx: new Uint8Array(shx.buffer) };
}

/** UTF-8 bytes of s cut to at most n bytes on a character boundary. */
function utf8Cut(s: string, n: number): Uint8Array {
  const enc = new TextEncoder();
  let b = enc.encode(s);
  while (b.length > n) { s = s.slice(0, -1); b = enc.encode(s); }
  return b;
}

export function writeDbf(fields: readonly DbfField[], records: readonly Record<string, string | number | null>[], date = new Date()): Uint8Array {
  const recLen = 1 + fields.reduce((s, f) => s + f.length, 0);
  const headLen = 32 + 32 * fields.length + 1;
  const out = new Uint8Array(headLen + recLen * records.length + 1);
  const dv = new DataView(out.buffer);
  out[0] = 0x03;
  out[1] = date.getUTCFullYear() - 1900; out[2] = date.getUTCMonth() + 1; out[3] = date.getUTCDate();
  dv.setUint32(4, records.length, true);
  dv.setUint16(8, headLen, true);
  dv.setUint16(10, recLen, true);
  fields.forEach((f, i) => {
    const at = 32 + 32 * i;
    out.set(utf8Cut(f.name, 10), at);
    out[at + 11] = f.type.charCodeAt(0);
    out[at + 16] = f.length;
    out[at + 17] = f.decimals ?? 0;
  });
  out[headLen - 1] = 0x0d;
  records.forEach((r, k) => {
    let at = headLen + recLen * k;
    out[at++] = 0x20;
    for (const f of fields) {
      out.fill(0x20, at, at + f.length);
      const v = r[f.name];
      if (v !== null && v !== undefined) {
        if (f.type === 'N') {
          const s = utf8Cut(typeof v === 'number' ? v.toFixed(f.decimals ?? 0) : String(v), f.length);
          out.set(s, at + f.length - s.length);
        } else out.set(utf8Cut(String(v), f.length), at);
      }
      at += f.length;
    }
  });
  out[out.length - 1] = 0x1a;
  return out;
}

/** What a reader sees first: shape type, record count (from .shx), dbf record count and field names. */
export function readShapefileHeaders(shp: Uint8Array, shx: Uint8Array, dbf: Uint8Array) {
  const s = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  const x = new DataView(shx.buffer, shx.byteOffset, shx.byteLength);
  const d = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength);
  const headLen = d.getUint16(8, true);
  const fields: string[] = [];
  for (let at = 32; at < headLen - 1; at += 32) fields.push(new TextDecoder().decode(dbf.slice(at, at + 11)).replace(/\0.*$/, ''));
  return {
    fileCode: s.getInt32(0, false), shpBytes: s.getInt32(24, false) * 2, shapeType: s.getInt32(32, true),
    bbox: [0, 1, 2, 3].map((i) => s.getFloat64(36 + 8 * i, true)),
    records: (x.getInt32(24, false) * 2 - 100) / 8,
    dbfRecords: d.getUint32(4, true), fields,
  };
}
