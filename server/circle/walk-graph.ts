/**
 * The in-memory walking graph, in compact typed arrays (issue 4 "The walking network").
 *
 * Built from the noded road edges of roads.geojson (docs/DATA-FORMAT.md): only `walkable` edges
 * are kept; the `walkable` flag is the data's word (the data builders mark trunk and motorway
 * roads and road tunnels as not walkable). Major roads are walked along their sides and crossed
 * only at their junctions, and bridges and tunnels touch the rest only at their ends: that is
 * what a noded graph gives, nothing more is needed here.
 *
 * Layout (N nodes, E edges, V interior vertices):
 * - nodes sorted by their data id: `nodeId` Int32, `nodeX`/`nodeY` Float32 local metres;
 * - edges sorted by their data id: `edgeId`, `edgeSource`, `edgeTarget` Int32 (node indices),
 *   `edgeLengthM` and `edgeCost` Float32 (cost = length × penalty, in equivalent metres);
 * - CSR adjacency, each edge listed from both ends: `adjOffset` (N+1), `adjNode`, `adjEdge` (2E);
 * - geometry between the two end nodes: `geomOffset` (E+1) into `geomXY` (2V, x/y interleaved).
 * Coordinates are a local equirectangular projection around `origin` (metres east/north):
 * exact in y, within 0.1 % in x over ±10 km, which is plenty for snapping and fractions.
 * About 50 bytes per edge on street networks; see `graphBytes`.
 */
import type { Position } from '../geo/geojson.ts';
import { EARTH_RADIUS_M } from '../geo/distance.ts';
import { inWindow, minuteOfDay, parseHhMm, type TimeWindow } from './time-windows.ts';

export interface RoadEdgeInput {
  id: number;
  source: number;
  target: number;
  /** Metres along the line. */
  lengthM: number;
  highway: string;
  walkable: boolean;
  bridge?: boolean;
  tunnel?: boolean;
  /** [lon, lat] positions; expected from source to target (reversed here when it is not). */
  coordinates: Position[];
  /** Daily windows when this edge (a gate) is closed to walkers. */
  closedWindows?: TimeWindow[] | null;
}

export interface WalkGraphOptions {
  /** Cost multiplier per `highway` value (≥ 1 keeps costs ≥ lengths). Default `DEFAULT_PENALTIES`. */
  penalties?: Readonly<Record<string, number>>;
}

/** Steps cost 1.5× their length: a stair flight is slower than level walking (and harder for elders). */
export const DEFAULT_PENALTIES: Readonly<Record<string, number>> = Object.freeze({ steps: 1.5 });

export interface Gate {
  edge: number;
  /** [from, to) minutes after midnight. */
  windows: [number, number][];
}

export interface WalkGraph {
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** [lon, lat] of the local projection's origin, and metres per degree there. */
  readonly origin: [number, number];
  readonly mPerDegX: number;
  readonly mPerDegY: number;
  readonly nodeId: Int32Array;
  readonly nodeX: Float32Array;
  readonly nodeY: Float32Array;
  readonly adjOffset: Int32Array;
  readonly adjNode: Int32Array;
  readonly adjEdge: Int32Array;
  readonly edgeId: Int32Array;
  readonly edgeSource: Int32Array;
  readonly edgeTarget: Int32Array;
  readonly edgeLengthM: Float32Array;
  readonly edgeCost: Float32Array;
  readonly geomOffset: Int32Array;
  readonly geomXY: Float32Array;
  /** Edges with closing windows (few: compound gates). */
  readonly gates: readonly Gate[];
  /** 1 for gate edges, which connectors never snap to (a gate is a passage, not a frontage). */
  readonly isGate: Uint8Array;
}

const isInt32 = (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31;

/** Binary search in an ascending Int32Array; −1 when absent. */
export function indexOfSorted(arr: Int32Array, v: number): number {
  let lo = 0;
  let hi = arr.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid] < v) lo = mid + 1;
    else if (arr[mid] > v) hi = mid - 1;
    else return mid;
  }
  return -1;
}

