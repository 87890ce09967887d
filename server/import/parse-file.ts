/**
 * Entry point of the pure import: picks the reader by extension (or content), reads, converts
 * coordinates from the declared CRS to WGS84 and rounds them to 7 decimals (DATA-FORMAT.md).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { toWgs84, type Crs } from '../geo/crs.ts';
import { mapPositions } from '../geo/geojson.ts';
import { parseCsv } from './csv.ts';
import { ErrorCollector, IMPORT_ERROR_CODES as C, REASONS } from './errors.ts';
import { parseGeoJson } from './geojson.ts';
import { osmToFeatures } from './osm-features.ts';
import { decodeOsmPbf } from './osm-pbf.ts';
import { parseOsmXml } from './osm-xml.ts';
import type { ImportFeature, ParseOptions, ParseResult } from './types.ts';
import { parseXlsx } from './xlsx.ts';

export const IMPORT_FORMATS = ['geojson', 'csv', 'xlsx', 'osm-xml', 'osm-pbf'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

const BY_EXTENSION: [string, ImportFormat][] = [
  ['.osm.pbf', 'osm-pbf'], ['.pbf', 'osm-pbf'], ['.osm', 'osm-xml'], ['.xml', 'osm-xml'],
  ['.geojson', 'geojson'], ['.json', 'geojson'], ['.csv', 'csv'], ['.tsv', 'csv'], ['.txt', 'csv'], ['.xlsx', 'xlsx'],
];

/** The format from the file name, else from the first bytes; null when neither tells. */
export function detectFormat(name: string, head: Uint8Array): ImportFormat | null {
  const lower = name.toLowerCase();
  const byExt = BY_EXTENSION.find(([ext]) => lower.endsWith(ext));
  if (byExt) return byExt[1];
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx'; // zip
  if (new TextDecoder().decode(head.subarray(4, 24)).includes('OSMHeader')) return 'osm-pbf';
  const text = new TextDecoder().decode(head.subarray(0, 512)).replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('{')) return 'geojson';
  if (text.startsWith('<')) return 'osm-xml';
  return null;
}

const round7 = (n: number) => Math.round(n * 1e7) / 1e7;

/** Converts every geometry from `crs` to WGS84, rounded to 7 decimals (≈ 1 cm). */
export function convertFeatures(features: ImportFeature[], crs: Crs): ImportFeature[] {
  return features.map((f) => ({
    ...f,
    geometry: f.geometry && mapPositions(f.geometry, (p) => {
      const [lon, lat] = toWgs84(p, crs);
      return [round7(lon), round7(lat)];
    }),
  }));
}

async function read(bytes: Uint8Array, file: string, format: ImportFormat, opts: ParseOptions): Promise<ParseResult> {
  const { kind, crs, onProgress } = opts;
  switch (format) {
    case 'geojson':
      return parseGeoJson(new TextDecoder().decode(bytes), file, onProgress);
    case 'csv':
      return parseCsv(bytes, file, kind, onProgress);
    case 'xlsx':
      return parseXlsx(bytes, file, kind, onProgress);
    case 'osm-xml':
    case 'osm-pbf': {
      if (crs !== 'wgs84' && crs !== 'cgcs2000') {
        const errors = new ErrorCollector();
        errors.add(C.CRS, file, REASONS.osmCrs(crs));
        return { features: [], warnings: [], errors: errors.errors };
      }
      const { model, errors } = format === 'osm-xml'
        ? parseOsmXml(new TextDecoder().decode(bytes), file, onProgress)
        : decodeOsmPbf(bytes, file, onProgress);
      if (errors.length > 0) return { features: [], warnings: [], errors };
      return osmToFeatures(model, file, kind);
    }
  }
}

/**
 * Reads an in-memory file. `name` gives the format (by extension) and the file name used in
 * messages. Never throws for bad data: problems come back in `errors`.
 */
export async function parseBuffer(bytes: Uint8Array, name: string, opts: ParseOptions): Promise<ParseResult> {
  const file = path.basename(name);
  const format = detectFormat(file, bytes.subarray(0, 512));
  if (!format) {
    const errors = new ErrorCollector();
    errors.add(C.UNSUPPORTED, file, REASONS.formatUnknown(path.extname(file)));
    return { features: [], warnings: [], errors: errors.errors };
  }
  const result = await read(bytes, file, format, opts);
  return { ...result, features: convertFeatures(result.features, opts.crs) };
}

/** Reads the file at `filePath` (see parseBuffer). */
export async function parseFile(filePath: string, opts: ParseOptions): Promise<ParseResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(filePath);
  } catch (e) {
    const errors = new ErrorCollector();
    errors.add(C.PARSE, path.basename(filePath), REASONS.fileUnreadable((e as Error).message));
    return { features: [], warnings: [], errors: errors.errors };
  }
  return parseBuffer(bytes, filePath, opts);
}
