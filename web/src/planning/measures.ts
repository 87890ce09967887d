/**
 * The live panel's measures of a plan (unit → grid label), rerun on every brush step: the server's
 * planQuality (server/planning/quality.ts, about 0.2 ms on the largest sample community) with
 * per grid households, population, units, band status and deviation from the target, contiguity
 * (pieces on the unit adjacency graph), Polsby–Popper 4πA/P² with P = Σ unit boundaries − 2 ×
 * boundary shared inside the grid; unassigned units and units outside the unit band. On top, for
 * the map: the units cut off from each grid's largest piece, and grids added but not yet painted.
 */
import type { Position } from '../../../server/geo/geojson';
import { buildUnitGraph, type PlanningUnit, type UnitGraph } from '../../../server/planning/graph';
import { gridPieces } from '../../../server/planning/partition-repair';
import { PlanState } from '../../../server/planning/plan-state';
import { planQuality, type BandStatus, type GridQuality, type QualitySummary } from '../../../server/planning/quality';
import type { AdjacencyEdge } from './geometry';

export type { BandStatus };

/** A unit as the measures need it (area and boundary length of its cell). */
export interface MeasureUnit {
  id: string;
  households: number;
  population: number;
  areaM2: number;
  perimeterM: number;
  /** [lon, lat]; the measures do not read it */
  centroid?: Position;
}

/** Units with their adjacency, built once per workspace. */
export interface Topology {
  units: readonly PlanningUnit[];
  edges: readonly AdjacencyEdge[];
  /** the unit graph (neighbours, shared boundary lengths), for the islands */
  graph: UnitGraph;
}

export function buildTopology(units: readonly MeasureUnit[], edges: readonly AdjacencyEdge[]): Topology {
  const planning = units.map((u) => ({ ...u, centroid: u.centroid ?? [0, 0] }));
  return { units: planning, edges, graph: buildUnitGraph(planning, edges) };
}

export interface GridMeasure extends GridQuality {
  /** units outside the grid's largest piece (by households): the islands to highlight */
  islandUnits: string[];
}

export interface PlanMeasures {
  /** Grids holding units, in the order of their first unit; then empty grids named in `grids`. */
  grids: GridMeasure[];
  summary: QualitySummary;
  /** every grid in the band and contiguous, every unit assigned */
  valid: boolean;
}

export interface MeasureOptions {
  /** households per grid, default [200, 400] (DOMAIN.md) */
  band?: readonly [number, number];
  /** households per unit, default [20, 30] */
  unitBand?: readonly [number, number];
  /** default the middle of the band */
  target?: number;
  /** labels of grids that exist but hold no unit yet (added, not painted) */
  emptyGrids?: readonly string[];
}

export function measurePlan(t: Topology, assignment: ReadonlyMap<string, string>, o: MeasureOptions = {}): PlanMeasures {
  const [min, max] = o.band ?? [200, 400];
  const target = o.target ?? (min + max) / 2;
  const q = planQuality({ units: t.units, adjacency: t.edges, assignment, band: [min, max], target, unitBand: o.unitBand });
  const islands = q.summary.islands ? islandUnits(t.graph, assignment, q.grids, { min, max, target }) : new Map<string, string[]>();
  const grids: GridMeasure[] = q.grids.map((g) => ({ ...g, islandUnits: islands.get(g.id) ?? [] }));
  const seen = new Set(grids.map((g) => g.id));
  for (const id of o.emptyGrids ?? []) {
    if (!seen.has(id)) grids.push({ id, households: 0, population: 0, units: 0, band: 0 < min ? 'under' : 'in', deviation: -target, pieces: 0, islandUnits: [], areaM2: 0, perimeterM: 0, polsbyPopper: 0 });
  }
  return { grids, summary: q.summary, valid: q.valid };
}

/** Units of each grid outside its largest piece, with the server's pieces (gridPieces). */
function islandUnits(g: UnitGraph, assignment: ReadonlyMap<string, string>, grids: readonly GridQuality[], band: { min: number; max: number; target: number }): Map<string, string[]> {
  const gi = new Map(grids.map((x, i) => [x.id, i]));
  const of = Int32Array.from(g.ids, (id) => {
    const grid = assignment.get(id);
    return grid === undefined ? -1 : gi.get(grid) ?? -1;
  });
  const out = new Map<string, string[]>();
  for (const [i, pieces] of gridPieces(new PlanState(g, band, of))) out.set(grids[i].id, pieces.slice(1).flatMap((p) => p.map((u) => g.ids[u])));
  return out;
}
