/**
 * The validated, normalised properties per kind: the records of docs/DATA-FORMAT.md.
 * Roads still lack `source`/`target` (assigned when the network is noded) and, unless the file
 * had them, `id`.
 */
import type { Geometry, LineString, MultiPolygon, Point, Polygon } from '../geo/geojson.ts';
import type { AreaLevel, BUILDING_USES, PLACE_KINDS } from './kind-fields.ts';

export interface RoadRecord {
  id: number | null;
  osmId: number | null;
  highway: string;
  name: string | null;
  walkable: boolean;
  bridge: boolean;
  tunnel: boolean;
  /** Metres along the line (haversine), 2 decimals. */
  lengthM: number;
}

export interface BuildingRecord {
  ref: string;
  osmId: number | null;
  name: string | null;
  use: (typeof BUILDING_USES)[number];
  floors: number;
  heightM: number | null;
  households: number;
  address: string | null;
  unitCode: string | null;
}

export interface AreaRecord {
  code: string;
  level: AreaLevel;
  name: string;
  parentCode: string | null;
}

export interface HouseholdRecord {
  code: string;
  unit_code: string;
  building_ref: string | null;
  room: string | null;
  size: number;
}

export interface PlaceRecord {
  ref: string;
  kind: (typeof PLACE_KINDS)[number];
  name: string;
  osmId: number | null;
  openingHours: string | null;
  floor: number;
  lift: boolean;
  stepFree: boolean;
  services: string[];
  anchor: string | null;
}

export interface KindRecords {
  roads: { geometry: LineString; properties: RoadRecord };
  buildings: { geometry: Polygon | MultiPolygon; properties: BuildingRecord };
  areas: { geometry: Polygon | MultiPolygon; properties: AreaRecord };
  households: { geometry: null; properties: HouseholdRecord };
  places: { geometry: Point; properties: PlaceRecord };
}

/** One validated record of kind K, with the ref it came from. */
export type ValidRecord<K extends keyof KindRecords> = { ref: string } & KindRecords[K];

/** Loosely typed form, for code that handles every kind. */
export interface AnyValidRecord {
  ref: string;
  geometry: Geometry | null;
  properties: Record<string, unknown>;
}
