/**
 * Conversions between the coordinate systems Chinese data arrives in (DOMAIN.md "Coordinates"):
 * - WGS84 (EPSG:4326): GPS, OpenStreetMap; what we store.
 * - CGCS2000 (EPSG:4490): Tianditu and official data. Its ellipsoid and frame differ from WGS84
 *   by centimetres, far below the accuracy of community data, so it is taken as WGS84 unchanged.
 * - GCJ-02: the obfuscated system of Amap (高德) and Tencent maps: WGS84 plus a 300–600 m
 *   offset computed on the Krasovsky ellipsoid. Only applied inside China.
 * - BD-09: Baidu's further offset of GCJ-02.
 * All functions take and return [lon, lat] in degrees.
 */
export const CRS_NAMES = ['wgs84', 'cgcs2000', 'gcj02', 'bd09'] as const;
export type Crs = (typeof CRS_NAMES)[number];
export type LonLat = [number, number];

export function isCrs(v: unknown): v is Crs {
  return typeof v === 'string' && (CRS_NAMES as readonly string[]).includes(v);
}

/** Krasovsky 1940 ellipsoid: semi-major axis (m) and first eccentricity squared, as used by GCJ-02. */
const KRASOVSKY_A = 6378245.0;
const KRASOVSKY_EE = 0.00669342162296594323;
/** The constant of the BD-09 formulas (π · 3000 / 180). */
const X_PI = (Math.PI * 3000.0) / 180.0;
/** Inversions iterate until the residual is below this (degrees; 1e-9° ≈ 0.1 mm). */
const INVERSE_TOLERANCE_DEG = 1e-9;
const INVERSE_MAX_ITERATIONS = 30;

/**
 * The rectangle inside which GCJ-02 applies an offset (lon 72.004–137.8347, lat 0.8293–55.8271),
 * the one every public implementation of the formulas uses. It is a box, not the border:
 * it also covers parts of neighbouring countries, where offsets are applied all the same.
 */
export function isInChina(lon: number, lat: number): boolean {
  return lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271;
}

function transformLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function transformLon(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

/** WGS84 → GCJ-02 (the forward formula; identity outside China). */
export function wgs84ToGcj02([lon, lat]: LonLat): LonLat {
  if (!isInChina(lon, lat)) return [lon, lat];
  let dLat = transformLat(lon - 105.0, lat - 35.0);
  let dLon = transformLon(lon - 105.0, lat - 35.0);
  const radLat = (lat / 180.0) * Math.PI;
  const magic = 1 - KRASOVSKY_EE * Math.sin(radLat) * Math.sin(radLat);
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((KRASOVSKY_A * (1 - KRASOVSKY_EE)) / (magic * sqrtMagic)) * Math.PI);
  dLon = (dLon * 180.0) / ((KRASOVSKY_A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [lon + dLon, lat + dLat];
}

/**
 * Inverts `forward` at `target` by fixed-point iteration: the offset varies slowly, so
 * x ← x − (forward(x) − target) converges in a few steps to well below 1e-7°.
 */
function invert(forward: (p: LonLat) => LonLat, target: LonLat, start: LonLat): LonLat {
  let [lon, lat] = start;
  for (let i = 0; i < INVERSE_MAX_ITERATIONS; i++) {
    const [fLon, fLat] = forward([lon, lat]);
    const eLon = fLon - target[0];
    const eLat = fLat - target[1];
    lon -= eLon;
    lat -= eLat;
    if (Math.abs(eLon) < INVERSE_TOLERANCE_DEG && Math.abs(eLat) < INVERSE_TOLERANCE_DEG) break;
  }
  return [lon, lat];
}

/** GCJ-02 → WGS84 by iterative inversion of the forward formula (not the one-step approximation). */
export function gcj02ToWgs84(p: LonLat): LonLat {
  if (!isInChina(p[0], p[1])) return [p[0], p[1]];
  const [gLon, gLat] = wgs84ToGcj02(p);
  return invert(wgs84ToGcj02, p, [2 * p[0] - gLon, 2 * p[1] - gLat]);
}

/** GCJ-02 → BD-09 (Baidu's published forward formula). */
export function gcj02ToBd09([lon, lat]: LonLat): LonLat {
  const z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
  const theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * X_PI);
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006];
}

/** BD-09 → GCJ-02: the usual closed-form approximation, refined by iteration to an exact inverse. */
export function bd09ToGcj02([lon, lat]: LonLat): LonLat {
  const x = lon - 0.0065;
  const y = lat - 0.006;
  const z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
  const theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
  return invert(gcj02ToBd09, [lon, lat], [z * Math.cos(theta), z * Math.sin(theta)]);
}

export function wgs84ToBd09(p: LonLat): LonLat {
  return gcj02ToBd09(wgs84ToGcj02(p));
}

export function bd09ToWgs84(p: LonLat): LonLat {
  return gcj02ToWgs84(bd09ToGcj02(p));
}

/** Converts a [lon, lat] position declared in `crs` to WGS84. Extra ordinates (height) are dropped. */
export function toWgs84(coord: readonly number[], crs: Crs): LonLat {
  const p: LonLat = [coord[0], coord[1]];
  switch (crs) {
    case 'wgs84':
    case 'cgcs2000':
      return p;
    case 'gcj02':
      return gcj02ToWgs84(p);
    case 'bd09':
      return bd09ToWgs84(p);
  }
}

/** Converts a WGS84 [lon, lat] position to `crs` (for links into Amap/Baidu, and for tests). */
export function fromWgs84(coord: readonly number[], crs: Crs): LonLat {
  const p: LonLat = [coord[0], coord[1]];
  switch (crs) {
    case 'wgs84':
    case 'cgcs2000':
      return p;
    case 'gcj02':
      return wgs84ToGcj02(p);
    case 'bd09':
      return wgs84ToBd09(p);
  }
}
