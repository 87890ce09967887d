import { describe, expect, it } from 'vitest';
import { addSource, moveSource, multiSource, removeSource, type SourceField } from '../../../server/circle/dijkstra.ts';
import { route } from '../../../server/circle/route.ts';
import { snapPoint, type Snap } from '../../../server/circle/snap.ts';
import { buildWalkGraph, nodeIndexOf, type RoadEdgeInput, type WalkGraph } from '../../../server/circle/walk-graph.ts';
import { edge, gridCity, ll, rng } from './helpers.ts';

/**
 *  4 ──── 5 ──── 6        100 m squares; 3–6 bends east (116.6 m); 1–5 is a flight of steps
 *  │    ╱ │      │        (141.4 m × 1.5 = 212.1); 1–6 is a trunk road, not walkable.
 *  1 ──── 2 ──── 3
 */
const hand: RoadEdgeInput[] = [
  edge(1, 1, 2, [[0, 0], [100, 0]], { lengthM: 100 }),
  edge(2, 2, 3, [[100, 0], [200, 0]], { lengthM: 100 }),
  edge(3, 1, 4, [[0, 0], [0, 100]], { lengthM: 100 }),
  edge(4, 2, 5, [[100, 0], [100, 100]], { lengthM: 100 }),
  edge(5, 3, 6, [[200, 0], [230, 50], [200, 100]], { lengthM: 116.6 }),
  edge(6, 4, 5, [[0, 100], [100, 100]], { lengthM: 100 }),
  edge(7, 5, 6, [[100, 100], [200, 100]], { lengthM: 100 }),
  edge(8, 1, 5, [[0, 0], [100, 100]], { lengthM: 141.42, highway: 'steps' }),
  edge(9, 1, 6, [[0, 0], [200, 100]], { lengthM: 223.6, highway: 'trunk', walkable: false }),
];

const snap = (g: WalkGraph, x: number, y: number) => snapPoint(g, ll(x, y)) as Snap;
const distAt = (g: WalkGraph, f: SourceField, id: number) => f.dist[nodeIndexOf(g, id)];

describe('multi-source Dijkstra on a hand-built graph', () => {
  const g = buildWalkGraph(hand);

  it('gives the known shortest distances from a station mid-edge', () => {
    const s = snap(g, 50, -5); // on 1–2, halfway, 5 m connector
    expect(s.edgeId).toBe(1);
    expect(s.t).toBeCloseTo(0.5, 4);
    expect(s.connectorM).toBeCloseTo(5, 2);
    const f = multiSource(g, [s], { maxM: Infinity });
    const expected: Record<number, number> = { 1: 55, 2: 55, 3: 155, 4: 155, 5: 155, 6: 255 };
    for (const [id, d] of Object.entries(expected)) expect(distAt(g, f, Number(id))).toBeCloseTo(d, 1);
  });

  it('uses the steps only when their penalty allows, never the trunk road', () => {
    const s = snap(g, -10, 0); // at node 1, 10 m connector
    const f = multiSource(g, [s], { maxM: Infinity });
    expect(distAt(g, f, 5)).toBeCloseTo(210, 1); // 10 + 200 by the streets, not 10 + 212.1 by the steps
    expect(distAt(g, f, 6)).toBeCloseTo(310, 1);
    const flat = buildWalkGraph(hand, { penalties: { steps: 1 } });
    const f2 = multiSource(flat, [snap(flat, -10, 0)], { maxM: Infinity });
    expect(distAt(flat, f2, 5)).toBeCloseTo(151.42, 1);
  });

  it('labels each node with its nearest source and stops at the bound', () => {
    const f = multiSource(g, [snap(g, -10, 0), snap(g, 200, 110)], { maxM: 120 });
    expect(f.nearest[nodeIndexOf(g, 4)]).toBe(0);
    expect(f.nearest[nodeIndexOf(g, 6)]).toBe(1);
    expect(distAt(g, f, 5)).toBeCloseTo(110, 1);
    expect(f.nearest[nodeIndexOf(g, 5)]).toBe(1);
    // 126.6 from source 1 round the bend, 210 from source 0: beyond the 120 m bound.
    expect(distAt(g, f, 3)).toBe(Infinity);
    expect(f.nearest[nodeIndexOf(g, 3)]).toBe(-1);
  });

  it('routes from a point to a station along the shortest path', () => {
    const from = snap(g, -10, 0);
    const to = snap(g, 150, 110); // on 5–6, halfway
    const r = route(g, from, to);
    expect(r?.costM).toBeCloseTo(10 + 200 + 50 + 10, 1);
    expect(r?.lengthM).toBeCloseTo(270, 1);
    expect(r?.edgeIds[r.edgeIds.length - 1]).toBe(7);
    expect(r?.coordinates[0]).toEqual(ll(-10, 0));
    expect(r?.coordinates[r.coordinates.length - 1]).toEqual(ll(150, 110));
    const same = route(g, snap(g, 20, 5), snap(g, 80, -5));
    expect(same?.costM).toBeCloseTo(70, 1);
    expect(same?.edgeIds).toEqual([1]);
  });
});

