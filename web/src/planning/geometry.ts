/**
 * Unit-cell geometry in the browser: the server's own pure modules (server/planning/measure.ts
 * and adjacency.ts), so the live panel and the server agree to the metre: a local equirectangular
 * projection about the scope's centre, cell area/perimeter/centroid, and unit adjacency from
 * boundary segments that run together (collinear within `toleranceM`) for more than `minSharedM`.
 * Corners touching at a point are not adjacent.
 */
export { measureShape, polsbyPopper, projectionFor, ringsOf, type LocalProjection, type ShapeMeasures } from '../../../server/planning/measure';
export { unitAdjacency, type AdjacencyEdge, type AdjacencyOptions, type UnitAdjacency, type UnitShape } from '../../../server/planning/adjacency';
