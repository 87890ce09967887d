/**
 * The import's one error module: stable codes, message wording in one place, and a collector
 * that keeps the first N errors. Every message names the file and row/feature it is about:
 * `buildings.csv row 12: polygon ring self-intersects at (121.50012, 31.23991)`.
 */
import { formatBBox, formatPosition, type BBox, type Position } from '../geo/geojson.ts';

export const IMPORT_ERROR_CODES = {
  /** The file cannot be read as its format (bad JSON, CSV quoting, XML, PBF blobs, WKT, numbers). */
  PARSE: 'IMPORT_PARSE',
  /** The format, or this format for this kind, is not supported. */
  UNSUPPORTED: 'IMPORT_UNSUPPORTED',
  /** Coordinates do not fit the declared CRS or the expected area. */
  CRS: 'IMPORT_CRS',
  /** Geometry type or shape is wrong (unclosed or self-intersecting ring, too few positions…). */
  GEOMETRY: 'IMPORT_GEOMETRY',
  /** A code or ref occurs twice in the file. */
  DUPLICATE: 'IMPORT_DUPLICATE',
  /** A property/column is missing or has a bad value. */
  FIELD: 'IMPORT_FIELD',
} as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[keyof typeof IMPORT_ERROR_CODES];

export interface ImportError {
  code: ImportErrorCode;
  /** `buildings.csv row 12`, or the file name alone for file-level errors. */
  ref: string;
  /** The reason without the ref. */
  reason: string;
  /** `${ref}: ${reason}` — what the CLI prints. */
  message: string;
}

export function importError(code: ImportErrorCode, ref: string, reason: string): ImportError {
  return { code, ref, reason, message: `${ref}: ${reason}` };
}

const q = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : String(v));

