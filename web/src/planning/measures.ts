/**
 * The live panel's measures of a plan (unit → grid label), pure and quick enough to rerun on every
 * brush step: per grid households, population, units, band status and deviation from the target,
 * contiguity (pieces on the unit adjacency graph, and the units cut off from each grid's largest
 * piece), Polsby–Popper 4πA/P² with P = Σ unit boundaries − 2 × boundary shared inside the grid;
 * unassigned units and units outside the unit band. Same definitions as server/planning/quality.ts
 * (tests/unit/planning-web/measures.test.ts feeds both the same plan).
 */
import type { AdjacencyEdge } from './geometry';

/** A unit as the measures need it (area and boundary length of its cell). */
export interface MeasureUnit {
  id: string;
  households: number;
  population: number;
  areaM2: number;
  perimeterM: number;
}

/** Units with their neighbours, built once per workspace. */
export interface Topology {
  units: readonly MeasureUnit[];
  index: Map<string, number>;
  /** neighbours of unit i, with the boundary length shared (m) */
  nbr: number[][];
  sharedM: number[][];
  /** cell boundary length, at least the length shared with neighbours (m) */
  perimeterM: Float64Array;
}

export function buildTopology(units: readonly MeasureUnit[], edges: readonly AdjacencyEdge[]): Topology {
  const index = new Map(units.map((u, i) => [u.id, i]));
  const best = new Map<number, number>();
  const n = units.length;
  for (const e of edges) {
    const a = index.get(e.a), b = index.get(e.b);
    if (a === undefined || b === undefined || a === b || !(e.sharedM > 0)) continue;
    const key = Math.min(a, b) * n + Math.max(a, b);
    best.set(key, Math.max(best.get(key) ?? 0, e.sharedM));
  }
  const nbr: number[][] = units.map(() => []);
  const sharedM: number[][] = units.map(() => []);
  for (const [key, len] of best) {
    const a = Math.floor(key / n), b = key % n;
    nbr[a].push(b); sharedM[a].push(len);
    nbr[b].push(a); sharedM[b].push(len);
  }
  const perimeterM = Float64Array.from(units, (u, i) => {
    const s = sharedM[i].reduce((t, v) => t + v, 0);
    return Math.max(u.perimeterM, s);
  });
  return { units, index, nbr, sharedM, perimeterM };
}

export type BandStatus = 'under' | 'in' | 'over';

export interface GridMeasure {
  id: string;
  households: number;
  population: number;
  units: number;
  band: BandStatus;
  /** households minus the target */
  deviation: number;
  /** connected pieces: 1 when contiguous */
  pieces: number;
  /** units outside the grid's largest piece (by households): the islands to highlight */
  islandUnits: string[];
  areaM2: number;
  perimeterM: number;
  polsbyPopper: number;
}

export interface PlanMeasures {
  /** Grids holding units, in the order of their first unit; then empty grids named in `grids`. */
  grids: GridMeasure[];
  summary: {
    grids: number;
    households: number;
    gridsInBand: number;
    shareInBand: number;
    meanPolsbyPopper: number;
    minPolsbyPopper: number;
    meanAbsDeviation: number;
    /** pieces beyond the first, over all grids */
    islands: number;
    unassignedUnits: string[];
    unitsOutsideUnitBand: string[];
  };
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

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

export function measurePlan(t: Topology, assignment: ReadonlyMap<string, string>, o: MeasureOptions = {}): PlanMeasures {
  const [min, max] = o.band ?? [200, 400];
  const target = o.target ?? (min + max) / 2;
  const [umin, umax] = o.unitBand ?? [20, 30];
  const n = t.units.length;
  const of = new Int32Array(n).fill(-1);
  const labels: string[] = [];
  const gi = new Map<string, number>();
  t.units.forEach((u, i) => {
    const g = assignment.get(u.id);
    if (g === undefined) return;
    if (!gi.has(g)) { gi.set(g, labels.length); labels.push(g); }
    of[i] = gi.get(g)!;
  });
  const k = labels.length;
  const hh = new Float64Array(k), pop = new Float64Array(k), size = new Int32Array(k), area = new Float64Array(k), perim = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const g = of[i];
    if (g < 0) continue;
    const u = t.units[i];
    hh[g] += u.households; pop[g] += u.population; size[g]++; area[g] += Math.max(0, u.areaM2); perim[g] += t.perimeterM[i];
    for (let j = 0; j < t.nbr[i].length; j++) if (of[t.nbr[i][j]] === g) perim[g] -= t.sharedM[i][j]; // each inner edge seen from both sides: −2× in all
  }
  // pieces per grid by breadth-first search over same-grid neighbours
  const piece = new Int32Array(n).fill(-1);
  const pieces: { grid: number; units: number[]; hh: number }[] = [];
  for (let s = 0; s < n; s++) {
    if (of[s] < 0 || piece[s] >= 0) continue;
    const list = [s];
    piece[s] = pieces.length;
    let h = 0;
    for (let q = 0; q < list.length; q++) {
      const u = list[q];
      h += t.units[u].households;
      for (const v of t.nbr[u]) if (piece[v] < 0 && of[v] === of[s]) { piece[v] = pieces.length; list.push(v); }
    }
    pieces.push({ grid: of[s], units: list, hh: h });
  }
  const byGrid = labels.map(() => [] as typeof pieces);
  for (const p of pieces) byGrid[p.grid].push(p);
  const grids: GridMeasure[] = labels.map((id, g) => {
    const ps = [...byGrid[g]].sort((a, b) => b.hh - a.hh || b.units.length - a.units.length);
    const h = hh[g];
    return {
      id, households: h, population: pop[g], units: size[g], band: h < min ? 'under' : h > max ? 'over' : 'in', deviation: h - target,
      pieces: ps.length, islandUnits: ps.slice(1).flatMap((p) => p.units.map((u) => t.units[u].id)),
      areaM2: round(area[g], 1), perimeterM: round(perim[g], 1),
      polsbyPopper: round(perim[g] > 0 ? (4 * Math.PI * area[g]) / (perim[g] * perim[g]) : 0, 4),
    };
  });
  for (const id of o.emptyGrids ?? []) {
    if (!gi.has(id)) grids.push({ id, households: 0, population: 0, units: 0, band: 0 < min ? 'under' : 'in', deviation: -target, pieces: 0, islandUnits: [], areaM2: 0, perimeterM: 0, polsbyPopper: 0 });
  }
  const live = grids.filter((g) => g.units > 0);
  const pp = live.map((g) => g.polsbyPopper);
  const inBand = live.filter((g) => g.band === 'in').length;
  const unassignedUnits = t.units.filter((_, i) => of[i] < 0).map((u) => u.id);
  const summary = {
    grids: live.length,
    households: live.reduce((s, g) => s + g.households, 0),
    gridsInBand: inBand,
    shareInBand: live.length ? inBand / live.length : 1,
    meanPolsbyPopper: pp.length ? round(pp.reduce((a, b) => a + b, 0) / pp.length, 4) : 0,
    minPolsbyPopper: pp.length ? Math.min(...pp) : 0,
    meanAbsDeviation: live.length ? round(live.reduce((s, g) => s + Math.abs(g.deviation), 0) / live.length, 1) : 0,
    islands: live.reduce((s, g) => s + Math.max(0, g.pieces - 1), 0),
    unassignedUnits,
    unitsOutsideUnitBand: t.units.filter((u) => u.households < umin || u.households > umax).map((u) => u.id),
  };
  return { grids, summary, valid: inBand === live.length && summary.islands === 0 && unassignedUnits.length === 0 };
}
