/**
 * Assembles the walking graph's typed arrays (layout in walk-graph.ts) from edges already in local
 * metres: shared by a fresh build (`buildWalkGraph`, which projects its input first) and by a
 * splice (`spliceWalkGraph`, which reuses the kept edges' coordinates as they are), so that a
 * spliced graph is the graph a fresh build in the same frame would give.
 */
import { EARTH_RADIUS_M } from '../geo/distance.ts';
import { indexOfSorted, type Gate, type WalkGraph } from './walk-graph.ts';

/** The local equirectangular projection: origin [lon, lat] and metres per degree there. */
export interface Frame {
  origin: [number, number];
  mPerDegX: number;
  mPerDegY: number;
}

export function frameAt(origin: [number, number]): Frame {
  const mPerDegY = (EARTH_RADIUS_M * Math.PI) / 180;
  return { origin, mPerDegY, mPerDegX: mPerDegY * Math.cos((origin[1] * Math.PI) / 180) };
}

/** One edge in local metres. */
export interface LocalEdge {
  id: number;
  source: number;
  target: number;
  lengthM: number;
  /** Equivalent metres (length × penalty). */
  cost: number;
  /** First and last position (reversed here when the edge runs target → source). */
  ends: [number, number, number, number];
  /** Interior positions: `inner[2 * (innerStart + k)]`, `…+ 1` for k < innerCount, first to last. */
  inner: ArrayLike<number>;
  innerStart: number;
  innerCount: number;
  /** Closed windows, [from, to) minutes after midnight, or null. */
  windows: [number, number][] | null;
}

/** @param edges sorted by id, ids unique (callers check) */
export function assemble(edges: readonly LocalEdge[], frame: Frame): WalkGraph {
  const E = edges.length;
  const ids: number[] = [];
  for (const e of edges) ids.push(e.source, e.target);
  const nodeId = Int32Array.from(new Set(ids)).sort();
  const N = nodeId.length;
  const nodeX = new Float32Array(N).fill(NaN);
  const nodeY = new Float32Array(N).fill(NaN);
  const edgeSource = new Int32Array(E);
  const edgeTarget = new Int32Array(E);
  const geomOffset = new Int32Array(E + 1);
  const geomXY = new Float32Array(2 * edges.reduce((n, e) => n + e.innerCount, 0));
  const gates: Gate[] = [];
  const isGate = new Uint8Array(E);
  const d2 = (x: number, y: number, n: number) => (x - nodeX[n]) ** 2 + (y - nodeY[n]) ** 2;
  edges.forEach((e, i) => {
    const s = (edgeSource[i] = indexOfSorted(nodeId, e.source));
    const t = (edgeTarget[i] = indexOfSorted(nodeId, e.target));
    const [fx, fy, lx, ly] = e.ends;
    const { inner, innerStart: at, innerCount: m } = e;
    // Geometry should run source → target; trust a node placed by an earlier edge over that.
    const reversed = !Number.isNaN(nodeX[s]) ? d2(fx, fy, s) > d2(lx, ly, s) : !Number.isNaN(nodeX[t]) && d2(lx, ly, t) > d2(fx, fy, t);
    if (Number.isNaN(nodeX[s])) { nodeX[s] = reversed ? lx : fx; nodeY[s] = reversed ? ly : fy; }
    if (Number.isNaN(nodeX[t])) { nodeX[t] = reversed ? fx : lx; nodeY[t] = reversed ? fy : ly; }
    geomOffset[i + 1] = geomOffset[i] + m;
    for (let k = 0; k < m; k++) {
      const p = at + (reversed ? m - 1 - k : k);
      geomXY[2 * (geomOffset[i] + k)] = inner[2 * p];
      geomXY[2 * (geomOffset[i] + k) + 1] = inner[2 * p + 1];
    }
    if (e.windows) {
      gates.push({ edge: i, windows: e.windows });
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
    nodeCount: N, edgeCount: E, origin: frame.origin, mPerDegX: frame.mPerDegX, mPerDegY: frame.mPerDegY,
    nodeId, nodeX, nodeY, adjOffset, adjNode, adjEdge,
    edgeId: Int32Array.from(edges, (e) => e.id), edgeSource, edgeTarget,
    edgeLengthM: Float32Array.from(edges, (e) => e.lengthM),
    edgeCost: Float32Array.from(edges, (e) => e.cost),
    geomOffset, geomXY, gates, isGate,
  };
}
