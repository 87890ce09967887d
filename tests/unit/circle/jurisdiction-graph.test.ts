/**
 * The argument behind per-street graphs (server/circle/circle.network.ts): a graph of the edges
 * meeting a street's box grown by tier T gives the same coverage as the whole network, for every
 * building within MARGIN_M of the box, when the search is bounded by T − MARGIN_M. Checked on the
 * sample's six streets, every station, at the default bound and at a bound that fills the tier.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { grow, MARGIN_M, REACH_TIERS_M } from '../../../server/circle/circle.network.ts';
import { networkCoverage, prepareAccess } from '../../../server/circle/coverage.ts';
import { buildingsFromFeatures, roadEdgesFromFeatures } from '../../../server/circle/geojson-input.ts';
import { snapPoint } from '../../../server/circle/snap.ts';
import { buildWalkGraph } from '../../../server/circle/walk-graph.ts';
import type { Position } from '../../../server/geo/geojson.ts';
import { SAMPLE_DIR } from '../../support/datasets.ts';

const read = (f: string) => JSON.parse(fs.readFileSync(path.join(SAMPLE_DIR, f), 'utf8')).features;
type Box = [number, number, number, number];

function boxOf(coords: unknown): Box {
  const b: Box = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c: any) => {
    if (typeof c[0] === 'number') { b[0] = Math.min(b[0], c[0]); b[1] = Math.min(b[1], c[1]); b[2] = Math.max(b[2], c[0]); b[3] = Math.max(b[3], c[1]); } else c.forEach(walk);
  };
  walk(coords);
  return b;
}
const inside = (b: Box, [x, y]: Position) => x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];
const meets = (a: Box, b: Box) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

describe('per-street graphs grown by a tier', () => {
  const roads = roadEdgesFromFeatures(read('roads.geojson'));
  const whole = buildWalkGraph(roads);
  const buildings = buildingsFromFeatures(read('buildings.geojson'), read('entrances.geojson'), () => ({ households: 1, population: 1 }));
  const stations: Position[] = read('places.geojson').map((f: any) => f.geometry.coordinates);
  const streets: { name: string; box: Box }[] = read('areas.geojson').filter((f: any) => f.properties.level === 'street')
    .map((f: any) => ({ name: f.properties.name, box: boxOf(f.geometry.coordinates) }));

  it.each([[REACH_TIERS_M[0], 1500], [REACH_TIERS_M[0], REACH_TIERS_M[0] - MARGIN_M], [REACH_TIERS_M[1], REACH_TIERS_M[1] - MARGIN_M]])('tier %i m, search bound %i m: the same distances and nearest stations as the whole network', (tier, boundM) => {
    let smaller = 0;
    let checked = 0;
    for (const st of streets) {
      const extent = grow(st.box, tier);
      const part = buildWalkGraph(roads.filter((e) => meets(boxOf(e.coordinates), extent)));
      if (part.edgeCount < whole.edgeCount) smaller++;
      const near = grow(st.box, MARGIN_M);
      const mine = buildings.filter((b) => inside(near, b.point) && (b.entrances ?? []).every((p) => inside(near, p)));
      const run = (g: typeof whole) => networkCoverage(g, prepareAccess(g, mine), stations.map((p) => snapPoint(g, p)), { minutes: 10, speedKmh: 4.5, limitM: boundM });
      const a = run(part);
      const b = run(whole);
      for (let i = 0; i < mine.length; i++) {
        if (b.distM[i] === Infinity) expect(a.distM[i], `${st.name} ${mine[i].ref}`).toBe(Infinity);
        else expect(Math.abs(a.distM[i] - b.distM[i]), `${st.name} ${mine[i].ref}`).toBeLessThan(0.01); // float32 coordinates in another local frame: within the data's 1 cm
      }
      expect(Array.from(a.covered)).toEqual(Array.from(b.covered));
      expect(Array.from(a.nearest)).toEqual(Array.from(b.nearest));
      checked += mine.length;
    }
    expect(checked).toBeGreaterThan(1000);
    if (tier === REACH_TIERS_M[0]) expect(smaller).toBeGreaterThan(0); // the cut is real on the sample
  });

  it('a graph grown too little would be wrong: the check above can fail', () => {
    const st = streets.find((s) => s.name === '豫园街道')!;
    const part = buildWalkGraph(roads.filter((e) => meets(boxOf(e.coordinates), grow(st.box, 100))));
    const mine = buildings.filter((b) => inside(st.box, b.point));
    const run = (g: typeof whole) => networkCoverage(g, prepareAccess(g, mine), stations.map((p) => snapPoint(g, p)), { minutes: 10, speedKmh: 4.5, limitM: 1500 });
    const a = run(part);
    const b = run(whole);
    expect(mine.some((_, i) => a.distM[i] !== b.distM[i])).toBe(true);
  });
});
