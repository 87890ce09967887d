/**
 * Household rules for buildings, shared with the OSM sample (docs/DATA-FORMAT.md):
 * households = floor(footprint m² × floors × 0.75 ÷ 90), and a building with H households
 * is split into n = max(1, round(H / 25)) basic units (楼栋单元).
 */
import type { Rng } from './rng.ts';

/** Usable share of gross floor area and m² per household, as in the sample build. */
export const USABLE_SHARE = 0.75;
export const M2_PER_HOUSEHOLD = 90;
/** Unit and grid sizes in households (DOMAIN.md, five-level hierarchy). */
export const UNIT_MIN = 20;
export const UNIT_MAX = 30;
export const GRID_MIN = 200;
export const GRID_MAX = 400;
/** Residential slabs: 6–18 floors, depth 11–15 m, length 20 m up to what the slot allows. */
export const FLOORS_MIN = 6;
export const FLOORS_MAX = 18;
const DEPTH_MIN = 11;
const DEPTH_MAX = 15;
const LENGTH_MIN = 20;

export function householdsFor(footprintM2: number, floors: number): number {
  return Math.floor((footprintM2 * floors * USABLE_SHARE) / M2_PER_HOUSEHOLD);
}

export function unitCount(households: number): number {
  return Math.max(1, Math.round(households / 25));
}

/** Households per unit for a building, larger units first (e.g. 62 → [31, 31]). */
export function splitUnits(households: number): number[] {
  const n = unitCount(households);
  const base = Math.floor(households / n);
  const extra = households - base * n;
  return Array.from({ length: n }, (_, i) => base + (i < extra ? 1 : 0));
}

/** True when every unit of a building with this many households holds 20–30. */
export function unitsFit(households: number): boolean {
  return splitUnits(households).every((h) => h >= UNIT_MIN && h <= UNIT_MAX);
}

/**
 * The nearest household count ≥ 20 whose units all fit 20–30 (31–39 and 61–62 do not),
 * not above `cap`; ties go up.
 */
export function nearestFitting(households: number, cap = Infinity): number {
  const h = Math.min(cap, Math.max(UNIT_MIN, Math.round(households)));
  for (let d = 0; d < 100; d++) {
    if (h + d <= cap && unitsFit(h + d)) return h + d;
    if (h - d >= UNIT_MIN && h - d <= cap && unitsFit(h - d)) return h - d;
  }
  throw new Error(`no household count fits 20–30 per unit near ${households} (cap ${cap})`);
}

export interface SlabDesign {
  floors: number;
  depthM: number;
  lengthM: number;
  households: number;
}

/** Largest fitting household count a slab of at most `maxLengthM` can hold. */
export function slabCapacity(maxLengthM: number): number {
  const raw = Math.floor((maxLengthM * DEPTH_MAX * FLOORS_MAX * USABLE_SHARE) / M2_PER_HOUSEHOLD - 0.5);
  for (let h = raw; h >= UNIT_MIN; h--) if (unitsFit(h)) return h;
  return UNIT_MIN;
}

const M2_FLOORS_PER_HH = M2_PER_HOUSEHOLD / USABLE_SHARE; // 120 m² of gross floor area per household

/**
 * A residential slab holding about `targetHouseholds`, with floors preferably in `floorsPref`.
 * The footprint is sized for H + 0.5 households so that floor() of any area measure within
 * ±0.3 % (spherical vs ellipsoidal, 7-decimal rounding) still gives exactly H.
 */
export function designSlab(targetHouseholds: number, maxLengthM: number, floorsPref: [number, number], rng: Rng): SlabDesign {
  const households = nearestFitting(targetHouseholds, slabCapacity(maxLengthM));
  const gross = (households + 0.5) * M2_FLOORS_PER_HH;
  const feasible = (f: number) => gross / (f * DEPTH_MAX) <= maxLengthM && gross / (f * DEPTH_MIN) >= LENGTH_MIN;
  let options: number[] = [];
  for (let f = floorsPref[0]; f <= floorsPref[1]; f++) if (feasible(f)) options.push(f);
  if (!options.length) for (let f = FLOORS_MIN; f <= FLOORS_MAX; f++) if (feasible(f)) options.push(f);
  if (!options.length) throw new Error(`no slab of ≤ ${maxLengthM.toFixed(1)} m holds ${households} households`);
  const floors = rng.pick(options);
  const dLo = Math.max(DEPTH_MIN, gross / (floors * maxLengthM));
  const dHi = Math.min(DEPTH_MAX, gross / (floors * LENGTH_MIN));
  let depthM = Math.round(rng.range(dLo, dHi) * 10) / 10;
  if (depthM < dLo || depthM > dHi) depthM = Math.ceil(dLo * 10) / 10 <= dHi ? Math.ceil(dLo * 10) / 10 : dLo;
  const lengthM = Math.round((gross / (floors * depthM)) * 100) / 100;
  const got = householdsFor(lengthM * depthM, floors);
  if (got !== households) throw new Error(`slab sizing drifted: ${got} households instead of ${households}`);
  return { floors, depthM, lengthM, households };
}
