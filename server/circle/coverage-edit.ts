/**
 * "What if" station edits on a coverage result (issue 4: drag, add or remove a station and see
 * coverage change at once). The node field is updated incrementally (dijkstra.ts), and only the
 * buildings next to a node whose label changed, or on the edited station's own edge, are
 * re-evaluated. The result equals a full `networkCoverage` with the edited station list.
 */
import { addSource, moveSource, removeSource, type SourcePoint } from './dijkstra.ts';
import { evaluateBuilding, sourcesByEdge, type AccessPoints, type CoverageResult } from './coverage.ts';
import type { WalkGraph } from './walk-graph.ts';

export type StationEdit =
  | { op: 'add'; station: SourcePoint; index?: number }
  | { op: 'remove'; index: number }
  | { op: 'move'; index: number; station: SourcePoint };

interface EdgeIndex {
  /** Access points on edge e: `items[offset[e]]` … `items[offset[e + 1] − 1]`, as building indices. */
  offset: Int32Array;
  items: Int32Array;
}

const edgeIndexes = new WeakMap<AccessPoints, EdgeIndex>();

/** Buildings by the edges their access points lie on (built once per access set, cached). */
function buildingsByEdge(g: WalkGraph, access: AccessPoints): EdgeIndex {
  let idx = edgeIndexes.get(access);
  if (idx) return idx;
  const offset = new Int32Array(g.edgeCount + 1);
  for (let a = 0; a < access.edge.length; a++) offset[access.edge[a] + 1]++;
  for (let e = 0; e < g.edgeCount; e++) offset[e + 1] += offset[e];
  const fill = offset.slice(0, g.edgeCount);
  const items = new Int32Array(access.edge.length);
  for (let b = 0; b + 1 < access.offset.length; b++) {
    for (let a = access.offset[b]; a < access.offset[b + 1]; a++) items[fill[access.edge[a]]++] = b;
  }
  edgeIndexes.set(access, (idx = { offset, items }));
  return idx;
}

/**
 * Applies one station edit to `r` in place and returns the station's index (for `add`, the new
 * slot). Returns how many buildings were re-evaluated, for benchmarks.
 */
export function editStation(g: WalkGraph, r: CoverageResult, access: AccessPoints, edit: StationEdit): { index: number; reevaluated: number } {
  const { field } = r;
  const search = field.search;
  const edges = new Set<number>();
  search.changes = [];
  let index: number;
  try {
    if (edit.op === 'add') {
      index = addSource(field, edit.station, edit.index);
      edges.add(edit.station.edge);
    } else {
      const old = field.sources[edit.index];
      if (old) edges.add(old.edge);
      if (edit.op === 'remove') removeSource(field, edit.index);
      else { moveSource(field, edit.index, edit.station); edges.add(edit.station.edge); }
      index = edit.index;
    }
    for (const n of search.changes) {
      for (let k = g.adjOffset[n]; k < g.adjOffset[n + 1]; k++) edges.add(g.adjEdge[k]);
    }
  } finally {
    search.changes = null;
  }
  const byEdge = buildingsByEdge(g, access);
  const onEdge = sourcesByEdge(field);
  const done = new Set<number>();
  for (const e of edges) {
    for (let i = byEdge.offset[e]; i < byEdge.offset[e + 1]; i++) {
      const b = byEdge.items[i];
      if (!done.has(b)) { done.add(b); evaluateBuilding(g, r, access, b, onEdge); }
    }
  }
  return { index, reevaluated: done.size };
}
