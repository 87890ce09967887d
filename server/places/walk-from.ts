/**
 * The k places nearest ON FOOT from one point, with ONE bounded Dijkstra (the finder, issue 6):
 * the user's snapped point seeds both ends of its edge; when a node is settled, every place
 * snapped to an edge at that node gets a walking cost through it; the search stops as soon as
 * the next node to settle is no nearer than the k-th best place found (nothing unsettled can
 * beat it), or at the bound. Routes are read back from the predecessor edges.
 * Pure, on circle's walking graph (walk-graph.ts, heap.ts); costs are equivalent metres (steps
 * count 1.5×), as in the service circle. Checked against circle's single-pair `route`.
 */
import type { Position } from '../geo/geojson.ts';
import { NodeHeap } from '../circle/heap.ts';
import { tracePath, type Snap, type WalkGraph } from '../circle/index.ts';

/** Per-node state, reused between searches on one graph (reset in O(reached)). */
class State {
  readonly dist: Float64Array;
  readonly pred: Int32Array;
  readonly heap: NodeHeap;
  /** First target entry at each node (−1: none); entries chain through `entryNext`. */
  readonly firstEntry: Int32Array;
  private touched: number[] = [];
  /** Entry e = 2 × target + end (0: the edge's source node, 1: its target node). */
  entryNext = new Int32Array(64);
  /** Nodes with target entries, to clear `firstEntry` at the next reset. */
  entryNodes: number[] = [];
  /** Scratch for the k-th smallest cost. */
  sorted = new Float64Array(32);
  constructor(readonly g: WalkGraph) {
    this.dist = new Float64Array(g.nodeCount).fill(Infinity);
    this.pred = new Int32Array(g.nodeCount).fill(-1);
    this.heap = new NodeHeap(g.nodeCount, this.dist);
    this.firstEntry = new Int32Array(g.nodeCount).fill(-1);
  }
  reset(targets: number): void {
    for (const n of this.touched) { this.dist[n] = Infinity; this.pred[n] = -1; }
    this.touched = [];
    this.heap.clear();
    for (const n of this.entryNodes) this.firstEntry[n] = -1;
    this.entryNodes = [];
    if (this.entryNext.length < 2 * targets) this.entryNext = new Int32Array(4 * targets);
    if (this.sorted.length < targets) this.sorted = new Float64Array(2 * targets);
  }
  offer(n: number, d: number, e: number): void {
    if (!(d < this.dist[n])) return;
    if (this.dist[n] === Infinity) this.touched.push(n);
    this.dist[n] = d;
    this.pred[n] = e;
    this.heap.pushOrUpdate(n);
  }
  /** Registers entry `e` at `node`. */
  enter(node: number, e: number): void {
    if (this.firstEntry[node] < 0) this.entryNodes.push(node);
    this.entryNext[e] = this.firstEntry[node];
    this.firstEntry[node] = e;
  }
  /** The k-th smallest of `costs` (Infinity when there are fewer than k). */
  kth(costs: Float64Array, k: number): number {
    const n = costs.length;
    if (k > n) return Infinity;
    const s = this.sorted.subarray(0, n);
    s.set(costs);
    s.sort();
    return s[k - 1];
  }
}

const states = new WeakMap<WalkGraph, State>();

/** 0 = along the user's own edge, 1 = through the edge's source node, 2 = through its target node. */
type Via = 0 | 1 | 2;

export interface Nearest {
  /** Walking cost per target (same order); final for the k best, Infinity for targets not reached or not needed. */
  readonly costs: Float64Array;
  readonly via: Uint8Array;
  readonly from: Snap;
  readonly targets: readonly (Snap | null)[];
  readonly state: State;
}

/**
 * Walking costs from `from` to the `k` nearest targets (ties may add a few), within `maxM`.
 * The result shares per-graph scratch state: read it (costs, `pathTo`) before the next call on the
 * same graph, i.e. before awaiting anything.
 * @param closed edges closed at the moment of the walk (`closedAt`), or null
 */
export function nearestOnFoot(g: WalkGraph, from: Snap, targets: readonly (Snap | null)[], k: number, maxM: number, closed: Uint8Array | null): Nearest {
  let st = states.get(g);
  if (!st) states.set(g, (st = new State(g)));
  const n = targets.length;
  st.reset(n);
  const costs = new Float64Array(n).fill(Infinity);
  const via = new Uint8Array(n);
  const { edgeSource, edgeTarget, edgeCost, adjOffset, adjEdge, adjNode } = g;
  // Targets hang off both end nodes of their edge (plain loops: this runs on every request).
  for (let i = 0; i < n; i++) {
    const t = targets[i];
    if (!t || (closed !== null && closed[t.edge] !== 0)) continue;
    st.enter(edgeSource[t.edge], 2 * i);
    st.enter(edgeTarget[t.edge], 2 * i + 1);
    if (t.edge === from.edge) costs[i] = from.connectorM + Math.abs(from.t - t.t) * edgeCost[t.edge] + t.connectorM;
  }
  // The k-th smallest cost found so far: no unsettled node can lead to a cheaper place than it.
  // Costs only fall, so it changes only when a cost falls below it.
  let bound = st.kth(costs, k);
  if (closed === null || closed[from.edge] === 0) {
    const c = edgeCost[from.edge];
    st.offer(edgeSource[from.edge], from.connectorM + from.t * c, -1);
    st.offer(edgeTarget[from.edge], from.connectorM + (1 - from.t) * c, -1);
  }
  const { dist, heap, firstEntry, entryNext } = st;
  while (heap.size > 0) {
    const u = heap.pop();
    const du = dist[u];
    if (du > bound || du > maxM) break; // ties with the k-th still settle, so equal places all count
    for (let e = firstEntry[u]; e >= 0; e = entryNext[e]) {
      const i = e >> 1;
      const t = targets[i]!;
      const fromSource = edgeSource[t.edge] === u;
      const d = du + (fromSource ? t.t : 1 - t.t) * edgeCost[t.edge] + t.connectorM;
      if (d < costs[i]) {
        costs[i] = d;
        via[i] = fromSource ? 1 : 2;
        if (d < bound) bound = st.kth(costs, k);
      }
    }
    for (let a = adjOffset[u]; a < adjOffset[u + 1]; a++) {
      const e = adjEdge[a];
      if (closed !== null && closed[e] !== 0) continue;
      const d = du + edgeCost[e];
      if (d <= maxM) st.offer(adjNode[a], d, e);
    }
  }
  // Only what is final: costs within the bound, and (when stopped early) no worse than the k-th.
  for (let i = 0; i < n; i++) if (costs[i] > maxM || costs[i] > bound) costs[i] = Infinity;
  return { costs, via, from, targets, state: st };
}

/** The walked line from the point to target `i` ([lon, lat], connectors included) and its length in metres. */
export function pathTo(r: Nearest, i: number): { coordinates: Position[]; lengthM: number } | null {
  const to = r.targets[i];
  if (!to || !(r.costs[i] < Infinity)) return null;
  const { g, pred } = r.state;
  const { coordinates, lengthM } = tracePath(g, pred, r.from, to, r.via[i] as 0 | 1 | 2);
  return { coordinates, lengthM };
}
