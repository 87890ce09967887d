/**
 * From unit cells with their counts to the planner's input: units with area, boundary length and
 * centroid, and the adjacency between them (adjacency.ts). The service layer loads the cells
 * (ST_AsGeoJSON) and the household counts; tests and the bench read the dataset files.
 */
import type { MultiPolygon, Polygon } from '../geo/geojson.ts';
import { unitAdjacency, type AdjacencyEdge, type AdjacencyOptions } from './adjacency.ts';
import type { PlanningUnit } from './graph.ts';

export interface UnitCell {
  id: string;
  geometry: Polygon | MultiPolygon;
  households: number;
  population: number;
}

export function planningInput(cells: readonly UnitCell[], options: AdjacencyOptions = {}): { units: PlanningUnit[]; adjacency: AdjacencyEdge[] } {
  const { edges, measures } = unitAdjacency(cells.map((c) => ({ id: c.id, geometry: c.geometry })), options);
  const units = cells.map((c) => {
    const m = measures.get(c.id)!;
    return { id: c.id, households: c.households, population: c.population, centroid: m.centroid, areaM2: m.areaM2, perimeterM: m.perimeterM };
  });
  return { units, adjacency: edges };
}
