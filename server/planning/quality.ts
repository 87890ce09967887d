/**
 * Quality of a plan (a unit → grid assignment), as the live panel and the publish check read it:
 * per grid households, population, units, band status, pieces (contiguity on the unit adjacency
 * graph) and Polsby–Popper 4πA/P², where P is the union's boundary: the units' boundaries less
 * twice what they share inside the grid; summary shares, means and minima, islands, unassigned
 * units and units outside 20–30 households. The same measures judge our proposals and METIS's.
 */
import type { AdjacencyEdge } from './adjacency.ts';
import { buildUnitGraph, type PlanningUnit } from './graph.ts';
import { polsbyPopper } from './measure.ts';
import { gridPieces } from './partition-repair.ts';
import { PlanState } from './plan-state.ts';
import { MESSAGES, PLANNING_REASONS as R, type PlanningIssue } from './reasons.ts';

export type BandStatus = 'under' | 'in' | 'over';

export interface GridQuality {
  id: string;
  households: number;
  population: number;
  units: number;
  band: BandStatus;
  /** Households minus the target. */
  deviation: number;
  /** Connected pieces on the adjacency graph: 1 when contiguous. */
  pieces: number;
  areaM2: number;
  perimeterM: number;
  polsbyPopper: number;
}

export interface QualitySummary {
  grids: number;
  households: number;
  gridsInBand: number;
  /** Share of grids in the band, 0–1 (1 when there are no grids). */
  shareInBand: number;
  meanPolsbyPopper: number;
  minPolsbyPopper: number;
  /** Mean |households − target| over the grids. */
  meanAbsDeviation: number;
  /** Pieces beyond the first, over all grids. */
  islands: number;
  unassignedUnits: string[];
  /** Units holding fewer or more households than the unit band (20–30). */
  unitsOutsideUnitBand: string[];
}

export interface PlanQuality {
  /** Publishable: every grid in the band and contiguous, every unit assigned. */
  valid: boolean;
  reason: PlanningIssue['reason'] | null;
  issues: PlanningIssue[];
  grids: GridQuality[];
  summary: QualitySummary;
}

export interface QualityInput {
  units: readonly PlanningUnit[];
  adjacency: readonly AdjacencyEdge[];
  assignment: ReadonlyMap<string, string>;
  band?: readonly [number, number];
  target?: number;
  unitBand?: readonly [number, number];
}

/** Measures a plan. Assignment entries for units not in `units` are ignored. Grids in first-unit order. */
export function planQuality(input: QualityInput): PlanQuality {
  const [min, max] = input.band ?? [200, 400];
  const target = input.target ?? (min + max) / 2;
  const [umin, umax] = input.unitBand ?? [20, 30];
  const g = buildUnitGraph(input.units, input.adjacency);
  const gridIds: string[] = [];
  const index = new Map<string, number>();
  const of = new Int32Array(g.n).fill(-1);
  g.ids.forEach((id, u) => {
    const grid = input.assignment.get(id);
    if (grid === undefined) return;
    if (!index.has(grid)) { index.set(grid, gridIds.length); gridIds.push(grid); }
    of[u] = index.get(grid)!;
  });
  const st = new PlanState(g, { min, max, target }, of);
  const pieces = gridPieces(st);
  const grids: GridQuality[] = gridIds.map((id, gi) => {
    const h = st.hh[gi];
    return {
      id, households: h, population: st.pop[gi], units: st.size[gi], band: h < min ? 'under' : h > max ? 'over' : 'in', deviation: h - target,
      pieces: pieces.get(gi)?.length ?? 0, areaM2: round(st.area[gi], 1), perimeterM: round(st.perim[gi], 1), polsbyPopper: round(polsbyPopper(st.area[gi], st.perim[gi]), 4),
    };
  });
  const pp = grids.map((x) => x.polsbyPopper);
  const inBand = grids.filter((x) => x.band === 'in').length;
  const unassigned = g.ids.filter((_, u) => of[u] < 0);
  const summary: QualitySummary = {
    grids: grids.length, households: grids.reduce((s, x) => s + x.households, 0), gridsInBand: inBand,
    shareInBand: grids.length ? inBand / grids.length : 1,
    meanPolsbyPopper: pp.length ? round(pp.reduce((a, b) => a + b, 0) / pp.length, 4) : 0,
    minPolsbyPopper: pp.length ? Math.min(...pp) : 0,
    meanAbsDeviation: grids.length ? round(grids.reduce((s, x) => s + Math.abs(x.deviation), 0) / grids.length, 1) : 0,
    islands: grids.reduce((s, x) => s + Math.max(0, x.pieces - 1), 0),
    unassignedUnits: unassigned,
    unitsOutsideUnitBand: g.ids.filter((_, u) => g.households[u] < umin || g.households[u] > umax),
  };
  const issues: PlanningIssue[] = [];
  for (const x of grids) {
    const units = st.members(index.get(x.id)!).map((u) => g.ids[u]);
    if (x.band !== 'in') issues.push({ reason: R.GRID_OUT_OF_BAND, message: MESSAGES.outOfBand(x.id, x.households, min, max), units, grid: x.id });
    if (x.pieces > 1) issues.push({ reason: R.GRID_NOT_CONTIGUOUS, message: MESSAGES.notContiguous(x.id, x.pieces), units, grid: x.id });
  }
  if (unassigned.length) issues.push({ reason: R.UNIT_UNASSIGNED, message: MESSAGES.unassigned(unassigned), units: unassigned });
  return { valid: !issues.length, reason: issues[0]?.reason ?? null, issues, grids, summary };
}

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;
