/**
 * Golden fixtures: tests/fixtures/circle/<fn>/in/*.geojson → out/*.geojson. `REGEN=1` rewrites
 * the outputs; review the diff before committing. An input is one FeatureCollection with
 * `properties.layer` = road | station | building | entrance and a foreign member `params`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { aggregateByArea } from '../../../server/circle/aggregate.ts';
import { networkCoverage, prepareAccess, straightLineCoverage } from '../../../server/circle/coverage.ts';
import { buildingsFromFeatures, roadEdgesFromFeatures, type FeatureLike } from '../../../server/circle/geojson-input.ts';
import { isochrones } from '../../../server/circle/isochrone.ts';
import { snapPoints, type Snap } from '../../../server/circle/snap.ts';
import { parseHhMm } from '../../../server/circle/time-windows.ts';
import { buildWalkGraph } from '../../../server/circle/walk-graph.ts';
import type { Position } from '../../../server/geo/geojson.ts';
import { formatCollection } from './helpers.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/circle');
const REGEN = process.env.REGEN === '1';

interface Params { minutes?: number | number[]; speedKmh?: number; presetM?: number; at?: string; station?: string }
interface Case { params: Params; features: FeatureLike[] }

const round = (v: number, d: number) => (Number.isFinite(v) ? Math.round(v * 10 ** d) / 10 ** d : null);

function load(fn: string, file: string) {
  const c = JSON.parse(fs.readFileSync(path.join(FIXTURES, fn, 'in', file), 'utf8')) as Case;
  const layer = (l: string) => c.features.filter((f) => f.properties.layer === l);
  const g = buildWalkGraph(roadEdgesFromFeatures(layer('road')));
  const stations = layer('station');
  const stationPoints = stations.map((f) => (f.geometry as { coordinates: Position }).coordinates);
  return { c, layer, g, stations, stationPoints, snaps: snapPoints(g, stationPoints) };
}

function coverageOut(file: string) {
  const { c, layer, g, stations, stationPoints, snaps } = load('coverage', file);
  const bFeatures = layer('building');
  const buildings = buildingsFromFeatures(bFeatures, layer('entrance'));
  const p = c.params;
  const r = networkCoverage(g, prepareAccess(g, buildings), snaps, {
    minutes: p.minutes as number | undefined, speedKmh: p.speedKmh, presetM: p.presetM, at: p.at ? parseHhMm(p.at) : null, limitM: Infinity,
  });
  const line = straightLineCoverage(g, buildings, stationPoints, r.thresholdM, r.speedKmh);
  const areas = aggregateByArea(buildings, r, (_b, i) => bFeatures[i].properties.areas as string[], 2).map((a) => ({
    ...a, shareHouseholds: round(a.shareHouseholds ?? NaN, 4), sharePopulation: round(a.sharePopulation ?? NaN, 4),
    worst: a.worst.map((w) => ({ ...w, distM: round(w.distM, 1), timeMin: round(w.timeMin, 2) })),
  }));
  const hh = (cov: Uint8Array) => buildings.reduce((s, b, i) => s + (cov[i] ? b.households : 0), 0);
  // Invariant on every fixture: the network never beats the straight line.
  buildings.forEach((_b, i) => expect(r.distM[i]).toBeGreaterThanOrEqual(line.distM[i] - 0.05));
  return {
    type: 'FeatureCollection' as const,
    summary: { thresholdM: round(r.thresholdM, 1), speedKmh: r.speedKmh, households: buildings.reduce((s, b) => s + b.households, 0),
      householdsCovered: hh(r.covered), straightLineHouseholdsCovered: hh(line.covered) },
    areas,
    features: buildings.map((b, i) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: b.point.map((v) => round(v, 7)) },
      properties: {
        ref: b.ref, households: b.households, population: b.population, distM: round(r.distM[i], 1), timeMin: round(r.timeMin[i], 2),
        nearest: r.nearest[i] >= 0 ? stations[r.nearest[i]].properties.ref : null, covered: r.covered[i] === 1,
        straightM: round(line.distM[i], 1), straightCovered: line.covered[i] === 1,
      },
    })),
  };
}

function isochroneOut(file: string) {
  const { c, g, stations, snaps } = load('isochrone', file);
  const p = c.params;
  const i = p.station ? stations.findIndex((s) => s.properties.ref === p.station) : 0;
  const bands = isochrones(g, snaps[i] as Snap, {
    minutes: Array.isArray(p.minutes) ? p.minutes : undefined, speedKmh: p.speedKmh, at: p.at ? parseHhMm(p.at) : null,
  });
  return { type: 'FeatureCollection' as const, station: stations[i].properties.ref, features: bands };
}

const OUT: Record<string, (file: string) => { type: 'FeatureCollection'; features: readonly unknown[] }> = {
  coverage: coverageOut,
  isochrone: isochroneOut,
};

for (const [fn, compute] of Object.entries(OUT)) {
  describe(`golden: ${fn}`, () => {
    const files = fs.readdirSync(path.join(FIXTURES, fn, 'in')).filter((f) => f.endsWith('.geojson')).sort();
    it('has fixtures', () => expect(files.length).toBeGreaterThan(0));
    for (const file of files) {
      it(file, () => {
        const text = formatCollection(compute(file));
        const outFile = path.join(FIXTURES, fn, 'out', file);
        if (REGEN) {
          fs.mkdirSync(path.dirname(outFile), { recursive: true });
          fs.writeFileSync(outFile, text);
        }
        if (!fs.existsSync(outFile)) throw new Error(`${path.relative(process.cwd(), outFile)} is missing: run REGEN=1 npx vitest run tests/unit/circle`);
        expect(JSON.parse(text)).toEqual(JSON.parse(fs.readFileSync(outFile, 'utf8')));
      });
    }
  });
}