export const nodeIndexOf = (g: WalkGraph, id: number) => indexOfSorted(g.nodeId, id);
export const edgeIndexOf = (g: WalkGraph, id: number) => indexOfSorted(g.edgeId, id);

/** Builds the walking graph. Throws, naming the edge, on ids that repeat or do not fit in int32. */
export function buildWalkGraph(edges: readonly RoadEdgeInput[], options: WalkGraphOptions = {}): WalkGraph {
  const penalties = options.penalties ?? DEFAULT_PENALTIES;
  for (const [k, p] of Object.entries(penalties)) if (!(p > 0)) throw new Error(`penalty for ${k} is ${p}, must be > 0`);
  const kept = edges.filter((e) => e.walkable).sort((a, b) => a.id - b.id);
  const E = kept.length;
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  const ids: number[] = [];
  kept.forEach((e, i) => {
    if (!isInt32(e.id) || !isInt32(e.source) || !isInt32(e.target)) throw new Error(`road edge ${e.id}: id, source and target must be int32`);
    if (i > 0 && kept[i - 1].id === e.id) throw new Error(`road edge id ${e.id} repeats`);
    if (!(e.lengthM >= 0) || e.coordinates.length < 2) throw new Error(`road edge ${e.id}: needs lengthM ≥ 0 and at least 2 positions`);
    ids.push(e.source, e.target);
    for (const [x, y] of e.coordinates) {
      west = Math.min(west, x); east = Math.max(east, x); south = Math.min(south, y); north = Math.max(north, y);
    }
  });
  const nodeId = Int32Array.from(new Set(ids)).sort();
  const N = nodeId.length;
  const origin: [number, number] = E > 0 ? [(west + east) / 2, (south + north) / 2] : [0, 0];
  const mPerDegY = (EARTH_RADIUS_M * Math.PI) / 180;
  const mPerDegX = mPerDegY * Math.cos((origin[1] * Math.PI) / 180);
  const px = (p: Position) => (p[0] - origin[0]) * mPerDegX;
  const py = (p: Position) => (p[1] - origin[1]) * mPerDegY;

  const nodeX = new Float32Array(N).fill(NaN);
  const nodeY = new Float32Array(N).fill(NaN);
  const edgeSource = new Int32Array(E);
  const edgeTarget = new Int32Array(E);
  const geomOffset = new Int32Array(E + 1);
  const geomXY = new Float32Array(2 * kept.reduce((n, e) => n + e.coordinates.length - 2, 0));
  const gates: Gate[] = [];
  const isGate = new Uint8Array(E);
  const d2 = (p: Position, n: number) => (px(p) - nodeX[n]) ** 2 + (py(p) - nodeY[n]) ** 2;
  kept.forEach((e, i) => {
    const s = (edgeSource[i] = indexOfSorted(nodeId, e.source));
    const t = (edgeTarget[i] = indexOfSorted(nodeId, e.target));
    const c = e.coordinates;
    const first = c[0];
    const last = c[c.length - 1];
    // Geometry should run source → target; trust a node placed by an earlier edge over that.
    const reversed = !Number.isNaN(nodeX[s]) ? d2(first, s) > d2(last, s) : !Number.isNaN(nodeX[t]) && d2(last, t) > d2(first, t);
    const [a, b] = reversed ? [last, first] : [first, last];
    if (Number.isNaN(nodeX[s])) { nodeX[s] = px(a); nodeY[s] = py(a); }
    if (Number.isNaN(nodeX[t])) { nodeX[t] = px(b); nodeY[t] = py(b); }
    geomOffset[i + 1] = geomOffset[i] + c.length - 2;
    for (let k = 1; k < c.length - 1; k++) {
      const p = c[reversed ? c.length - 1 - k : k];
      geomXY[2 * (geomOffset[i] + k - 1)] = px(p);
      geomXY[2 * (geomOffset[i] + k - 1) + 1] = py(p);
    }
    if (e.closedWindows && e.closedWindows.length > 0) {
      gates.push({ edge: i, windows: e.closedWindows.map((w) => [parseHhMm(w.from), parseHhMm(w.to)]) });
      isGate[i] = 1;
    }
  });

  const adjOffset = new Int32Array(N + 1);
  for (let i = 0; i < E; i++) { adjOffset[edgeSource[i] + 1]++; adjOffset[edgeTarget[i] + 1]++; }
  for (let n = 0; n < N; n++) adjOffset[n + 1] += adjOffset[n];
  const fill = adjOffset.slice(0, N);
  const adjNode = new Int32Array(2 * E);
  const adjEdge = new Int32Array(2 * E);
  for (let i = 0; i < E; i++) {
    const s = edgeSource[i];
    const t = edgeTarget[i];
    adjNode[fill[s]] = t; adjEdge[fill[s]++] = i;
    adjNode[fill[t]] = s; adjEdge[fill[t]++] = i;
  }
  return {
    nodeCount: N, edgeCount: E, origin, mPerDegX, mPerDegY, nodeId, nodeX, nodeY, adjOffset, adjNode, adjEdge,
    edgeId: Int32Array.from(kept, (e) => e.id), edgeSource, edgeTarget,
    edgeLengthM: Float32Array.from(kept, (e) => e.lengthM),
    edgeCost: Float32Array.from(kept, (e) => e.lengthM * (penalties[e.highway] ?? 1)),
    geomOffset, geomXY, gates, isGate,
  };
}

