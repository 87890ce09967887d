/**
 * Validates and normalises parsed features for one kind: geometry (validate-geometry.ts),
 * the expected area (and which CRS would fit better when the declared one misses it),
 * properties (kind-fields.ts), and unique codes/refs within the file. Errors are collected
 * (up to maxErrors, all counted); the CLI refuses the whole file when `valid` is false.
 */
import { fromWgs84, toWgs84, type Crs } from '../geo/crs.ts';
import { lineLengthM } from '../geo/distance.ts';
import { inBBox, positionsOf, type BBox, type Position } from '../geo/geojson.ts';
import { ErrorCollector, IMPORT_ERROR_CODES as C, REASONS, type ImportError } from './errors.ts';
import { KINDS } from './kind-fields.ts';
import { missingColumns, normaliseProperties } from './normalise.ts';
import type { ValidRecord } from './records.ts';
import { checkGeometry, KIND_GEOMETRY } from './validate-geometry.ts';
import { CHINA_BBOX, throttledProgress, type ImportFeature, type ImportKind, type ValidateOptions } from './types.ts';

export interface ValidationResult<K extends ImportKind = ImportKind> {
  valid: boolean;
  /** The first `maxErrors` errors. */
  errors: ImportError[];
  /** How many errors there were in all. */
  errorCount: number;
  warnings: string[];
  /** Normalised records (all of them when valid; the good ones otherwise). */
  records: ValidRecord<K>[];
}

/** Splits MultiLineString roads into one LineString feature per part (`… part 2`). */
function explodeLines(features: ImportFeature[]): ImportFeature[] {
  return features.flatMap((f) => {
    if (f.geometry?.type !== 'MultiLineString' || f.geometry.coordinates.length === 0) return [f];
    const parts = f.geometry.coordinates;
    return parts.map((coordinates, i): ImportFeature => ({
      ...f,
      ref: parts.length > 1 ? `${f.ref} part ${i + 1}` : f.ref,
      geometry: { type: 'LineString', coordinates },
    }));
  });
}

const READINGS: Crs[] = ['wgs84', 'gcj02', 'bd09'];

/**
 * When most features miss the expected area, tries reading the raw coordinates in the other
 * CRSs; returns the one under which (nearly) all features fall inside, if any.
 */
function suggestCrs(firsts: Position[], declared: Crs, bbox: BBox): { outside: number; better: Crs } | null {
  const outside = firsts.filter((p) => !inBBox(p, bbox)).length;
  if (firsts.length === 0 || outside < firsts.length / 2) return null;
  const base: Crs = declared === 'cgcs2000' ? 'wgs84' : declared;
  let best: { better: Crs; inside: number } | null = null;
  for (const alt of READINGS.filter((c) => c !== base)) {
    const inside = firsts.filter((p) => inBBox(toWgs84(fromWgs84(p, base), alt), bbox)).length;
    if (inside >= 0.9 * firsts.length && inside > (best?.inside ?? firsts.length - outside)) best = { better: alt, inside };
  }
  return best && { outside, better: best.better };
}

export function validateFeatures<K extends ImportKind>(input: ImportFeature[], opts: ValidateOptions & { kind: K }): ValidationResult<K> {
  const { kind, file, crs } = opts;
  const bbox = opts.bbox ?? CHINA_BBOX;
  const errors = new ErrorCollector(opts.maxErrors ?? 50);
  const warnings: string[] = [];
  const records: ValidRecord<K>[] = [];
  const finish = (): ValidationResult<K> => ({ valid: errors.total === 0, errors: errors.errors, errorCount: errors.total, warnings, records });

  const features = kind === 'roads' ? explodeLines(input) : input;
  for (const field of missingColumns(kind, features.map((f) => f.properties))) {
    errors.add(C.FIELD, file, REASONS.fieldMissingInFile(field));
  }
  if (errors.total > 0) return finish();

  const hasGeometry = KIND_GEOMETRY[kind] !== null;
  if (hasGeometry) {
    const firsts = features.map((f) => f.geometry && positionsOf(f.geometry)[0]).filter((p): p is Position => Boolean(p));
    const hint = suggestCrs(firsts, crs, bbox);
    if (hint) errors.add(C.CRS, file, REASONS.crsSuggestion(hint.outside, firsts.length, crs, hint.better, bbox));
  } else if (features.some((f) => f.geometry !== null)) {
    warnings.push(`${file}: ${REASONS.geometryIgnored(kind)}`);
  }

  const spec = KINDS[kind];
  const seen = new Map<string, string>();
  const defaulted = new Map<string, number>();
  const progress = throttledProgress(opts.onProgress, features.length);
  features.forEach((f, i) => {
    progress(i + 1);
    let ok = true;
    const geometryProblem = checkGeometry(kind, f.geometry);
    if (geometryProblem) {
      errors.add(geometryProblem.code, f.ref, geometryProblem.reason);
      ok = false;
    } else if (hasGeometry && f.geometry) {
      const out = positionsOf(f.geometry).find((p) => !inBBox(p, bbox));
      if (out) {
        errors.add(C.CRS, f.ref, REASONS.outsideArea(out, bbox));
        ok = false;
      }
    }
    const n = normaliseProperties(kind, f.properties);
    for (const p of n.problems) errors.add(C.FIELD, f.ref, p);
    for (const d of n.defaulted) defaulted.set(d, (defaulted.get(d) ?? 0) + 1);
    if (n.problems.length > 0) ok = false;
    const key = spec.key ? n.properties[spec.key] : null;
    if (typeof key === 'string' || typeof key === 'number') {
      const k = String(key);
      const first = seen.get(k);
      if (first !== undefined) {
        errors.add(C.DUPLICATE, f.ref, REASONS.duplicate(spec.key!, k, first));
        ok = false;
      } else seen.set(k, f.ref);
    }
    if (!ok) return;
    if (kind === 'roads' && f.geometry?.type === 'LineString') {
      n.properties.lengthM = Math.round(lineLengthM(f.geometry.coordinates) * 100) / 100;
    }
    records.push({ ref: f.ref, geometry: hasGeometry ? f.geometry : null, properties: n.properties } as unknown as ValidRecord<K>);
  });

  for (const field of spec.guessed ?? []) {
    const count = defaulted.get(field) ?? 0;
    if (count > 0) warnings.push(`${file}: ${count} of ${features.length} ${kind} have no ${field}; assumed ${String(spec.fields[field].fallback?.({}))}`);
  }
  return finish();
}
