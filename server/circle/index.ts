/**
 * The 10-minute service circle (10分钟党群服务圈, issue 4): the pure core. No database, no HTTP;
 * the service layer (circle.network.ts) loads roads, buildings and stations, keeps graphs per street and
 * calls these functions.
 *
 * Units: distances in metres (the walking "distance" is a cost in equivalent metres: length ×
 * penalty, steps 1.5×), times in minutes, speeds in km/h, coordinates [lon, lat] WGS84.
 *
 * Graph
 *   buildWalkGraph(edges, { penalties, origin }) walkable edges → CSR typed arrays (walk-graph.ts)
  spliceWalkGraph(graph, removeIds, addEdges)  the same graph after a road change, without a rebuild
  withGates(graph, closings)                  the same arrays with another gate list
 *   closedAt(graph, at)                         edges closed at a moment (gates, windows past midnight)
 *   graphBytes(graph), snapIndexBytes(graph)    memory
 *   roadEdgesFromFeatures, buildingsFromFeatures  dataset GeoJSON → inputs (geojson-input.ts)
 * Connectors
 *   snapPoint(graph, p) / snapPoints(graph, ps)  → Snap { edge, edgeId, t, connectorM, point, from } | null
 *   prepareAccess(graph, buildings)             entrances (else centroid) of every building, snapped
 * Search
 *   multiSource(graph, sources, { maxM, closed })  → SourceField { dist, nearest } per node
 *   addSource / removeSource / moveSource(field, …) incremental "what if" edits, equal to a full run
 *   route(graph, from, to, { closed })          → { lengthM, costM, coordinates, edgeIds } | null
 * Coverage
 *   networkCoverage(graph, access, stations, { minutes = 10, speedKmh = 4.5, presetM, at, limitM })
 *       → per building distM, timeMin, nearest, covered (+ the field, for incremental edits)
 *   editStation(graph, result, access, { op: add|remove|move, … })  "what if", in place, incremental
 *   evaluate(graph, field, access, thresholdM, speedKmh)  re-read all buildings from a field
 *   straightLineCoverage(graph, buildings, stationPoints, radiusM)  haversine, from the same doors
 *   aggregateByArea(buildings, values, areaOf, worstN)  households/population covered, shares, worst
 *   SPEED_DEFAULT_KMH 4.5, SPEED_ELDERS_KMH 3.6, GB50180_PRESETS_M { 5min 300, 10min 500, 15min 1000 }
 * Isochrones
 *   isochrones(graph, station(s), { minutes = [5,10,15], speedKmh, at, bufferM = 30, cellM = 3 })
 *       → one MultiPolygon Feature per band (nested), from the reached edges cut at the exact
 *         remaining distance, buffered 30 m (outline.ts: distance field + marching squares)
 *   reachedLines(graph, sources, budgetM, closed)  the reached network itself
 * Siting (maximal covering location)
 *   coverSets(graph, access, candidates, budgetM, { closed, alreadyCovered })  buildings per candidate
 *   site({ sets, weights, k })        greedy + local search + bounded branch-and-bound polish
 *       → { picks [{ candidate, gain }], covered, curve[k], optimal }
 *   siteGreedy(problem)               the heuristic alone;  siteExact(problem)  the optimum (small)
 *
 * Stations that do not count at the query (closed at that hour, other kinds, upper floor without
 * a lift when "accessible only") are left out by the caller: pass `null` in their slot.
 */
export * from './walk-graph.ts';
export * from './walk-graph-splice.ts';
export * from './time-windows.ts';
export * from './edge-geometry.ts';
export * from './snap.ts';
export * from './dijkstra.ts';
export * from './route.ts';
export * from './coverage.ts';
export * from './coverage-edit.ts';
export * from './aggregate.ts';
export * from './isochrone.ts';
export * from './outline.ts';
export * from './siting.ts';
export * from './siting-search.ts';
export * from './siting-exact.ts';
export * from './geojson-input.ts';