/** [lon, lat] → local [x, y] metres. */
export function toLocal(g: WalkGraph, p: Position): [number, number] {
  return [(p[0] - g.origin[0]) * g.mPerDegX, (p[1] - g.origin[1]) * g.mPerDegY];
}

/** Local [x, y] metres → [lon, lat] rounded to 7 decimals (~1 cm, the data format's precision). */
export function toLonLat(g: WalkGraph, x: number, y: number): Position {
  const r = (v: number) => Math.round(v * 1e7) / 1e7;
  return [r(g.origin[0] + x / g.mPerDegX), r(g.origin[1] + y / g.mPerDegY)];
}

/**
 * The edges closed at a moment (a Date, read on the China clock, or minutes after midnight):
 * 1 = closed. `null` when no gate is closed then, so searches skip the check.
 */
export function closedAt(g: WalkGraph, at: Date | number | null | undefined): Uint8Array | null {
  if (at === null || at === undefined || g.gates.length === 0) return null;
  const t = minuteOfDay(at);
  let mask: Uint8Array | null = null;
  for (const gate of g.gates) {
    if (gate.windows.some(([from, to]) => inWindow(from, to, t))) (mask ??= new Uint8Array(g.edgeCount))[gate.edge] = 1;
  }
  return mask;
}

/** Bytes held by the graph's typed arrays (the gate list aside: a few objects). */
export function graphBytes(g: WalkGraph): number {
  return [g.nodeId, g.nodeX, g.nodeY, g.adjOffset, g.adjNode, g.adjEdge, g.edgeId, g.edgeSource, g.edgeTarget,
    g.edgeLengthM, g.edgeCost, g.geomOffset, g.geomXY, g.isGate].reduce((s, a) => s + a.byteLength, 0);
}

/**
 * The same graph with another set of gate closings (a gate marked or removed): the arrays are
 * shared, only the gate list and mask are new, so a gate edit does not rebuild the network.
 * Gates on edges the graph does not hold (not walkable) are ignored, as in `buildWalkGraph`.
 */
export function withGates(g: WalkGraph, closings: readonly { edgeId: number; windows: readonly { from: string; to: string }[] }[]): WalkGraph {
  const windows = new Map<number, [number, number][]>();
  for (const c of closings) {
    const i = edgeIndexOf(g, c.edgeId);
    if (i < 0 || c.windows.length === 0) continue;
    const list = windows.get(i) ?? [];
    for (const w of c.windows) list.push([parseHhMm(w.from), parseHhMm(w.to)]);
    windows.set(i, list);
  }
  const isGate = new Uint8Array(g.edgeCount);
  const gates: Gate[] = [...windows.entries()].sort((a, b) => a[0] - b[0]).map(([edge, w]) => {
    isGate[edge] = 1;
    return { edge, windows: w };
  });
  return { ...g, gates, isGate };
}
