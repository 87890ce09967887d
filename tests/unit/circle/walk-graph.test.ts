import { describe, expect, it } from 'vitest';
import { buildWalkGraph, closedAt, edgeIndexOf, graphBytes, nodeIndexOf, toLocal, withGates } from '../../../server/circle/walk-graph.ts';
import { inWindow, isClosedAt, minuteOfDay, parseHhMm } from '../../../server/circle/time-windows.ts';
import { edgeVertices, slice } from '../../../server/circle/edge-geometry.ts';
import { edge, ll } from './helpers.ts';

describe('time windows', () => {
  it('parses HH:MM and rejects the rest, naming the value', () => {
    expect(parseHhMm('22:00')).toBe(1320);
    expect(parseHhMm('6:05')).toBe(365);
    expect(() => parseHhMm('25:00')).toThrow('"25:00"');
    expect(() => parseHhMm('10:60')).toThrow();
  });
  it('handles windows past midnight as half-open [from, to)', () => {
    const night = [{ from: '22:00', to: '06:00' }];
    expect(isClosedAt(night, parseHhMm('23:00'))).toBe(true);
    expect(isClosedAt(night, parseHhMm('22:00'))).toBe(true);
    expect(isClosedAt(night, parseHhMm('05:59'))).toBe(true);
    expect(isClosedAt(night, parseHhMm('06:00'))).toBe(false);
    expect(isClosedAt(night, parseHhMm('12:00'))).toBe(false);
    expect(inWindow(parseHhMm('12:00'), parseHhMm('13:30'), parseHhMm('13:00'))).toBe(true);
    expect(inWindow(0, 0, 700)).toBe(true); // from = to: all day
  });
  it('reads instants on the China clock (UTC+8)', () => {
    expect(minuteOfDay(new Date('2025-03-01T23:00:00+08:00'))).toBe(23 * 60);
    expect(minuteOfDay(new Date('2025-03-01T15:00:00Z'))).toBe(23 * 60);
    expect(minuteOfDay(1500)).toBe(60);
  });
});

describe('buildWalkGraph', () => {
  const edges = [
    edge(10, 1, 2, [[0, 0], [100, 0]], { lengthM: 100 }),
    edge(11, 2, 3, [[100, 0], [150, 30], [200, 0]], { lengthM: 120, highway: 'steps' }),
    // stored target → source: reversed on build
    edge(12, 3, 4, [[200, 100], [200, 50], [200, 0]], { lengthM: 100 }),
    edge(13, 1, 4, [[0, 0], [200, 100]], { walkable: false, highway: 'trunk' }),
    edge(14, 4, 5, [[200, 100], [300, 100]], { lengthM: 100, closedWindows: [{ from: '22:00', to: '06:00' }] }),
  ];
  const g = buildWalkGraph(edges);

  it('keeps walkable edges only, sorted, with CSR adjacency from both ends', () => {
    expect(g.edgeCount).toBe(4);
    expect([...g.edgeId]).toEqual([10, 11, 12, 14]);
    expect(g.nodeCount).toBe(5);
    expect(g.adjOffset[g.nodeCount]).toBe(8);
    const n2 = nodeIndexOf(g, 2);
    const around = [...g.adjEdge.subarray(g.adjOffset[n2], g.adjOffset[n2 + 1])].map((e) => g.edgeId[e]).sort();
    expect(around).toEqual([10, 11]);
  });

  it('re-gates without rebuilding: the same gates and masks as a fresh build, arrays shared', () => {
    const closings = [
      { edgeId: 10, windows: [{ from: '23:00', to: '05:00' }] },
      { edgeId: 13, windows: [{ from: '22:00', to: '06:00' }] }, // not walkable: ignored, as on build
      { edgeId: 14, windows: [] },
    ];
    const regated = withGates(g, closings);
    const fresh = buildWalkGraph(edges.map((e) => ({ ...e, closedWindows: closings.find((c) => c.edgeId === e.id)?.windows ?? null })));
    expect(regated.gates).toEqual(fresh.gates);
    expect([...regated.isGate]).toEqual([...fresh.isGate]);
    expect(regated.adjOffset).toBe(g.adjOffset);
    for (const t of [0, 3 * 60, 12 * 60, 23.5 * 60]) {
      const at = Date.UTC(2026, 10, 18, 0, t) - 8 * 3_600_000;
      expect([...(closedAt(regated, at) ?? [])]).toEqual([...(closedAt(fresh, at) ?? [])]);
    }
    expect(withGates(g, []).gates).toEqual([]);
  });

  it('penalises steps (×1.5 by default, configurable)', () => {
    expect(g.edgeCost[edgeIndexOf(g, 11)]).toBeCloseTo(180, 4);
    expect(g.edgeLengthM[edgeIndexOf(g, 11)]).toBeCloseTo(120, 4);
    const g2 = buildWalkGraph(edges, { penalties: { steps: 2 } });
    expect(g2.edgeCost[edgeIndexOf(g2, 11)]).toBeCloseTo(240, 4);
    expect(() => buildWalkGraph(edges, { penalties: { steps: 0 } })).toThrow('steps');
  });

  it('orients geometry from source to target', () => {
    const e = edgeIndexOf(g, 12);
    const v = edgeVertices(g, e);
    expect(v[0][1]).toBeCloseTo(toLocal(g, ll(200, 0))[1], 2);
    expect(v[1][1] - v[0][1]).toBeCloseTo(50, 2);
    expect(slice(g, e, 0, 0.5)).toEqual([ll(200, 0), ll(200, 50)]);
    expect(slice(g, e, 0.75, 0.25)).toEqual([ll(200, 75), ll(200, 50), ll(200, 25)]);
  });

  it('closes gate edges only inside their window', () => {
    expect(closedAt(g, parseHhMm('12:00'))).toBeNull();
    const night = closedAt(g, new Date('2025-03-01T23:00:00+08:00'));
    expect(night?.[edgeIndexOf(g, 14)]).toBe(1);
    expect(night?.reduce((s, x) => s + x, 0)).toBe(1);
  });

  it('rejects repeated ids, naming them', () => {
    expect(() => buildWalkGraph([edges[0], edges[0]])).toThrow('road edge id 10 repeats');
  });

  it('reports its memory', () => {
    expect(graphBytes(g)).toBeGreaterThan(0);
  });
});
