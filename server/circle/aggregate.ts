/**
 * Coverage per area (grid, community, street: issue 4 "Results per grid, community and street"):
 * households and population covered / total, the share covered and the worst-served buildings.
 * A building counts wholly in every area the caller maps it to (e.g. its grid, community and
 * street), so the counts of the grids of a community add up to the community's.
 */
import type { BuildingInput, BuildingValues } from './coverage.ts';

export interface WorstBuilding {
  ref: string;
  /** Infinity when no station is within the search bound. */
  distM: number;
  timeMin: number;
  households: number;
}

export interface AreaCoverage {
  area: string;
  buildings: number;
  households: number;
  householdsCovered: number;
  population: number;
  populationCovered: number;
  /** Covered ÷ total; null when the area has no households (or no people). */
  shareHouseholds: number | null;
  sharePopulation: number | null;
  /** Inhabited buildings with the longest walks, longest first. */
  worst: WorstBuilding[];
}

/** Area ids of a building (one id, several, or none). */
export type AreaOf = (building: BuildingInput, index: number) => string | readonly string[] | null | undefined;

/**
 * Sums coverage per area.
 * @param worstN how many worst-served buildings to keep per area
 */
export function aggregateByArea(
  buildings: readonly BuildingInput[], values: BuildingValues, areaOf: AreaOf, worstN = 5,
): AreaCoverage[] {
  const byArea = new Map<string, AreaCoverage & { candidates: number[] }>();
  buildings.forEach((b, i) => {
    const ids = areaOf(b, i);
    for (const id of ids == null ? [] : typeof ids === 'string' ? [ids] : ids) {
      let a = byArea.get(id);
      if (!a) {
        a = { area: id, buildings: 0, households: 0, householdsCovered: 0, population: 0, populationCovered: 0, shareHouseholds: null, sharePopulation: null, worst: [], candidates: [] };
        byArea.set(id, a);
      }
      a.buildings++;
      a.households += b.households;
      a.population += b.population;
      if (values.covered[i]) { a.householdsCovered += b.households; a.populationCovered += b.population; }
      if (b.households > 0) a.candidates.push(i);
    }
  });
  // Longest walk first (Infinity included), then more households, then input order.
  const worstFirst = (x: number, y: number) => {
    const dx = values.distM[x], dy = values.distM[y];
    if (dx !== dy) return dy > dx ? 1 : -1;
    return buildings[y].households - buildings[x].households || x - y;
  };
  return [...byArea.values()].map(({ candidates, ...a }) => ({
    ...a,
    shareHouseholds: a.households > 0 ? a.householdsCovered / a.households : null,
    sharePopulation: a.population > 0 ? a.populationCovered / a.population : null,
    worst: candidates.sort(worstFirst).slice(0, worstN)
      .map((i) => ({ ref: buildings[i].ref, distM: values.distM[i], timeMin: values.timeMin[i], households: buildings[i].households })),
  }));
}
