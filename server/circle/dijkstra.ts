/**
 * Bounded multi-source Dijkstra on the walking graph (issue 4 "Coverage": one search from all
 * stations at once, not one per station), with incremental updates for "what if" edits.
 *
 * A source is a snapped point: it enters the graph at both ends of its edge, at its connector
 * length plus the cost of the partial edge to that end. Every node gets the distance (equivalent
 * metres) to its nearest source and that source's index; ties go to the lower index, so the
 * result is one well-defined labelling and incremental updates can reproduce it exactly.
 * Nodes farther than `maxM` stay at Infinity with nearest −1.
 */
import { NodeHeap } from './heap.ts';
import type { WalkGraph } from './walk-graph.ts';

/** Where a source (or any point) joins the network: a `Snap` satisfies this. */
export interface SourcePoint {
  edge: number;
  /** Fraction along the edge from its source node. */
  t: number;
  connectorM: number;
}

/** One search's state: distance, nearest source and predecessor edge per node. */
export class Search {
  readonly dist: Float64Array;
  readonly label: Int32Array;
  /** Edge by which each node was reached, −1 at seeds. */
  readonly pred: Int32Array;
  private readonly heap: NodeHeap;
  private touched: Int32Array;
  private nTouched = 0;
  /** When set, every node whose label changes is appended (for incremental re-evaluation). */
  changes: number[] | null = null;

  /**
   * @param closed 1 per closed edge (see `closedAt`), or null
   * @param maxM search bound, equivalent metres
   * @param track remember reached nodes so `clear` and `reached` cost O(reached), not O(N)
   */
  constructor(readonly g: WalkGraph, readonly closed: Uint8Array | null, readonly maxM: number, private readonly track = true) {
    this.dist = new Float64Array(g.nodeCount).fill(Infinity);
    this.label = new Int32Array(g.nodeCount).fill(-1);
    this.pred = new Int32Array(g.nodeCount).fill(-1);
    this.heap = new NodeHeap(g.nodeCount, this.dist);
    this.touched = new Int32Array(track ? 64 : 0);
  }

  /** Lowers node `n` to (`d`, `label`) when that is better (shorter, or as short from a lower index). */
  offer(n: number, d: number, label: number, predEdge: number): boolean {
    const old = this.dist[n];
    if (d > this.maxM || d > old || (d === old && label >= this.label[n])) return false;
    if (old === Infinity && this.track) {
      if (this.nTouched === this.touched.length) {
        const grown = new Int32Array(this.touched.length * 2);
        grown.set(this.touched);
        this.touched = grown;
      }
      this.touched[this.nTouched++] = n;
    }
    this.dist[n] = d;
    this.label[n] = label;
    this.pred[n] = predEdge;
    this.changes?.push(n);
    this.heap.pushOrUpdate(n);
    return true;
  }

  /** Seeds both ends of a source's edge. A source on a closed edge seeds nothing. */
  seed(label: number, s: SourcePoint): void {
    if (this.closed?.[s.edge]) return;
    const c = this.g.edgeCost[s.edge];
    this.offer(this.g.edgeSource[s.edge], s.connectorM + s.t * c, label, -1);
    this.offer(this.g.edgeTarget[s.edge], s.connectorM + (1 - s.t) * c, label, -1);
  }

  /** Runs to exhaustion, or until every node of `stopWhenSettled` has been popped (final). */
  run(stopWhenSettled: readonly number[] = []): void {
    const { g, closed, dist, label, heap } = this;
    let waiting = stopWhenSettled.length;
    while (heap.size > 0) {
      const u = heap.pop();
      const du = dist[u];
      const lu = label[u];
      for (let k = g.adjOffset[u]; k < g.adjOffset[u + 1]; k++) {
        const e = g.adjEdge[k];
        if (closed !== null && closed[e] === 1) continue;
        this.offer(g.adjNode[k], du + g.edgeCost[e], lu, e);
      }
      if (waiting > 0 && stopWhenSettled.includes(u) && --waiting === 0) break;
    }
  }

  /** Nodes reached since the last `clear` (tracked searches only; may repeat after removals). */
  reached(): Int32Array {
    return this.touched.subarray(0, this.nTouched);
  }