/** Independent check: Bellman–Ford on the raw edge list. */
function bellmanFord(edges: RoadEdgeInput[], seeds: [number, number][]): Map<number, number> {
  const d = new Map<number, number>(seeds);
  for (let changed = true; changed; ) {
    changed = false;
    for (const e of edges.filter((x) => x.walkable)) {
      const c = e.lengthM * (e.highway === 'steps' ? 1.5 : 1);
      for (const [a, b] of [[e.source, e.target], [e.target, e.source]]) {
        const via = (d.get(a) ?? Infinity) + c;
        if (via < (d.get(b) ?? Infinity) - 1e-9) { d.set(b, via); changed = true; }
      }
    }
  }
  return d;
}

describe('multi-source Dijkstra on random cities', () => {
  it('equals Bellman–Ford on the raw edges', () => {
    for (const seed of [1, 2, 3]) {
      const city = gridCity(seed, 9, 9, 100, 0);
      const g = buildWalkGraph(city.edges);
      const rand = rng(seed + 100);
      const sources = [0, 1, 2].map(() => snap(g, rand() * city.width, rand() * city.height));
      const f = multiSource(g, sources, { maxM: Infinity });
      const seeds: [number, number][] = [];
      for (const s of sources) {
        const e = city.edges.find((x) => x.id === s.edgeId) as RoadEdgeInput;
        const c = e.lengthM * (e.highway === 'steps' ? 1.5 : 1);
        seeds.push([e.source, s.connectorM + s.t * c], [e.target, s.connectorM + (1 - s.t) * c]);
      }
      const minSeeds = new Map<number, number>();
      for (const [n, d] of seeds) minSeeds.set(n, Math.min(d, minSeeds.get(n) ?? Infinity));
      const bf = bellmanFord(city.edges, [...minSeeds]);
      for (let n = 0; n < g.nodeCount; n++) expect(f.dist[n]).toBeCloseTo(bf.get(g.nodeId[n]) ?? Infinity, 2);
    }
  });
});

describe('incremental station edits', () => {
  const city = gridCity(7, 30, 30, 80, 0, 0.15);
  const g = buildWalkGraph(city.edges);
  const rand = rng(99);
  const randomSnap = () => snap(g, rand() * city.width, rand() * city.height);

  const expectSameAsFull = (f: SourceField) => {
    const full = multiSource(g, f.sources, { maxM: f.maxM, closed: f.closed });
    expect(f.dist).toEqual(full.dist);
    expect(f.nearest).toEqual(full.nearest);
  };

  it('add, remove and move give exactly the full recomputation (bounded search)', () => {
    const f = multiSource(g, Array.from({ length: 25 }, randomSnap), { maxM: 600 });
    for (let step = 0; step < 12; step++) {
      const op = step % 3;
      if (op === 0) addSource(f, randomSnap());
      else if (op === 1) {
        const live = f.sources.flatMap((s, i) => (s ? [i] : []));
        removeSource(f, live[Math.floor(rand() * live.length)]);
      } else {
        const live = f.sources.flatMap((s, i) => (s ? [i] : []));
        moveSource(f, live[Math.floor(rand() * live.length)], randomSnap());
      }
      expectSameAsFull(f);
    }
  });

  it('re-adds into a freed slot and refuses a used one', () => {
    const f = multiSource(g, [randomSnap(), randomSnap()], { maxM: Infinity });
    removeSource(f, 0);
    expect(addSource(f, randomSnap(), 0)).toBe(0);
    expectSameAsFull(f);
    expect(() => addSource(f, randomSnap(), 1)).toThrow('slot 1');
  });
});
