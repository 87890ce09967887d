/**
 * Rows of a CSV or XLSX sheet → features. Geometry comes from lon/lat columns (points) or a WKT
 * column (any geometry); every other column becomes a property. Empty cells become null.
 */
import type { Geometry } from '../geo/geojson.ts';
import { parseWkt, WktError } from '../geo/wkt.ts';
import { ErrorCollector, IMPORT_ERROR_CODES as C, REASONS } from './errors.ts';
import { throttledProgress, type ImportFeature, type ImportKind, type ParseResult, type ProgressFn } from './types.ts';

export const LON_COLUMNS = ['lon', 'lng', 'long', 'longitude', '经度'];
export const LAT_COLUMNS = ['lat', 'latitude', '纬度'];
export const WKT_COLUMNS = ['geometry', 'wkt', 'geom', 'the_geom'];
/** EPSG codes whose WKT is longitude/latitude (WGS84, CGCS2000). */
const LONLAT_SRIDS = [4326, 4490];

/** One data row; `row` is the 1-based row number the user sees (header = row 1). */
export interface TableRow {
  row: number;
  cells: unknown[];
}

function findColumn(header: string[], names: string[]): number {
  return header.findIndex((h) => names.includes(h.toLowerCase()));
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

function toNumber(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string' || v.trim() === '') return null;
  const n = Number(v.trim());
  return Number.isFinite(n) ? n : null;
}

export function rowsToFeatures(
  headerCells: unknown[],
  rows: TableRow[],
  file: string,
  kind: ImportKind,
  onProgress?: ProgressFn,
): ParseResult {
  const errors = new ErrorCollector(Number.POSITIVE_INFINITY);
  const done = (features: ImportFeature[] = []): ParseResult => ({ features, warnings: [], errors: errors.errors });
  const header = headerCells.map((h) => (isEmpty(h) ? '' : String(h).trim()));
  if (header.every((h) => h === '')) {
    errors.add(C.PARSE, file, REASONS.headerEmpty());
    return done();
  }
  const seen = new Set<string>();
  for (const h of header) {
    if (h !== '' && seen.has(h)) errors.add(C.PARSE, file, REASONS.headerDuplicate(h));
    seen.add(h);
  }
  if (errors.total > 0) return done();

  const lonCol = findColumn(header, LON_COLUMNS);
  const latCol = findColumn(header, LAT_COLUMNS);
  const wktCol = findColumn(header, WKT_COLUMNS);
  if (wktCol < 0 && (lonCol < 0) !== (latCol < 0)) {
    errors.add(C.FIELD, file, REASONS.fieldMissingInFile(lonCol < 0 ? 'lon' : 'lat'));
    return done();
  }
  if (kind !== 'households' && wktCol < 0 && lonCol < 0) {
    errors.add(C.FIELD, file, REASONS.geometryColumnsMissing(kind));
    return done();
  }
  const geometryCols = new Set([lonCol, latCol, wktCol]);

  const features: ImportFeature[] = [];
  const progress = throttledProgress(onProgress, rows.length);
  rows.forEach(({ row, cells }, i) => {
    progress(i + 1);
    if (cells.every(isEmpty)) return;
    const ref = `${file} row ${row}`;
    let geometry: Geometry | null = null;
    if (wktCol >= 0 && !isEmpty(cells[wktCol])) {
      try {
        const { geometry: g, srid } = parseWkt(String(cells[wktCol]));
        if (srid !== null && !LONLAT_SRIDS.includes(srid)) {
          errors.add(C.CRS, ref, REASONS.wktSrid(srid));
          return;
        }
        geometry = g;
      } catch (e) {
        if (!(e instanceof WktError)) throw e;
        errors.add(C.PARSE, ref, REASONS.wktInvalid(e.message));
        return;
      }
    } else if (lonCol >= 0 && !(isEmpty(cells[lonCol]) && isEmpty(cells[latCol]) && kind === 'households')) {
      const lon = toNumber(cells[lonCol]);
      const lat = toNumber(cells[latCol]);
      if (lon === null || lat === null) {
        const [col, v] = lon === null ? [header[lonCol], cells[lonCol]] : [header[latCol], cells[latCol]];
        errors.add(C.PARSE, ref, REASONS.notANumber(col, v ?? ''));
        return;
      }
      geometry = { type: 'Point', coordinates: [lon, lat] };
    }
    const properties: Record<string, unknown> = {};
    header.forEach((name, c) => {
      if (name === '' || geometryCols.has(c)) return;
      const v = cells[c];
      properties[name] = isEmpty(v) ? null : typeof v === 'string' ? v.trim() : v;
    });
    features.push({ ref, geometry, properties });
  });
  return done(features);
}
