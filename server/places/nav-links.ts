/**
 * One-tap navigation links to a place (issue 6): Amap, Baidu Maps and Tencent Maps web URIs,
 * each in the coordinate system that app expects, and a plain `geo:` URI in WGS84.
 * Pure: no I/O. Coordinates are written with 6 decimals (≈ 0.1 m).
 *
 * Parameter names and order follow the providers' public URI API documentation:
 * - Amap 单点标注 https://lbs.amap.com/api/uri-api/guide/mobile-web/point :
 *   `https://uri.amap.com/marker?position=lon,lat&name=&src=&coordinate=gaode&callnative=1`
 *   (`coordinate=gaode` = GCJ-02; `callnative=1` tries to open the app on phones).
 * - Baidu 地图标点 (URI API, web) https://lbsyun.baidu.com/index.php?title=uri/api/web :
 *   `https://api.map.baidu.com/marker?location=lat,lng&title=&content=&output=html&coord_type=bd09ll&src=`
 *   (`title`, `content`, `output=html` and `src` are required; `src` is "webapp.companyName.appName").
 * - Tencent 自定义标注 https://lbs.qq.com/webApi/uriV1/uriGuide/uriWebMarker :
 *   `https://apis.map.qq.com/uri/v1/marker?marker=coord:lat,lng;title:…;addr:…&referer=`
 *   (coordinates in Tencent's own system, GCJ-02, the default `coord_type=2`).
 * - `geo:lat,lon?q=lat,lon(label)`: RFC 5870 plus the `q=` label understood by Android map apps.
 */
import { fromWgs84, type LonLat } from '../geo/crs.ts';

export interface NavTarget {
  /** WGS84 longitude, degrees. */
  lon: number;
  /** WGS84 latitude, degrees. */
  lat: number;
  /** Shown as the marker's title. */
  name: string;
  /** Shown as the marker's details (Baidu `content`, Tencent `addr`); defaults to `name`. */
  address?: string;
}

export interface NavLinkOptions {
  /**
   * Who is calling, as the providers ask (Amap `src`, Tencent `referer`; Baidu gets `webapp.` + this).
   * Letters, digits, `.`, `_` and `-` only. Default `xingfujiayuan.finder`.
   */
  source?: string;
}

export interface NavLinks {
  amap: string;
  baidu: string;
  tencent: string;
  geo: string;
}

export const DEFAULT_NAV_SOURCE = 'xingfujiayuan.finder';
const SOURCE_RE = /^[A-Za-z0-9._-]{1,64}$/;
/** Decimals written for degrees: 1e-6° is ≈ 0.11 m of latitude. */
const DECIMALS = 6;

const deg = (v: number): string => v.toFixed(DECIMALS);
/** Percent-encodes a value, including the `!'()*~` that encodeURIComponent leaves as they are. */
const enc = (s: string): string => encodeURIComponent(s).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const latLon = ([lon, lat]: LonLat): string => `${deg(lat)},${deg(lon)}`;
/**
 * Tencent's `marker` value is `key:value;key:value|…` and a `geo:` label ends at `)`; whether the
 * apps split before or after percent-decoding is undocumented, so those delimiters inside a name
 * become their full-width forms (the usual spelling in Chinese text anyway).
 */
const FULL_WIDTH: Record<string, string> = { ';': '；', ':': '：', '|': '｜', '(': '（', ')': '）' };
const safeLabel = (s: string): string => s.replace(/[;:|()]/g, (c) => FULL_WIDTH[c]);

/**
 * Links that open the place in each map app, coordinates converted from WGS84 to GCJ-02 (Amap,
 * Tencent) and BD-09 (Baidu); names and addresses percent-encoded (and, for Tencent and `geo:`,
 * with `;:|()` written full-width).
 * @throws RangeError naming the value when a coordinate is not a finite lon/lat or `source` is malformed.
 */
export function navLinks(target: NavTarget, options: NavLinkOptions = {}): NavLinks {
  const { lon, lat } = target;
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
    throw new RangeError(`invalid coordinate (${lon}, ${lat}): expected WGS84 lon in [-180, 180], lat in [-90, 90]`);
  }
  const source = options.source ?? DEFAULT_NAV_SOURCE;
  if (!SOURCE_RE.test(source)) throw new RangeError(`invalid link source "${source}": use letters, digits, ".", "_" or "-"`);
  const name = target.name.trim() || `${deg(lat)},${deg(lon)}`;
  const details = target.address?.trim() || name;
  const wgs: LonLat = [lon, lat];
  const gcj = fromWgs84(wgs, 'gcj02');
  const bd = fromWgs84(wgs, 'bd09');

  const amap = `https://uri.amap.com/marker?position=${deg(gcj[0])},${deg(gcj[1])}&name=${enc(name)}&src=${source}`
    + '&coordinate=gaode&callnative=1';
  const baidu = `https://api.map.baidu.com/marker?location=${latLon(bd)}&title=${enc(name)}&content=${enc(details)}`
    + `&output=html&coord_type=bd09ll&src=webapp.${source}`;
  const tencent = `https://apis.map.qq.com/uri/v1/marker?marker=coord:${latLon(gcj)};title:${enc(safeLabel(name))};addr:${enc(safeLabel(details))}`
    + `&referer=${source}`;
  const geo = `geo:${latLon(wgs)}?q=${latLon(wgs)}(${enc(safeLabel(name))})`;
  return { amap, baidu, tencent, geo };
}
