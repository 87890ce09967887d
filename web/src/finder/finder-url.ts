/**
 * The finder's search in the URL hash, so a search can be shared and survives a reload:
 * `#/finder?lon=121.47&lat=31.23&service=toilet,rest&open=0&step_free=1&rider=1`.
 * Open-now is on unless `open=0`. Pure: no DOM.
 */

export interface FinderSearch {
  /** WGS84 [lon, lat] of the origin, or null before one is known. */
  origin: [number, number] | null;
  services: string[];
  openNow: boolean;
  stepFree: boolean;
  rider: boolean;
}

export const DEFAULT_SEARCH: FinderSearch = { origin: null, services: [], openNow: true, stepFree: false, rider: false };

const PREFIX = '#/finder';

/** Is this hash the finder's? */
export function isFinderHash(hash: string): boolean {
  return hash === PREFIX || hash.startsWith(PREFIX + '?') || hash.startsWith(PREFIX + '/');
}

const coord = (v: string | null, max: number): number | null => {
  if (v === null || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) && Math.abs(n) <= max ? n : null;
};

/** The search a finder hash describes; anything malformed falls back to the default. */
export function parseFinderHash(hash: string): FinderSearch {
  const q = new URLSearchParams(hash.slice(hash.indexOf('?') + 1 || hash.length));
  const lon = coord(q.get('lon'), 180);
  const lat = coord(q.get('lat'), 90);
  const services = (q.get('service') ?? '').split(',').map((s) => s.trim()).filter((s) => /^[a-z_]{1,40}$/.test(s));
  return {
    origin: lon !== null && lat !== null ? [lon, lat] : null,
    services: [...new Set(services)],
    openNow: q.get('open') !== '0',
    stepFree: q.get('step_free') === '1' || q.get('step_free') === 'true',
    rider: q.get('rider') === '1',
  };
}

/** The hash for a search (6 decimals ≈ 0.1 m; defaults left out). */
export function finderHash(s: FinderSearch): string {
  const q = new URLSearchParams();
  if (s.origin) {
    q.set('lon', s.origin[0].toFixed(6));
    q.set('lat', s.origin[1].toFixed(6));
  }
  if (s.services.length) q.set('service', s.services.join(','));
  if (!s.openNow) q.set('open', '0');
  if (s.stepFree) q.set('step_free', '1');
  if (s.rider) q.set('rider', '1');
  const qs = q.toString().replace(/%2C/g, ',');
  return qs ? `${PREFIX}?${qs}` : PREFIX;
}