  /** Resets to the empty state in O(reached). */
  clear(): void {
    if (!this.track) throw new Error('clear() needs a tracked search');
    for (let i = 0; i < this.nTouched; i++) {
      const n = this.touched[i];
      this.dist[n] = Infinity;
      this.label[n] = -1;
      this.pred[n] = -1;
    }
    this.nTouched = 0;
    this.heap.clear();
  }

  bytes(): number {
    return this.dist.byteLength + this.label.byteLength + this.pred.byteLength + this.heap.bytes() + this.touched.byteLength;
  }
}

/** Distances from a set of sources; `sources[i] === null` marks a removed source (indices stay). */
export interface SourceField {
  readonly dist: Float64Array;
  /** Index of the nearest source per node, −1 when beyond `maxM`. */
  readonly nearest: Int32Array;
  readonly sources: (SourcePoint | null)[];
  readonly maxM: number;
  readonly closed: Uint8Array | null;
  readonly search: Search;
}

export interface FieldOptions {
  /** Search bound, equivalent metres. */
  maxM: number;
  /** Closed edges at the query moment (`closedAt`), or null. */
  closed?: Uint8Array | null;
}

/** One bounded search from all sources at once. */
export function multiSource(g: WalkGraph, sources: readonly (SourcePoint | null)[], options: FieldOptions): SourceField {
  const search = new Search(g, options.closed ?? null, options.maxM, false);
  sources.forEach((s, i) => s && search.seed(i, s));
  search.run();
  return { dist: search.dist, nearest: search.label, sources: [...sources], maxM: options.maxM, closed: search.closed, search };
}

/**
 * Adds a source (at the end, or into a removed slot) and relaxes only the nodes it brings
 * closer. Returns its index.
 */
export function addSource(field: SourceField, source: SourcePoint, index = field.sources.length): number {
  if (index < field.sources.length && field.sources[index] !== null) throw new Error(`source slot ${index} is in use`);
  field.sources[index] = source;
  field.search.seed(index, source);
  field.search.run();
  return index;
}

/**
 * Removes a source: only the nodes it was nearest to are recomputed, from the distances on the
 * border of that region and from the other sources' seeds.
 */
export function removeSource(field: SourceField, index: number): void {
  const { search, sources } = field;
  const { g, dist, label, pred, closed } = search;
  if (!sources[index]) throw new Error(`source ${index} does not exist`);
  const gone = sources[index]!;
  sources[index] = null;
  // The nodes it was nearest to are connected to its seed nodes through nodes of the same label
  // (each got its label from a neighbour holding it), so a walk from the seeds finds them all in
  // O(region) instead of a scan of the whole graph.
  const region: number[] = [];
  const take = (n: number) => {
    if (label[n] !== index) return;
    region.push(n);
    label[n] = -2; // visited; cleared below
  };
  take(g.edgeSource[gone.edge]);
  take(g.edgeTarget[gone.edge]);
  for (let i = 0; i < region.length; i++) {
    const u = region[i];
    for (let k = g.adjOffset[u]; k < g.adjOffset[u + 1]; k++) take(g.adjNode[k]);
  }
  for (const n of region) {
    search.changes?.push(n);
    dist[n] = Infinity;
    label[n] = -1;
    pred[n] = -1;
  }
  // Only a source whose seed node lies in the cleared region can have lost its seed distance
  // (elsewhere its offer would be refused as no better), so only those are seeded again.
  const reseed: number[] = [];
  sources.forEach((s, i) => {
    if (s && (label[g.edgeSource[s.edge]] === -1 || label[g.edgeTarget[s.edge]] === -1)) reseed.push(i);
  });
  for (const u of region) {
    for (let k = g.adjOffset[u]; k < g.adjOffset[u + 1]; k++) {
      const e = g.adjEdge[k];
      const v = g.adjNode[k];
      if ((closed === null || closed[e] === 0) && dist[v] < Infinity) search.offer(u, dist[v] + g.edgeCost[e], label[v], e);
    }
  }
  for (const i of reseed) search.seed(i, sources[i]!);
  search.run();
}

/** Moves source `index` to a new point (remove, then add into the same slot). */
export function moveSource(field: SourceField, index: number, source: SourcePoint): void {
  removeSource(field, index);
  addSource(field, source, index);
}
