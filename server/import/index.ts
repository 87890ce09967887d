/**
 * The pure half of `npm run import`: read a file, convert it to WGS84, validate and normalise it.
 * The CLI writes `records` in one transaction when `valid`, and prints `errors` otherwise.
 */
import path from 'node:path';
import type { Crs } from '../geo/crs.ts';
import type { BBox } from '../geo/geojson.ts';
import { parseFile } from './parse-file.ts';
import type { ImportKind, ProgressFn } from './types.ts';
import { validateFeatures, type ValidationResult } from './validate.ts';

export interface PrepareOptions<K extends ImportKind> {
  kind: K;
  crs: Crs;
  /** Expected area [w, s, e, n] in WGS84 (e.g. the dataset's meta.json bbox); default China. */
  bbox?: BBox;
  maxErrors?: number;
  /** Called with the phase and progress within it. */
  onProgress?: (phase: 'read' | 'validate', done: number, total: number) => void;
}

/** Parses and validates `filePath`. Parse errors stop before validation. Never throws for bad data. */
export async function prepareImport<K extends ImportKind>(filePath: string, opts: PrepareOptions<K>): Promise<ValidationResult<K>> {
  const phase = (p: 'read' | 'validate'): ProgressFn | undefined => opts.onProgress && ((d, t) => opts.onProgress!(p, d, t));
  const parsed = await parseFile(filePath, { kind: opts.kind, crs: opts.crs, onProgress: phase('read') });
  if (parsed.errors.length > 0) {
    const max = opts.maxErrors ?? 50;
    return { valid: false, errors: parsed.errors.slice(0, max), errorCount: parsed.errors.length, warnings: parsed.warnings, records: [] };
  }
  const result = validateFeatures(parsed.features, {
    kind: opts.kind, file: path.basename(filePath), crs: opts.crs, bbox: opts.bbox, maxErrors: opts.maxErrors, onProgress: phase('validate'),
  });
  return { ...result, warnings: [...parsed.warnings, ...result.warnings] };
}

export { parseFile, parseBuffer, detectFormat, convertFeatures } from './parse-file.ts';
export { validateFeatures, type ValidationResult } from './validate.ts';
export { ImportRejected, IMPORT_ERROR_CODES, type ImportError, type ImportErrorCode } from './errors.ts';
export { IMPORT_KINDS, isImportKind, CHINA_BBOX, type ImportKind, type ImportFeature, type ParseResult } from './types.ts';
export type { ValidRecord, RoadRecord, BuildingRecord, AreaRecord, HouseholdRecord, PlaceRecord } from './records.ts';
