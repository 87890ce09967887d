/**
 * Incremental road changes (issue 4: the graph is "rebuilt incrementally when roads … change"):
 * a new graph from an old one minus some edges plus some new or changed ones, without reading or
 * projecting the unchanged roads again. Kept edges keep their local coordinates, costs and gate
 * windows; new edges are projected in the old graph's frame. The result equals
 * `buildWalkGraph(edges after the change, { origin: old.origin })` (tests/unit/walk-graph-splice).
 */
import { assemble, frameAt, type LocalEdge } from './walk-graph-assemble.ts';
import { checkEdge, checkedPenalties, localEdge, type RoadEdgeInput, type WalkGraph, type WalkGraphOptions } from './walk-graph.ts';

/**
 * @param remove ids of edges gone or changed (an id also in `add` is replaced; unknown ids are ignored)
 * @param add edges new or changed (non-walkable ones are left out, as in a build)
 */
export function spliceWalkGraph(g: WalkGraph, remove: Iterable<number>, add: readonly RoadEdgeInput[], options: Omit<WalkGraphOptions, 'origin'> = {}): WalkGraph {
  const penalties = checkedPenalties(options);
  const frame = frameAt(g.origin);
  const added = add.filter((e) => e.walkable).sort((a, b) => a.id - b.id);
  const gone = new Set(remove);
  added.forEach((e, i) => {
    checkEdge(e);
    if (i > 0 && added[i - 1].id === e.id) throw new Error(`road edge id ${e.id} repeats`);
    gone.add(e.id);
  });
  const windows = new Map(g.gates.map((gate) => [gate.edge, gate.windows]));
  const merged: LocalEdge[] = [];
  let j = 0;
  for (let i = 0; i < g.edgeCount; i++) {
    const id = g.edgeId[i];
    while (j < added.length && added[j].id < id) merged.push(localEdge(added[j++], frame, penalties));
    if (!gone.has(id)) merged.push(kept(g, i, windows.get(i) ?? null));
  }
  while (j < added.length) merged.push(localEdge(added[j++], frame, penalties));
  return assemble(merged, frame);
}

/** Edge i of g as it is, source end first (its interior read in place from g's geometry). */
function kept(g: WalkGraph, i: number, windows: [number, number][] | null): LocalEdge {
  const s = g.edgeSource[i];
  const t = g.edgeTarget[i];
  return {
    id: g.edgeId[i], source: g.nodeId[s], target: g.nodeId[t], lengthM: g.edgeLengthM[i], cost: g.edgeCost[i],
    ends: [g.nodeX[s], g.nodeY[s], g.nodeX[t], g.nodeY[t]],
    inner: g.geomXY, innerStart: g.geomOffset[i], innerCount: g.geomOffset[i + 1] - g.geomOffset[i], windows,
  };
}
