/**
 * Types of the HTTP API, as documented in docs/API.md. Coordinates are WGS84 degrees.
 */
import type { FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';

/** `[west, south, east, north]` in degrees. */
export type Bbox = [number, number, number, number];
/** `[lon, lat]` in degrees. */
export type LonLat = [number, number];

export const AREA_LEVELS = ['street', 'community', 'grid', 'unit'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

/** Where a grid (200–400) or unit (20–30) stands against its household band; null above grid level. */
export type Band = 'under' | 'in' | 'over';

export interface Meta {
  name: string;
  bbox: Bbox;
  center: LonLat;
  attribution: string;
  bands: { grid: [number, number]; unit: [number, number] };
  /** An XYZ raster template (`…/{z}/{x}/{y}.png`) or a style JSON URL, or null for our own map only. */
  basemapUrl: string | null;
}

export interface AreaProperties {
  id: number | string;
  code: string;
  name: string;
  level: AreaLevel;
  parentId: number | string | null;
  households: number;
  population: number;
  units: number;
  band: Band | null;
}
export type AreaId = AreaProperties['id'];
export type AreaCollection = FeatureCollection<Polygon | MultiPolygon, AreaProperties>;

export interface AreaRef {
  id: AreaId;
  code: string;
  name: string;
  level: AreaLevel;
}

export interface AreaChild extends AreaRef {
  households: number;
  population: number;
  band: Band | null;
}

/** Public contact of a responsible person (网格长/网格员/党支部书记/楼栋长). */
export interface ResponsiblePerson {
  role: string;
  roleName: string;
  name: string;
  phone: string | null;
}

export interface AreaDetail extends AreaProperties {
  bbox: Bbox;
  center: LonLat;
  /** Street first, excluding the area itself. */
  breadcrumbs: AreaRef[];
  children: AreaChild[];
  childrenSummary: {
    count: number;
    households: number;
    population: number;
    under: number;
    in: number;
    over: number;
  };
  people: ResponsiblePerson[];
}

export type SearchResultType = 'area' | 'building' | 'place';

export interface SearchResult {
  type: SearchResultType;
  id: number | string;
  name: string;
  code?: string;
  level?: AreaLevel;
  kind?: string;
  address?: string;
  center: LonLat;
  bbox?: Bbox;
}

export interface BuildingProperties {
  id: number | string;
  name: string | null;
  use: string;
  floors: number;
  households: number;
  heightM: number | null;
}

export interface RoadProperties {
  id: number;
  highway: string;
  name: string | null;
  walkable: boolean;
  bridge: boolean;
  tunnel: boolean;
}

export interface BasemapProperties {
  layer: 'water' | 'landuse' | 'earth';
  kind: string;
  name: string | null;
}

export type BuildingCollection = FeatureCollection<Polygon | MultiPolygon, BuildingProperties>;
export type RoadCollection = FeatureCollection<Geometry, RoadProperties>;
export type BasemapCollection = FeatureCollection<Geometry, BasemapProperties>;
