/**
 * The finder's one search (k nearest on foot, early stop) equals the single-pair route
 * (circle/route.ts) for the k best targets, on the sample's real network (two banks of the
 * Huangpu, not joined on foot) and on a small hand-made one; the read-back path has the route's
 * length and ends.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildWalkGraph, closedAt, roadEdgesFromFeatures, route, snapPoint, type Snap } from '../../../server/circle/index.ts';
import { lineLengthM } from '../../../server/geo/distance.ts';
import { nearestOnFoot, pathTo } from '../../../server/places/walk-from.ts';
import { edge, rng } from '../circle/helpers.ts';

const sample = path.resolve(import.meta.dirname, '../../../data/sample');
const roads = JSON.parse(fs.readFileSync(path.join(sample, 'roads.geojson'), 'utf8'));
const places = JSON.parse(fs.readFileSync(path.join(sample, 'places.geojson'), 'utf8')).features.map((f: any) => f.geometry.coordinates);

describe('nearestOnFoot: one bounded search from the user, read at every place', () => {
  const g = buildWalkGraph(roadEdgesFromFeatures(roads.features));
  const targets = places.map((p: number[]) => snapPoint(g, p));

  it('finds the k nearest on foot exactly as route() ranks them, for k = 1, 5, 12 from 25 random points', () => {
    const rand = rng(6);
    const meta = JSON.parse(fs.readFileSync(path.join(sample, 'meta.json'), 'utf8'));
    const [w, s, e, n] = meta.bbox;
    let compared = 0;
    let cutOff = 0;
    for (let j = 0; j < 25; j++) {
      const from = snapPoint(g, [w + rand() * (e - w), s + rand() * (n - s)]);
      if (!from) continue;
      // route() answers an unreachable pair with costM Infinity when unbounded; 3 km bounds it here.
      const truth = targets.map((t: Snap | null) => (t && route(g, from, t, { maxM: 3000 })) || null);
      const order = truth.map((r: any, i: number) => ({ i, c: r ? r.costM : Infinity })).sort((a: any, b: any) => a.c - b.c || a.i - b.i);
      cutOff += order.filter((o: any) => o.c === Infinity).length;
      for (const k of [1, 5, 12]) {
        const r = nearestOnFoot(g, from, targets, k, 3000, null);
        for (const o of order.slice(0, k)) {
          if (o.c === Infinity) { expect(r.costs[o.i]).toBe(Infinity); continue; }
          expect(r.costs[o.i]).toBeCloseTo(o.c, 6);
          const p = pathTo(r, o.i)!;
          expect(p.lengthM).toBeCloseTo(truth[o.i].lengthM, 4);
          expect(p.coordinates[0]).toEqual(from.from);
          expect(p.coordinates.at(-1)).toEqual(targets[o.i].from);
          // The drawn line is as long as the walk (within the 7-decimal rounding of its vertices).
          expect(Math.abs(lineLengthM(p.coordinates) - p.lengthM)).toBeLessThan(0.01 * p.lengthM + 2);
          compared++;
        }
        // Whatever else it reports is final too (never a longer walk than the true one).
        r.costs.forEach((c, i) => { if (c < Infinity) expect(c).toBeCloseTo(truth[i].costM, 6); });
      }
    }
    expect(compared).toBeGreaterThan(300);
    expect(cutOff).toBeGreaterThan(0); // the river: no walkable crossing in the sample
  });

  it('a bound leaves farther places out; a closed gate forces the detour', () => {
    // A square block: 0-1-2-3 around, with a gate on the short side 0-1 closed at night.
    const edges = [
      edge(1, 0, 1, [[0, 0], [100, 0]], { closedWindows: [{ from: '22:00', to: '06:00' }] }),
      edge(2, 1, 2, [[100, 0], [100, 300]]),
      edge(3, 2, 3, [[100, 300], [0, 300]]),
      edge(4, 3, 0, [[0, 300], [0, 0]]),
    ];
    const sq = buildWalkGraph(edges);
    const a = snapPoint(sq, edges[3].coordinates[1])!; // at node 0, on edge 4
    const b = snapPoint(sq, edges[1].coordinates[0])!; // at node 1, on edge 2
    expect(nearestOnFoot(sq, a, [b], 1, Infinity, null).costs[0]).toBeCloseTo(100, 0);
    expect(nearestOnFoot(sq, a, [b], 1, Infinity, closedAt(sq, 23 * 60)).costs[0]).toBeCloseTo(700, 0);
    expect(nearestOnFoot(sq, a, [b], 1, 500, closedAt(sq, 23 * 60)).costs[0]).toBe(Infinity);
    expect(pathTo(nearestOnFoot(sq, a, [b], 1, 500, closedAt(sq, 23 * 60)), 0)).toBeNull();
  });
});
