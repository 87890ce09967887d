/**
 * GeoJSON reader (RFC 7946 FeatureCollection, single Feature). Checks structure only; the
 * validator checks content. Coordinates are returned as found (CRS conversion is parse-file's).
 */
import { checkGeometryShape, type Geometry } from '../geo/geojson.ts';
import { ErrorCollector, IMPORT_ERROR_CODES as C, REASONS } from './errors.ts';
import { throttledProgress, type ImportFeature, type ParseResult, type ProgressFn } from './types.ts';

/** `crs` names (GeoJSON 2008) that mean longitude/latitude on WGS84 or CGCS2000. */
const LONLAT_CRS = /(CRS84|EPSG:{1,2}(4326|4490)|EPSG\/0\/(4326|4490))$/i;

function declaredCrs(doc: Record<string, unknown>): string | null {
  const crs = doc.crs as { properties?: { name?: unknown } } | undefined;
  const name = crs?.properties?.name;
  return typeof name === 'string' ? name : null;
}

export function parseGeoJson(text: string, file: string, onProgress?: ProgressFn): ParseResult {
  const errors = new ErrorCollector(Number.POSITIVE_INFINITY);
  const fail = (reason: string): ParseResult => {
    errors.add(C.PARSE, file, reason);
    return { features: [], warnings: [], errors: errors.errors };
  };
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return fail(REASONS.jsonInvalid((e as Error).message));
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return fail(REASONS.geojsonType(Array.isArray(doc) ? 'array' : typeof doc));
  const root = doc as Record<string, unknown>;
  const crsName = declaredCrs(root);
  if (crsName && !LONLAT_CRS.test(crsName)) {
    errors.add(C.CRS, file, REASONS.geojsonCrs(crsName));
    return { features: [], warnings: [], errors: errors.errors };
  }
  let raw: unknown[];
  if (root.type === 'FeatureCollection') {
    if (!Array.isArray(root.features)) return fail('FeatureCollection has no "features" array');
    raw = root.features;
  } else if (root.type === 'Feature') {
    raw = [root];
  } else {
    return fail(REASONS.geojsonType(root.type));
  }

  const features: ImportFeature[] = [];
  const progress = throttledProgress(onProgress, raw.length);
  raw.forEach((f, i) => {
    const ref = `${file} feature ${i + 1}`;
    progress(i + 1);
    if (typeof f !== 'object' || f === null || (f as { type?: unknown }).type !== 'Feature') {
      errors.add(C.PARSE, ref, REASONS.notAFeature((f as { type?: unknown } | null)?.type ?? typeof f));
      return;
    }
    const feat = f as { geometry?: unknown; properties?: unknown; id?: unknown };
    let geometry: Geometry | null = null;
    if (feat.geometry !== null && feat.geometry !== undefined) {
      const shape = checkGeometryShape(feat.geometry);
      if ('reason' in shape) {
        errors.add(C.GEOMETRY, ref, REASONS.geometryShape(shape.reason));
        return;
      }
      geometry = shape.geometry;
    }
    const props = typeof feat.properties === 'object' && feat.properties !== null && !Array.isArray(feat.properties)
      ? { ...(feat.properties as Record<string, unknown>) }
      : {};
    // Feature-level ids (osmtogeojson writes "way/123") are kept where the normaliser looks for OSM ids.
    if (feat.id !== undefined && props['@id'] === undefined) props['@id'] = feat.id;
    features.push({ ref, geometry, properties: props });
  });
  return { features, warnings: [], errors: errors.errors };
}
