import { describe, expect, it } from 'vitest';
import { mayJoinInterior, nodeNetwork, segmentIntersection, type PieceIn } from '../../../scripts/data-build/noding.ts';
import { continuations } from '../../../scripts/data-build/roads.ts';

const road = (xy: number[][], extra: Partial<PieceIn> = {}): PieceIn => ({
  xy, bridge: false, tunnel: false, way: null, continues: [false, false], ...extra,
});
const nodesOf = (edges: { source: number; target: number }[]) => new Set(edges.flatMap((e) => [e.source, e.target]));
const degree = (edges: { source: number; target: number }[], n: number) =>
  edges.filter((e) => e.source === n).length + edges.filter((e) => e.target === n).length;

describe('nodeNetwork', () => {
  it('joins two ordinary roads where they cross', () => {
    const { edges, nodes } = nodeNetwork([road([[0, 0], [100, 0]]), road([[50, -50], [50, 50]])], 1);
    expect(edges).toHaveLength(4);
    const centre = nodes.findIndex((p) => Math.hypot(p[0] - 50, p[1]) < 1e-6);
    expect(centre).toBeGreaterThanOrEqual(0);
    expect(degree(edges, centre)).toBe(4);
  });

  it('does not join a bridge to the road under it', () => {
    const { edges } = nodeNetwork([road([[0, 0], [100, 0]], { bridge: true }), road([[50, -50], [50, 50]])], 1);
    expect(edges).toHaveLength(2);
    const [a, b] = edges.filter((e) => e.piece === 0).concat(edges.filter((e) => e.piece === 1));
    expect([...nodesOf([a])].some((n) => nodesOf([b]).has(n))).toBe(false);
  });

  it('does not join a tunnel to the road above it', () => {
    const { edges } = nodeNetwork([road([[0, 0], [100, 0]]), road([[50, -50], [50, 50]], { tunnel: true })], 1);
    expect(edges).toHaveLength(2);
    expect(nodesOf(edges).size).toBe(4);
  });

  it('rejoins tile-cut pieces of one way whose ends are 0.4 m apart', () => {
    const { edges } = nodeNetwork([road([[0, 0], [50, 0]], { continues: [false, true] }), road([[50.4, 0], [100, 0]], { continues: [true, false] })], 1);
    expect(edges).toHaveLength(2);
    expect(edges[0].target).toBe(edges[1].source);
  });

  it('rejoins a bridge cut at a tile edge, but not to a road crossing under it at that edge', () => {
    const pieces = [
      road([[0, 0], [50, 0]], { bridge: true, way: 7, continues: [false, true] }),
      road([[50, 0], [100, 0]], { bridge: true, way: 7, continues: [true, false] }),
      road([[50, -40], [50, 0]], { way: 8, continues: [false, true] }),
      road([[50, 0], [50, 40]], { way: 8, continues: [true, false] }),
    ];
    const { edges } = nodeNetwork(pieces, 1);
    const bridge = edges.filter((e) => e.piece < 2);
    const street = edges.filter((e) => e.piece >= 2);
    expect(bridge[0].target).toBe(bridge[1].source);
    expect(street[0].target).toBe(street[1].source);
    expect(bridge[0].target).not.toBe(street[0].target);
  });

  it('keeps twin tunnel bores 0.8 m apart separate where their ways are split mid-span', () => {
    const pieces = [
      road([[0, 0], [50, 0]], { tunnel: true, way: 1, continues: [false, true] }),
      road([[50, 0], [100, 0]], { tunnel: true, way: 1, continues: [true, false] }),
      road([[10, 30], [30, 0.8]], { tunnel: true, way: 2, continues: [false, true] }),
      road([[30, 0.8], [90, 30]], { tunnel: true, way: 2, continues: [true, false] }),
      road([[50, 40], [50, 0.4], [50, -40]]), // a footway above, with a vertex right over the split
    ];
    const { edges } = nodeNetwork(pieces, 1);
    expect(edges.filter((e) => e.piece < 4)).toHaveLength(4);
    const tunnelNodes = nodesOf(edges.filter((e) => e.piece < 4));
    expect(edges.filter((e) => e.piece === 4).some((e) => tunnelNodes.has(e.source) || tunnelNodes.has(e.target))).toBe(false);
    const bore1 = edges.filter((e) => e.piece < 2);
    const bore2 = edges.filter((e) => e.piece >= 2 && e.piece < 4);
    expect(bore1[0].target).toBe(bore1[1].source);
    expect([...nodesOf(bore1)].some((n) => nodesOf(bore2).has(n))).toBe(false);
  });

  it('splits a road at a T-junction whose end stops 0.5 m short of it', () => {
    const { edges } = nodeNetwork([road([[0, 0], [100, 0]]), road([[40, 50], [40, 0.5]])], 1);
    expect(edges).toHaveLength(3);
    const stem = edges.find((e) => e.piece === 1)!;
    expect(degree(edges, stem.target)).toBe(3);
  });

  it('lands a bridge end on the road it reaches, but never a footway end on a bridge span', () => {
    const landing = nodeNetwork([road([[0, 0], [100, 0]]), road([[50, 80], [50, 0.3]], { bridge: true })], 1);
    expect(landing.edges).toHaveLength(3);
    const under = nodeNetwork([road([[0, 0], [100, 0]], { bridge: true }), road([[50, 80], [50, 0.3]])], 1);
    expect(under.edges).toHaveLength(2);
    expect(nodesOf(under.edges).size).toBe(4);
  });

  it('joins roads that share an OSM node at a vertex', () => {
    const { edges } = nodeNetwork([road([[0, 0], [30, 10], [100, 0]]), road([[30, 60], [30, 10], [30, -60]])], 1);
    expect(edges).toHaveLength(4);
  });

  it('is deterministic', () => {
    const pieces = [road([[0, 0], [100, 0]]), road([[50, -50], [50, 50]]), road([[0, 20], [100, 30]], { bridge: true })];
    expect(JSON.stringify(nodeNetwork(pieces, 1))).toBe(JSON.stringify(nodeNetwork(pieces, 1)));
  });
});

describe('continuations', () => {
  it('marks piece ends where the same way goes on in another piece', () => {
    const ends: [number[], number[]][] = [[[0, 0], [50, 0]], [[50.3, 0], [100, 0]], [[50, 0], [50, 60]]];
    expect(continuations([1, 1, 2], ends, 1)).toEqual([[false, true], [true, false], [false, false]]);
  });
});

describe('noding helpers', () => {
  it('segmentIntersection gives parameters on both segments', () => {
    expect(segmentIntersection([0, 0], [10, 0], [5, -5], [5, 5])).toEqual([0.5, 0.5]);
    expect(segmentIntersection([0, 0], [10, 0], [0, 1], [10, 1])).toBeNull();
  });
  it('only a bridge end may split a bridge, only a tunnel end a tunnel', () => {
    const plain = road([[0, 0], [1, 0]]);
    const bridge = road([[0, 0], [1, 0]], { bridge: true });
    const tunnel = road([[0, 0], [1, 0]], { tunnel: true });
    expect(mayJoinInterior(plain, plain)).toBe(true);
    expect(mayJoinInterior(bridge, plain)).toBe(true);
    expect(mayJoinInterior(plain, bridge)).toBe(false);
    expect(mayJoinInterior(bridge, bridge)).toBe(true);
    expect(mayJoinInterior(tunnel, bridge)).toBe(false);
    expect(mayJoinInterior(tunnel, tunnel)).toBe(true);
  });
});
