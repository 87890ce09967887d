/** Shared shapes of the data-build pipeline (GeoJSON plus the sample's own records). */
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';

export type Use = 'residential' | 'commercial' | 'office' | 'hotel' | 'school' | 'public' | 'other';
export type Area2D = Polygon | MultiPolygon;
export type LonLat = [number, number];

/** Raw OSM feature of the Tilezen-flattened source file. */
export type OsmFeature = Feature<any, Record<string, any>>;

export interface Building {
  ref: string;
  osmId: number | null;
  name: string | null;
  use: Use;
  floors: number;
  heightM: number | null;
  households: number;
  address: string | null;
  geometry: Area2D;
  /** Centroid of the footprint, [lon, lat]. */
  center: LonLat;
  footprintM2: number;
  /** Which rule decided `use` (for the README statistics). */
  rule: string;
  unitCode: string | null;
}

/** A 基础治理单元 before it has a code: a share of one building, or several small buildings. */
export interface Unit {
  /** Parts: which building holds how many of the unit's households. */
  parts: { ref: string; households: number }[];
  households: number;
  /** Voronoi seed, [lon, lat]. */
  seed: LonLat;
  /** 1-based 单元 number inside its building when the building has several units, else 0. */
  stair: number;
  /** Display label such as 福佑路12号 or 崂山路3号楼. */
  label: string;
  streetCode: string;
}

export type { Position };
