/**
 * Single-pair walking route ("walk from A to station S", `GET /api/circle/walk`): a Dijkstra
 * from A's snapped point that stops once both ends of S's edge are final.
 */
import type { Position } from '../geo/geojson.ts';
import { Search } from './dijkstra.ts';
import { slice } from './edge-geometry.ts';
import type { Snap } from './snap.ts';
import type { WalkGraph } from './walk-graph.ts';

export interface Route {
  /** Metres walked, connectors included. */
  lengthM: number;
  /** Equivalent metres (penalties applied): what coverage compares with its budget. */
  costM: number;
  /** From the start point through the network to the end point, [lon, lat]. */
  coordinates: Position[];
  /** Data ids of the edges walked, in order (partial ones included). */
  edgeIds: number[];
}

export interface RouteOptions {
  closed?: Uint8Array | null;
  /** Give up beyond this cost (equivalent metres); default unbounded. */
  maxM?: number;
}

/** The shortest walk from `from` to `to`, or null when none exists (within `maxM`). */
export function route(g: WalkGraph, from: Snap, to: Snap, options: RouteOptions = {}): Route | null {
  const closed = options.closed ?? null;
  const search = new Search(g, closed, options.maxM ?? Infinity);
  search.seed(0, from);
  const a = g.edgeSource[to.edge];
  const b = g.edgeTarget[to.edge];
  search.run([a, b]);
  const c = g.edgeCost[to.edge];
  const viaA = search.dist[a] + to.t * c + to.connectorM;
  const viaB = search.dist[b] + (1 - to.t) * c + to.connectorM;
  const direct = from.edge === to.edge && !closed?.[to.edge] ? from.connectorM + Math.abs(from.t - to.t) * c + to.connectorM : Infinity;
  const costM = Math.min(viaA, viaB, direct);
  // Unreachable (Infinity ≤ Infinity would pass the bound check) or beyond the bound: no route.
  if (!Number.isFinite(costM) || !(costM <= (options.maxM ?? Infinity))) return null;

  return { ...tracePath(g, search.pred, from, to, direct === costM ? 0 : viaA === costM ? 1 : 2), costM };
}

/**
 * The walked line from `from` to `to` given the search's predecessor edges. `via`: 0 = both points
 * on one edge and the walk stays on it; 1 / 2 = the walk enters `to`'s edge at its source / target.
 */
export function tracePath(g: WalkGraph, pred: Int32Array, from: Snap, to: Snap, via: 0 | 1 | 2): { lengthM: number; coordinates: Position[]; edgeIds: number[] } {
  const coords: Position[] = [from.from, from.point];
  let lengthM = from.connectorM + to.connectorM;
  const edgeIds: number[] = [];
  const walk = (e: number, t0: number, t1: number) => {
    coords.push(...slice(g, e, t0, t1));
    lengthM += Math.abs(t1 - t0) * g.edgeLengthM[e];
    if (edgeIds[edgeIds.length - 1] !== g.edgeId[e]) edgeIds.push(g.edgeId[e]);
  };
  if (via === 0) {
    walk(to.edge, from.t, to.t);
  } else {
    const edges: number[] = [];
    let n = via === 1 ? g.edgeSource[to.edge] : g.edgeTarget[to.edge];
    while (pred[n] >= 0) {
      const e = pred[n];
      edges.push(e);
      n = g.edgeSource[e] === n ? g.edgeTarget[e] : g.edgeSource[e];
    }
    walk(from.edge, from.t, g.edgeSource[from.edge] === n ? 0 : 1);
    for (const e of edges.reverse()) {
      const forward = g.edgeSource[e] === n;
      walk(e, forward ? 0 : 1, forward ? 1 : 0);
      n = forward ? g.edgeTarget[e] : g.edgeSource[e];
    }
    walk(to.edge, via === 1 ? 0 : 1, to.t);
  }
  coords.push(to.point, to.from);
  const coordinates = coords.filter((p, k) => k === 0 || p[0] !== coords[k - 1][0] || p[1] !== coords[k - 1][1]);
  return { lengthM, coordinates, edgeIds };
}
