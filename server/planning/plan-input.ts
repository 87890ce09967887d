/**
 * From the scope's unit rows to the pure core's input (units with measures, adjacency), cached
 * per scope while its units' cells and counts stay the same (the signature), so the live panel
 * does not rebuild the adjacency on every save.
 */
import type { AdjacencyEdge } from './adjacency.ts';
import type { PlanningUnit } from './graph.ts';
import { planningInput } from './input.ts';
import { planQuality, type PlanQuality } from './quality.ts';
import type { UnitRow } from './scope.repository.ts';

export interface ScopeInput {
  units: PlanningUnit[];
  adjacency: AdjacencyEdge[];
  /** Unit id (string) → its row. */
  rows: Map<string, UnitRow>;
  communityOf: Map<string, string>;
}

const cache = new Map<string, { sig: string; input: ScopeInput }>();
const MAX_CACHED = 32;

function signature(rows: readonly UnitRow[]): string {
  let h = 0;
  for (const r of rows) {
    const s = `${r.id}:${r.households}:${r.population}:${JSON.stringify(r.geometry).length}`;
    for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  }
  return `${rows.length}:${h}`;
}

/** `key` names the database and scope (the cache is per process). */
export function scopeInput(key: string, rows: readonly UnitRow[]): ScopeInput {
  const sig = signature(rows);
  const hit = cache.get(key);
  if (hit && hit.sig === sig) return hit.input;
  const { units, adjacency } = planningInput(rows.map((r) => ({ id: String(r.id), geometry: r.geometry, households: r.households, population: r.population })));
  const input: ScopeInput = {
    units,
    adjacency,
    rows: new Map(rows.map((r) => [String(r.id), r])),
    communityOf: new Map(rows.map((r) => [String(r.id), r.community_code])),
  };
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, { sig, input });
  return input;
}

/** The live assignment: unit id → current grid code. */
export function liveAssignment(rows: readonly UnitRow[]): Map<string, string> {
  return new Map(rows.map((r) => [String(r.id), r.grid_code]));
}

export interface Bands {
  band: [number, number];
  unitBand: [number, number];
  target?: number;
}

/**
 * Quality of an assignment over a scope, with one extra check the core does not know: a grid
 * must not take units of two communities (a street draft).
 */
export function measurePlan(input: ScopeInput, assignment: ReadonlyMap<string, string>, b: Bands): PlanQuality & { crossCommunity: { grid: string; communities: string[] }[] } {
  const q = planQuality({ units: input.units, adjacency: input.adjacency, assignment, band: b.band, unitBand: b.unitBand, target: b.target });
  const comms = new Map<string, Set<string>>();
  for (const [u, g] of assignment) {
    const c = input.communityOf.get(u);
    if (c === undefined) continue;
    const s = comms.get(g) ?? new Set();
    s.add(c);
    comms.set(g, s);
  }
  const crossCommunity = [...comms].filter(([, s]) => s.size > 1).map(([grid, s]) => ({ grid, communities: [...s].sort() }));
  return { ...q, crossCommunity };
}
