/**
 * The circle's parameters as the user sets them, and how they become API queries. Pure.
 */
import type { AreaId, CirclePreset, CoverageQuery, LonLat } from '../lib/api';

/** The party-mass service positions counted by default (server/circle/circle.schema.ts STATION_KINDS). */
export const STATION_KINDS = ['party_center', 'regional_center', 'community_center', 'grid_station', 'outdoor_station', 'building_corner', 'neighbourhood_post'] as const;

export const BUDGET_MINUTES = [5, 10, 15] as const;
/** Walking-time bands drawn around a clicked station. */
export const ISOCHRONE_MINUTES = [5, 10, 15] as const;

/** GB 50180-2018 table 3.0.4: 5-minute 300 m, 10-minute 500 m, 15-minute 800–1,000 m (server uses 1,000). */
export const PRESET_METRES: Record<CirclePreset, number> = { '5min': 300, '10min': 500, '15min': 1000 };

/** km/h: an adult's 4.5 km/h (the server's default) and 1 m/s for elders. */
export const SPEEDS = { default: 4.5, elder: 3.6 } as const;

export type Budget = { kind: 'minutes'; minutes: number } | { kind: 'preset'; preset: CirclePreset };

export interface CircleParams {
  budget: Budget;
  /** km/h */
  speed: number;
  /** `YYYY-MM-DDTHH:mm` on the Beijing clock (a datetime-local value), or '' for any time. */
  at: string;
  accessible: boolean;
}

export const DEFAULT_PARAMS: CircleParams = { budget: { kind: 'minutes', minutes: 10 }, speed: SPEEDS.default, at: '', accessible: false };

/** The opening-hours and gate rules are on the China clock, whatever the browser's zone. */
export function atParam(local: string): string | undefined {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) ? `${local}:00+08:00` : undefined;
}

/** Now on the Beijing clock as a datetime-local value. */
export function beijingNow(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
}

/**
 * The walking-time budget in minutes: as given, or a GB preset's distance at the chosen speed.
 * The siting endpoint takes minutes only.
 */
export function budgetMinutes(p: Pick<CircleParams, 'budget' | 'speed'>): number {
  return p.budget.kind === 'minutes' ? p.budget.minutes : PRESET_METRES[p.budget.preset] / ((p.speed * 1000) / 60);
}

export function coverageQuery(area: AreaId, p: CircleParams, added: readonly LonLat[], removed: readonly number[]): CoverageQuery {
  return {
    area,
    minutes: p.budget.kind === 'minutes' ? p.budget.minutes : undefined,
    preset: p.budget.kind === 'preset' ? p.budget.preset : undefined,
    speed: p.speed,
    at: atParam(p.at),
    accessible: p.accessible,
    add: added.length ? added : undefined,
    remove: removed.length ? removed : undefined,
  };
}
