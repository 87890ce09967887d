/**
 * Shapes shared by the import parsers and the validator. The importer's output mirrors the
 * dataset format in docs/DATA-FORMAT.md.
 */
import type { Crs } from '../geo/crs.ts';
import type { BBox, Geometry } from '../geo/geojson.ts';
import type { ImportError } from './errors.ts';

export const IMPORT_KINDS = ['roads', 'buildings', 'areas', 'households', 'places'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export function isImportKind(v: unknown): v is ImportKind {
  return typeof v === 'string' && (IMPORT_KINDS as readonly string[]).includes(v);
}

/** One record read from a file, before validation. */
export interface ImportFeature {
  /** Where it came from, for messages: `buildings.csv row 12`, `areas.geojson feature 3`, `map.osm way/123`. */
  ref: string;
  /** WGS84 [lon, lat] after conversion from the declared CRS; null for rows without geometry (households). */
  geometry: Geometry | null;
  /** Raw properties / columns / OSM tags (plus `osmId` for OSM input), not yet normalised. */
  properties: Record<string, unknown>;
}

/** What every parser returns. A non-empty `errors` means the file must be refused. */
export interface ParseResult {
  features: ImportFeature[];
  warnings: string[];
  errors: ImportError[];
}

/** Progress callback: `done` out of `total` units (rows, features, elements or bytes). */
export type ProgressFn = (done: number, total: number) => void;

export interface ParseOptions {
  kind: ImportKind;
  /** The CRS the file's coordinates are in; they are converted to WGS84. */
  crs: Crs;
  onProgress?: ProgressFn;
}

export interface ValidateOptions {
  kind: ImportKind;
  /** File name used in messages (`buildings.csv`). */
  file: string;
  /** The CRS that was declared, used to suggest the right one when coordinates miss the area. */
  crs: Crs;
  /** Expected area [w, s, e, n] in WGS84; defaults to CHINA_BBOX. */
  bbox?: BBox;
  /** Stop collecting after this many errors (they are still counted); default 50. */
  maxErrors?: number;
  onProgress?: ProgressFn;
}

/** A rough box around China's territory including the South China Sea islands, in WGS84. */
export const CHINA_BBOX: BBox = [73.4, 3.8, 135.1, 53.6];

/** Calls `fn` at most every `step` units and always at the end, so long files don't flood the callback. */
export function throttledProgress(fn: ProgressFn | undefined, total: number, step = 1000): (done: number) => void {
  if (!fn) return () => {};
  let last = -1;
  return (done: number) => {
    if (done === total || done - last >= step) {
      last = done;
      fn(done, total);
    }
  };
}
