/**
 * Every number behind the sample's estimates, in one place so data/README.md can state them.
 * Changing one changes the sample: rebuild with `npm run data:build` and update the README.
 */
import type { Use } from './types.ts';

/** Seed of the mulberry32 PRNG: the same seed gives byte-identical output. */
export const SEED = 20260101;

/** Storey height, metres: floors = round(heightM / STOREY_M). */
export const STOREY_M = 3;
/** Share of gross floor area that is flats (the rest is stairs, walls, shops), 0–1. */
export const USABLE_SHARE = 0.75;
/** Average flat size, m² of usable floor area. */
export const FLAT_M2 = 90;
/** Footprints below this (m²) are sheds, kiosks and toilets: no households. */
export const MIN_FOOTPRINT_M2 = 30;

/** Floors when OSM has no height, by use. */
export const DEFAULT_FLOORS: Record<Use, number> = {
  residential: 6, // 老公房 walk-up, the stock inside Pudong's residential landuse
  commercial: 4,
  office: 10,
  hotel: 10,
  school: 4,
  public: 4,
  other: 2,
};
/** Floors of an unnamed, height-less building outside any landuse: treated as 里弄 (lane) housing. */
export const LILONG_FLOORS = 3;
/** Largest footprint (m²) of a height-less unnamed building still read as 里弄 housing. */
export const LILONG_MAX_M2 = 1000;
/** Unnamed buildings with a height up to this (m) and footprint up to MIDRISE_MAX_M2 are housing. */
export const MIDRISE_MAX_HEIGHT_M = 36;
export const MIDRISE_MAX_M2 = 3000;

/** Residential landuse with mapped building cover below this share gets synthetic 6-floor slabs. */
export const INFILL_MAX_COVER = 0.1;
/** Synthetic slab: long axis east–west (south-facing flats), metres. */
export const SLAB = { lengthM: 48, depthM: 12, gapXM: 12, gapYM: 20, insetM: 6, clearM: 5, floors: 6 };

/** Households per unit (楼栋/基础治理单元), grid (网格) and community (社区): [min, max] and target. */
export const UNIT_BAND: [number, number] = [20, 30];
export const UNIT_TARGET = 25;
export const GRID_BAND: [number, number] = [200, 400];
export const GRID_TARGET = 300;
export const COMMUNITY_BAND: [number, number] = [1500, 4000];
export const COMMUNITY_TARGET = 2500;
/** Small buildings are grouped into one unit only with neighbours this close (m, centroid to centroid). */
export const GROUP_RADIUS_M = 150;
/** Offset between the Voronoi seeds of a multi-unit building, as a share of its long axis. */
export const SEED_SPREAD = 0.8;

/** Road noding: piece ends and T-junctions within this distance (m) are joined. */
export const SNAP_M = 1;
/** A street keeps its place in the sample only with at least this many households (one grid). */
export const MIN_STREET_HOUSEHOLDS = GRID_BAND[0];

/** Area invariants: tolerance in m² (docs/DATA-FORMAT.md). */
export const AREA_TOLERANCE_M2 = 1;
