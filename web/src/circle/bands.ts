/**
 * Walking-time bands for painting buildings, and folding the API's per-(building, unit) rows into
 * one value per building. Pure: no map, no state.
 */
import type { BuildingCoverage } from '../lib/api';

/** ≤5, 5–10, 10–15, >15 minutes, and none (no station within the search bound, or no way there). */
export const TIME_BANDS = ['b5', 'b10', 'b15', 'b99', 'none'] as const;
export type TimeBand = (typeof TIME_BANDS)[number];

export const BAND_COLOR: Record<TimeBand, string> = {
  b5: '#1b7837',
  b10: '#7fbf7b',
  b15: '#f6c141',
  b99: '#e8743b',
  none: '#7b3294',
};
/** Outline of buildings not covered under the current budget. */
export const UNCOVERED_COLOR = '#b2182b';

/** @param timeMin - minutes, or null when unreachable */
export function timeBand(timeMin: number | null): TimeBand {
  if (timeMin === null || !Number.isFinite(timeMin)) return 'none';
  if (timeMin <= 5) return 'b5';
  if (timeMin <= 10) return 'b10';
  if (timeMin <= 15) return 'b15';
  return 'b99';
}

export interface BuildingPaint {
  band: TimeBand;
  /** Some households of the building are not covered under the current budget. */
  uncovered: boolean;
}

/**
 * One paint per building: the longest walk among its units (units share the building's
 * entrances, so they rarely differ) and uncovered if any unit is. Rows without a building
 * (households mapped to a unit only) have nothing to paint.
 */
export function paintByBuilding(rows: readonly BuildingCoverage[]): Map<number, BuildingPaint> {
  const worst = new Map<number, { time: number | null; uncovered: boolean }>();
  for (const r of rows) {
    if (r.buildingId === null) continue;
    const prev = worst.get(r.buildingId);
    // null (unreachable) is the worst of all
    const time = !prev ? r.timeMin : prev.time === null || r.timeMin === null ? null : Math.max(prev.time, r.timeMin);
    worst.set(r.buildingId, { time, uncovered: (prev?.uncovered ?? false) || !r.covered });
  }
  const out = new Map<number, BuildingPaint>();
  for (const [id, w] of worst) out.set(id, { band: timeBand(w.time), uncovered: w.uncovered });
  return out;
}