/** Every reason wording, so the CLI, the tests and the docs use the same words. */
export const REASONS = {
  fileUnreadable: (detail: string) => `cannot read the file: ${detail}`,
  formatUnknown: (ext: string) =>
    `cannot tell the format from the extension ${q(ext)} or the content (expected .geojson/.json, .csv, .xlsx, .osm/.xml, .osm.pbf)`,
  formatForKind: (format: string, kind: string) => `${format} input cannot provide ${kind}`,
  jsonInvalid: (detail: string) => `not valid JSON: ${detail}`,
  geojsonType: (type: unknown) => `expected a GeoJSON FeatureCollection or Feature, found type ${q(type)}`,
  geojsonCrs: (name: string) => `declares CRS ${q(name)}; only longitude/latitude data (EPSG:4326, EPSG:4490, CRS84) can be imported`,
  notAFeature: (type: unknown) => `expected a GeoJSON Feature, found type ${q(type)}`,
  geometryShape: (detail: string) => detail,
  csvInvalid: (detail: string) => `not valid CSV: ${detail}`,
  xlsxInvalid: (detail: string) => `not a readable XLSX workbook: ${detail}`,
  xlsxNoSheet: () => 'the workbook has no worksheet',
  headerEmpty: () => 'the header row is empty',
  headerDuplicate: (name: string) => `column ${q(name)} appears twice in the header`,
  geometryColumnsMissing: (kind: string) =>
    `${kind} need a geometry: lon/lat columns (lon, lng, longitude, 经度 and lat, latitude, 纬度) or a WKT column (geometry, wkt)`,
  notANumber: (column: string, value: unknown) => `${column} ${q(value)} is not a number`,
  wktInvalid: (detail: string) => detail,
  wktSrid: (srid: number) => `WKT declares SRID=${srid}; only 4326 and 4490 (longitude/latitude) can be imported`,
  xmlInvalid: (detail: string, line: number | null) => `not valid XML${line ? ` (line ${line})` : ''}: ${detail}`,
  osmRoot: () => 'not an OSM XML document (no <osm> root element)',
  osmCrs: (crs: string) => `OSM data is always WGS84; --crs ${crs} would shift it (use --crs wgs84)`,
  osmMissingNode: (wayId: number, nodeId: number) => `way ${wayId} references node ${nodeId}, which is not in the file`,
  osmMissingWay: (relId: number, wayId: number) => `relation ${relId} references way ${wayId}, which is not in the file`,
  osmRingOpen: (relId: number) => `relation ${relId}: its member ways do not join into closed rings`,
  osmElement: (detail: string) => detail,
  pbfInvalid: (detail: string) => `not a valid OSM PBF file: ${detail}`,
  pbfCompression: (blob: number, kind: string) => `blob ${blob} uses ${kind} compression; only raw and zlib are supported`,
  pbfFeature: (feature: string) => `the file requires the unsupported feature ${q(feature)}`,
  geometryMissing: (kind: string, allowed: string) => `${kind} need a ${allowed} geometry, found none`,
  geometryType: (kind: string, found: string, allowed: string) => `${kind} need a ${allowed} geometry, found ${found}`,
  geometryIgnored: (kind: string) => `${kind} carry no geometry; the one given is ignored`,
  coordNotFinite: (p: Position) => `coordinate ${formatPosition(p)} is not a finite number`,
  coordOutOfRange: (p: Position) => `coordinate ${formatPosition(p)} is not a longitude/latitude (lon −180…180, lat −90…90)`,
  lineTooShort: () => 'line has fewer than 2 distinct positions',
  ringNotClosed: (ring: string) => `${ring} is not closed (first and last positions differ)`,
  ringTooShort: (ring: string, n: number) => `${ring} has ${n} positions; at least 4 are needed`,
  ringSelfIntersects: (ring: string, p: Position) => `${ring} self-intersects at ${formatPosition(p)}`,
  ringsCross: (p: Position) => `polygon rings cross each other at ${formatPosition(p)}`,
  outsideArea: (p: Position, bbox: BBox) => `coordinates ${formatPosition(p)} outside the expected area ${formatBBox(bbox)}`,
  crsSuggestion: (outside: number, total: number, declared: string, better: string, bbox: BBox) =>
    `${outside} of ${total} features fall outside the expected area ${formatBBox(bbox)} when read as ${declared}; ` +
    `read as ${better} they fall inside: check --crs`,
  fieldMissingInFile: (field: string) => `required field ${q(field)} is missing from every record (missing column?)`,
  fieldMissing: (field: string) => `field ${q(field)} is required`,
  fieldInvalid: (field: string, value: unknown, detail: string) => `field ${q(field)} = ${JSON.stringify(value)}: ${detail}`,
  codeLength: (code: string, level: string, digits: number) => `code ${q(code)} has ${code.length} digits; a ${level} code has ${digits}`,
  parentMismatch: (code: string, parent: string) => `code ${q(code)} does not start with its parentCode ${q(parent)}`,
  parentLevel: (parent: string, parentLevel: string, expected: string) =>
    `parentCode ${q(parent)} is a ${parentLevel} in this file; expected a ${expected}`,
  duplicate: (field: string, value: string, firstRef: string) => `duplicate ${field} ${q(value)} (first at ${firstRef})`,
  moreErrors: (n: number) => `${n} more errors not shown`,
} as const;

/** Collects errors up to a limit while counting all of them. */
export class ErrorCollector {
  readonly errors: ImportError[] = [];
  total = 0;
  constructor(readonly max = 50) {}

  add(code: ImportErrorCode, ref: string, reason: string): void {
    this.total++;
    if (this.errors.length < this.max) this.errors.push(importError(code, ref, reason));
  }

  addAll(errors: readonly ImportError[]): void {
    for (const e of errors) this.add(e.code, e.ref, e.reason);
  }

  get full(): boolean {
    return this.errors.length >= this.max;
  }
}

/** Thrown by callers (the CLI) that want to abort with the collected errors. */
export class ImportRejected extends Error {
  constructor(readonly errors: readonly ImportError[], readonly total = errors.length) {
    const more = total > errors.length ? `\n${REASONS.moreErrors(total - errors.length)}` : '';
    super(`import refused: ${total} error${total === 1 ? '' : 's'}\n${errors.map((e) => e.message).join('\n')}${more}`);
    this.name = 'ImportRejected';
  }
}
