/**
 * Grid planning (网格划分, issue 8): the pure core. No database, no HTTP; the service layer loads
 * unit cells and household counts, calls these functions, and stores drafts and plans.
 *
 * Units: lengths in metres, areas in m², coordinates [lon, lat] WGS84; households and persons
 * are counts. Grids are sets of whole units (楼栋/基础治理单元); a plan is a Map unit id → grid id.
 *
 * Input
 *   unitAdjacency(cells, { minSharedM = 1, toleranceM = 0.5, roads, majorHighways, roadDistanceM = 15, roadFactor = 0.25 })
 *       → { edges: [{ a, b, sharedM, weight }], measures: Map id → { areaM2, perimeterM, centroid } }
 *       shared boundaries matched segment to segment (T-junctions count, corners do not); a
 *       boundary along a major road (or between units a major road separates) weighs roadFactor
 *   planningInput(cells with households/population, options) → { units: PlanningUnit[], adjacency }
 * Proposal
 *   proposeGrids({ units, adjacency, band = [200, 400], target = 300, targetWeight = 0.1,
 *                  current?, mode = 'fresh' | 'least_change', communityOf? })
 *       → { valid, reason, message, issues: [{ reason, message, units, grid }], assignment, grids, kept }
 *       every unit assigned; grids contiguous on the adjacency graph; in band wherever the input
 *       allows; compact (Polsby–Popper on the road-weighted boundary); least change keeps a valid
 *       plan whole and repairs an invalid one with few moves (without `current` it is fresh)
 * Quality (live panel, publish check, bench)
 *   planQuality({ units, adjacency, assignment, band, target, unitBand = [20, 30] })
 *       → { valid, reason, issues, grids: [{ id, households, population, units, band, deviation,
 *           pieces, areaM2, perimeterM, polsbyPopper }], summary: { grids, households, gridsInBand,
 *           shareInBand, meanPolsbyPopper, minPolsbyPopper, meanAbsDeviation, islands,
 *           unassignedUnits, unitsOutsideUnitBand } }
 * Codes and crosswalk (publish)
 *   gridPoints(units, assignment) → [{ id, centroid, areaM2 }]
 *   cjtOrder(grids, rowHeightM?)  west → east, north → south (rows: half a typical grid side)
 *   gridCodes(communityCode, grids) → { valid, reason, message, codes: Map grid id → 14-digit code }
 *   crosswalk(before, after, households?) → { units: [{ unit, households, from, to, moved }],
 *       grids: [{ from, to, units, households }], successor: Map old → new }
 *   householdCrosswalk(units, households [{ code, unit }]) → per household { from, to, moved }
 * Reasons: PLANNING_REASONS (reasons.ts), one message function each in MESSAGES.
 */
export * from './adjacency.ts';
export * from './input.ts';
export * from './graph.ts';
export * from './measure.ts';
export * from './partition.ts';
export * from './quality.ts';
export * from './codes.ts';
export * from './reasons.ts';
