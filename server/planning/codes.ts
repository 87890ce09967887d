/**
 * Grid codes and the old → new crosswalk (issue 8, publish).
 *
 * Codes follow CJ/T 349-2010: grid code = 12-digit community code + 2-digit grid number,
 * numbered west → east, north → south. The standard does not say how grids that are not on a
 * regular lattice form rows, so the rule here is:
 *   s = √(median grid area), the side of a typical grid;
 *   the first row starts at the northernmost grid centroid and takes every grid whose centroid
 *   lies less than s/2 south of it; the next row starts at the northernmost grid left, and so on;
 *   within a row grids go west → east by centroid (ties: the smaller id first).
 * Centroids are area-weighted means of the unit centroids, measured in local metres.
 */
import type { Position } from '../geo/geojson.ts';
import type { PlanningUnit } from './graph.ts';
import { projectionFor } from './measure.ts';
import { MESSAGES, PLANNING_REASONS as R, type PlanningReason } from './reasons.ts';

export interface GridPoint {
  id: string;
  /** [lon, lat] */
  centroid: Position;
  areaM2: number;
}

/** Area-weighted centroid and area of each grid of an assignment (grids in first-unit order). */
export function gridPoints(units: readonly PlanningUnit[], assignment: ReadonlyMap<string, string>): GridPoint[] {
  const acc = new Map<string, [number, number, number]>();
  for (const u of units) {
    const gid = assignment.get(u.id);
    if (gid === undefined) continue;
    const w = Math.max(u.areaM2, 1e-6);
    const a = acc.get(gid) ?? [0, 0, 0];
    a[0] += w * u.centroid[0];
    a[1] += w * u.centroid[1];
    a[2] += w;
    acc.set(gid, a);
  }
  return [...acc].map(([id, [x, y, w]]) => ({ id, centroid: [x / w, y / w], areaM2: w }));
}

/** Grid ids in CJ/T 349 order (see the module comment). `rowHeightM` overrides s/2. */
export function cjtOrder(grids: readonly GridPoint[], rowHeightM?: number): string[] {
  if (!grids.length) return [];
  const proj = projectionFor(grids.map((g) => g.centroid));
  const pts = grids.map((g) => ({ id: g.id, xy: proj.toXY(g.centroid) }));
  const areas = grids.map((g) => g.areaM2).sort((a, b) => a - b);
  const half = rowHeightM ?? Math.sqrt(areas[(areas.length - 1) >> 1]) / 2;
  const left = [...pts].sort((a, b) => b.xy[1] - a.xy[1] || a.xy[0] - b.xy[0] || (a.id < b.id ? -1 : 1));
  const out: string[] = [];
  while (left.length) {
    const top = left[0].xy[1];
    const row = left.filter((p) => p.xy[1] > top - half || p === left[0]);
    row.sort((a, b) => a.xy[0] - b.xy[0] || (a.id < b.id ? -1 : 1));
    for (const p of row) {
      out.push(p.id);
      left.splice(left.indexOf(p), 1);
    }
  }
  return out;
}

export type GridCodesResult =
  | { valid: true; reason: null; message: null; codes: Map<string, string> }
  | { valid: false; reason: PlanningReason; message: string; codes: Map<string, string> };

/** New grid codes for one community: community code + 01, 02, … in CJ/T 349 order. */
export function gridCodes(communityCode: string, grids: readonly GridPoint[], rowHeightM?: number): GridCodesResult {
  if (!/^\d{12}$/.test(communityCode)) return { valid: false, reason: R.BAD_COMMUNITY_CODE, message: MESSAGES.badCommunityCode(communityCode), codes: new Map() };
  if (grids.length > 99) return { valid: false, reason: R.TOO_MANY_GRIDS, message: MESSAGES.tooManyGrids(communityCode, grids.length), codes: new Map() };
  const codes = new Map(cjtOrder(grids, rowHeightM).map((id, i) => [id, communityCode + String(i + 1).padStart(2, '0')]));
  return { valid: true, reason: null, message: null, codes };
}

/** One unit's grid before and after. */
export interface UnitCrossing {
  unit: string;
  households: number;
  from: string | null;
  to: string | null;
  /** The unit leaves the old grid's continuation (see `crosswalk`). */
  moved: boolean;
}

/** How many units and households went from an old grid to a new one. */
export interface GridCrossing {
  from: string | null;
  to: string | null;
  units: number;
  households: number;
}

export interface Crosswalk {
  units: UnitCrossing[];
  grids: GridCrossing[];
  /** Old grid → the new grid that took most of its households (its continuation). */
  successor: Map<string, string>;
}

/**
 * Old → new per unit and per grid pair. New grids get new codes, so "moved" cannot mean "the
 * code changed": an old grid continues as the new grid that took most of its households (ties:
 * the smaller new id), and a unit moved when it did not go there (or was or became unassigned).
 * Units are listed in the order of `before`, then units only in `after`.
 */
export function crosswalk(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>, households: ReadonlyMap<string, number> = new Map()): Crosswalk {
  const ids = [...before.keys(), ...[...after.keys()].filter((u) => !before.has(u))];
  const pairs = new Map<string, GridCrossing>();
  for (const unit of ids) {
    const from = before.get(unit) ?? null, to = after.get(unit) ?? null;
    const key = JSON.stringify([from, to]);
    const p = pairs.get(key) ?? { from, to, units: 0, households: 0 };
    p.units++;
    p.households += households.get(unit) ?? 0;
    pairs.set(key, p);
  }
  const grids = [...pairs.values()];
  const successor = new Map<string, string>();
  const best = new Map<string, GridCrossing>();
  for (const p of grids) {
    if (p.from === null || p.to === null) continue;
    const b = best.get(p.from);
    if (!b || p.households > b.households || (p.households === b.households && (p.units > b.units || (p.units === b.units && p.to < b.to!)))) best.set(p.from, p);
  }
  for (const [from, p] of best) successor.set(from, p.to!);
  const units = ids.map((unit) => {
    const from = before.get(unit) ?? null, to = after.get(unit) ?? null;
    return { unit, households: households.get(unit) ?? 0, from, to, moved: from === null || to === null || successor.get(from) !== to };
  });
  return { units, grids, successor };
}

/** The crosswalk per household: households are `{ code, unit }` (households.csv code, unit_code). */
export function householdCrosswalk(units: readonly UnitCrossing[], households: readonly { code: string; unit: string }[]) {
  const byUnit = new Map(units.map((u) => [u.unit, u]));
  return households.map((h) => {
    const u = byUnit.get(h.unit);
    return { household: h.code, unit: h.unit, from: u?.from ?? null, to: u?.to ?? null, moved: u ? u.moved : true };
  });
}
