/**
 * Coercions from what files carry (CSV strings, XLSX numbers, OSM tag strings) to plain values,
 * used as zod preprocessors. Each returns the input unchanged when it cannot coerce, so zod's
 * message reports the original value.
 */
const TRUE = new Set(['true', 'yes', '1', 'y', '是', 'designated']);
const FALSE = new Set(['false', 'no', '0', 'n', '否']);

/** Missing = undefined, null or blank text. */
export function isMissing(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

export function toText(v: unknown): unknown {
  if (isMissing(v)) return null;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return typeof v === 'string' ? v.trim() : v;
}

export function toNumber(v: unknown): unknown {
  if (typeof v !== 'string' || v.trim() === '') return v;
  const n = Number(v.trim());
  return Number.isFinite(n) ? n : v;
}

/** OSM lengths may carry a unit: `12 m`, `12m` → 12. Other units are left for zod to reject. */
export function toMetres(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*(?:m)?\s*$/.exec(v);
  return m ? Number(m[1]) : v;
}

export function toBoolean(v: unknown): unknown {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : v;
  if (typeof v !== 'string') return v;
  const s = v.trim().toLowerCase();
  return TRUE.has(s) ? true : FALSE.has(s) ? false : v;
}

/** `a;b；c` or a JSON-like array → ['a', 'b', 'c']. */
export function toList(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x.trim() : x)).filter((x) => x !== '');
  if (typeof v !== 'string') return v;
  return v.split(/[;；]/).map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * OSM ids as files write them: 123, "123", "way/123", "w123", "osm:123". Relations
 * ("relation/5", "r5") become negative, the osm2pgsql/Tilezen convention the dataset uses.
 */
export function toOsmId(v: unknown): unknown {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return v;
  const m = /^(?:osm:)?(?:(node|way|relation)\/|([nwr]))?(-?\d+)$/.exec(v.trim());
  if (!m) return v;
  const relation = m[1] === 'relation' || m[2] === 'r';
  return relation ? -Number(m[3]) : Number(m[3]);
}

/** A tag like OSM `bridge`/`tunnel`: any value but no/false/0 means yes (`viaduct`, `building_passage`). */
export function toPresenceFlag(v: unknown): unknown {
  if (isMissing(v)) return false;
  const b = toBoolean(v);
  return typeof b === 'boolean' ? b : typeof v === 'string';
}

/**
 * Codes must stay text: an XLSX cell may hold 310101002 as a number, which is fine, but a
 * 20-digit household code stored as a number has lost digits, so it is left for zod to reject.
 */
export function toCode(v: unknown): unknown {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? String(v) : v;
  return toText(v);
}
