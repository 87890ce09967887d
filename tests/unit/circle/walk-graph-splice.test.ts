import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { roadEdgesFromFeatures } from '../../../server/circle/geojson-input.ts';
import { spliceWalkGraph } from '../../../server/circle/walk-graph-splice.ts';
import { buildWalkGraph, type RoadEdgeInput, type WalkGraph } from '../../../server/circle/walk-graph.ts';
import { SAMPLE_DIR } from '../../support/datasets.ts';
import { edge } from './helpers.ts';

const ARRAYS = ['nodeId', 'nodeX', 'nodeY', 'adjOffset', 'adjNode', 'adjEdge', 'edgeId', 'edgeSource', 'edgeTarget', 'edgeLengthM', 'edgeCost', 'geomOffset', 'geomXY', 'isGate'] as const;

function expectSameGraph(a: WalkGraph, b: WalkGraph) {
  expect(a.origin).toEqual(b.origin);
  expect([a.nodeCount, a.edgeCount]).toEqual([b.nodeCount, b.edgeCount]);
  for (const k of ARRAYS) expect(Array.from(a[k]), k).toEqual(Array.from(b[k]));
  expect(a.gates).toEqual(b.gates);
}

const sample = (): RoadEdgeInput[] => roadEdgesFromFeatures(JSON.parse(fs.readFileSync(path.join(SAMPLE_DIR, 'roads.geojson'), 'utf8')).features);

describe('spliceWalkGraph', () => {
  it('equals a fresh build in the same frame after edges are removed, added and changed (sample roads, 5 seeds)', () => {
    const all = sample();
    for (let seed = 1; seed <= 5; seed++) {
      let a = seed * 7919;
      const rand = () => ((a = (a * 16807) % 2147483647) - 1) / 2147483646;
      const before = all.filter(() => rand() > 0.1);
      const inBefore = new Set(before.map((e) => e.id));
      const added = all.filter((e) => !inBefore.has(e.id));
      const removed = before.filter(() => rand() < 0.05).map((e) => e.id);
      // Changed: the same id, a longer way and now steps (cost 1.5×), and a gate window.
      const changed = before.filter((e) => !removed.includes(e.id) && rand() < 0.02)
        .map((e) => ({ ...e, lengthM: e.lengthM + 10, highway: 'steps', closedWindows: [{ from: '22:00', to: '06:00' }] }));
      const old = buildWalkGraph(before);
      const spliced = spliceWalkGraph(old, removed, [...added, ...changed]);
      const gone = new Set([...removed, ...changed.map((e) => e.id)]);
      const after = [...before.filter((e) => !gone.has(e.id)), ...added, ...changed];
      expectSameGraph(spliced, buildWalkGraph(after, { origin: old.origin }));
      expect(spliced.edgeCount).toBe(after.filter((e) => e.walkable).length);
    }
  });

  it('keeps gate windows of kept edges and leaves non-walkable additions out', () => {
    const base = [
      edge(1, 1, 2, [[0, 0], [100, 0]], { lengthM: 100, closedWindows: [{ from: '22:00', to: '06:00' }] }),
      edge(2, 2, 3, [[100, 0], [200, 0]], { lengthM: 100 }),
    ];
    const g = buildWalkGraph(base);
    const s = spliceWalkGraph(g, [2], [edge(3, 2, 4, [[100, 0], [100, 100]], { lengthM: 100 }), edge(4, 4, 5, [[100, 100], [200, 100]], { walkable: false, highway: 'trunk' })]);
    expect(Array.from(s.edgeId)).toEqual([1, 3]);
    expect(s.gates).toEqual([{ edge: 0, windows: [[1320, 360]] }]);
    expectSameGraph(s, buildWalkGraph([base[0], edge(3, 2, 4, [[100, 0], [100, 100]], { lengthM: 100 })], { origin: g.origin }));
  });

  it('refuses an added id twice, naming it', () => {
    const g = buildWalkGraph([edge(1, 1, 2, [[0, 0], [100, 0]], { lengthM: 100 })]);
    const e = edge(5, 2, 3, [[100, 0], [200, 0]], { lengthM: 100 });
    expect(() => spliceWalkGraph(g, [], [e, e])).toThrow('road edge id 5 repeats');
  });
});
