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
import { inWindow, minuteOfDay, parseHhMm, type TimeWindow } from './time-windows.ts';
import { assemble, frameAt, type Frame, type LocalEdge } from './walk-graph-assemble.ts';

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
  /** [lon, lat] of the local projection's origin; default the centre of the edges' bounding box. */
  origin?: [number, number];
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
  const penalties = checkedPenalties(options);
  const kept = edges.filter((e) => e.walkable).sort((a, b) => a.id - b.id);
  kept.forEach((e, i) => {
    checkEdge(e);
    if (i > 0 && kept[i - 1].id === e.id) throw new Error(`road edge id ${e.id} repeats`);
  });
  const frame = frameAt(options.origin ?? centreOf(kept));
  return assemble(kept.map((e) => localEdge(e, frame, penalties)), frame);
}

export function checkedPenalties(options: WalkGraphOptions): Readonly<Record<string, number>> {
  const penalties = options.penalties ?? DEFAULT_PENALTIES;
  for (const [k, p] of Object.entries(penalties)) if (!(p > 0)) throw new Error(`penalty for ${k} is ${p}, must be > 0`);
  return penalties;
}

export function checkEdge(e: RoadEdgeInput): void {
  if (!isInt32(e.id) || !isInt32(e.source) || !isInt32(e.target)) throw new Error(`road edge ${e.id}: id, source and target must be int32`);
  if (!(e.lengthM >= 0) || e.coordinates.length < 2) throw new Error(`road edge ${e.id}: needs lengthM ≥ 0 and at least 2 positions`);
}

/** The centre of the edges' bounding box ([0, 0] when there are none). */
function centreOf(edges: readonly RoadEdgeInput[]): [number, number] {
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  for (const e of edges) {
    for (const [x, y] of e.coordinates) {
      west = Math.min(west, x); east = Math.max(east, x); south = Math.min(south, y); north = Math.max(north, y);
    }
  }
  return edges.length > 0 ? [(west + east) / 2, (south + north) / 2] : [0, 0];
}

/** An input edge in the graph's local metres (cost = length × penalty of its `highway`). */
export function localEdge(e: RoadEdgeInput, frame: Frame, penalties: Readonly<Record<string, number>>): LocalEdge {
  const xy = new Float64Array(2 * e.coordinates.length);
  e.coordinates.forEach((p, k) => {
    xy[2 * k] = (p[0] - frame.origin[0]) * frame.mPerDegX;
    xy[2 * k + 1] = (p[1] - frame.origin[1]) * frame.mPerDegY;
  });
  const n = e.coordinates.length;
  return {
    id: e.id, source: e.source, target: e.target, lengthM: e.lengthM, cost: e.lengthM * (penalties[e.highway] ?? 1),
    ends: [xy[0], xy[1], xy[2 * n - 2], xy[2 * n - 1]], inner: xy, innerStart: 1, innerCount: n - 2,
    windows: e.closedWindows && e.closedWindows.length > 0 ? e.closedWindows.map((w) => [parseHhMm(w.from), parseHhMm(w.to)]) : null,
  };
}

/** [lon, lat] → local [x, y] metres. */
export function toLocal(g: WalkGraph, p: Position): [number, number] {
  return [(p[0] - g.origin[0]) * g.mPerDegX, (p[1] - g.origin[1]) * g.mPerDegY];
}

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

/** Local [x, y] metres → [lon, lat] rounded to 7 decimals (~1 cm, the data format's precision). */
export function toLonLat(g: WalkGraph, x: number, y: number): Position {
  return [round7(g.origin[0] + x / g.mPerDegX), round7(g.origin[1] + y / g.mPerDegY)];
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
