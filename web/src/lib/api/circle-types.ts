/**
 * Types of the service-circle and places endpoints (docs/API.md, "Service circle (issue 4)").
 * Distances are metres, times minutes, speeds km/h, coordinates WGS84 degrees.
 */
import type { FeatureCollection, LineString, MultiPolygon, Point } from 'geojson';
import type { AreaId, AreaLevel, LonLat } from './types';

/** GB 50180-2018 walking-distance presets (5-minute 300 m, 10-minute 500 m, 15-minute 1,000 m). */
export const CIRCLE_PRESETS = ['5min', '10min', '15min'] as const;
export type CirclePreset = (typeof CIRCLE_PRESETS)[number];

export interface CoverageQuery {
  area: AreaId;
  /** Walking-time budget; ignored by the server when `preset` is given. */
  minutes?: number;
  preset?: CirclePreset;
  /** km/h, 1–10. */
  speed?: number;
  kinds?: readonly string[];
  /** ISO 8601 with offset: only stations open then count, gates closed then block. */
  at?: string;
  accessible?: boolean;
  /** What if: hypothetical stations at these points … */
  add?: readonly LonLat[];
  /** … and these existing stations left out. */
  remove?: readonly number[];
}

export interface CoverageSummary {
  id: number;
  code: string;
  name: string;
  level: AreaLevel;
  households: number;
  householdsCovered: number;
  population: number;
  populationCovered: number;
  /** Covered ÷ total; null for an area without households. */
  shareHouseholds: number | null;
  sharePopulation: number | null;
}

export interface CoverageChild extends CoverageSummary {
  /** The straight-line (radius) share of households, for the side-by-side comparison. */
  straightLineShare: number | null;
}

export interface WorstBuilding {
  buildingId: number | null;
  unitId: number;
  name: string | null;
  households: number;
  /** null: no station within the search bound (twice the budget) or no way there. */
  distM: number | null;
  timeMin: number | null;
}

/** One (building, unit) pair: a building with several units appears once per unit. */
export interface BuildingCoverage {
  buildingId: number | null;
  unitId: number;
  households: number;
  distM: number | null;
  timeMin: number | null;
  covered: boolean;
  straightCovered: boolean;
  /** The nearest station's id; hypothetical ones are −1, −2, … in the order given. */
  station: number | null;
}

export interface Coverage {
  params: {
    area: number;
    minutes: number | null;
    preset: CirclePreset | null;
    thresholdM: number;
    speedKmh: number;
    at: string | null;
    accessible: boolean;
    kinds: string[];
  };
  stations: { total: number; counting: number; closedAtTime: number; notAccessible: number; removed: number; added: number };
  area: CoverageSummary;
  straightLine: CoverageSummary;
  children: CoverageChild[];
  worst: WorstBuilding[];
  buildings: BuildingCoverage[];
}

export interface IsochroneProperties {
  minutes: number;
  distM: number;
  station: number;
}
export type IsochroneCollection = FeatureCollection<MultiPolygon, IsochroneProperties>;

export interface WalkRoute {
  type: 'Feature';
  geometry: LineString;
  properties: { station: number; name: string; lengthM: number; costM: number; timeMin: number };
}

export interface SitingCandidate {
  lon: number;
  lat: number;
  name?: string;
}

export interface SitingInput {
  area: number;
  k: number;
  minutes?: number;
  speed?: number;
  kinds?: string[];
  candidates?: SitingCandidate[];
  /** Use the audit inventory's idle and reclaimed spaces (server default true). */
  inventory?: boolean;
  /** Start from the coverage at this ISO time (closed stations and gates do not count). */
  at?: string;
  /** Start from accessible stations only. */
  accessible?: boolean;
  /** Start without these existing stations (the what-if removals). */
  remove?: number[];
  /** Existing POIs chosen as candidates (ids from `circlePois`). */
  pois?: number[];
}

/** A named premises in an area that may be offered as a siting candidate. */
export interface SitingPoi {
  id: number;
  kind: string;
  name: string;
  lon: number;
  lat: number;
}

export interface SitingPick {
  ref: string;
  name: string;
  lon: number;
  lat: number;
  /** `inventory` (audit idle/reclaimed space) or `given` (a point we sent). */
  source: string;
  /** Households newly covered by this pick, after the picks before it. */
  gain: number;
}

export interface SitingResult {
  area: { id: number; code: string; name: string };
  households: number;
  coveredBefore: number;
  coveredAfter: number;
  candidates: number;
  /** Proven optimal by the exact solver. */
  optimal: boolean;
  picks: SitingPick[];
  /** Covered households with the best 1…K picks. */
  curve: { k: number; covered: number; share: number | null }[];
}

export interface PlaceProperties {
  id: number;
  kind: string;
  name: string;
  /** OSM `opening_hours`, or null when unknown. */
  openingHours: string | null;
}
export type PlaceCollection = FeatureCollection<Point, PlaceProperties>;
