/**
 * Golden fixtures: tests/fixtures/planning/propose/in/*.geojson → out/*.geojson. `REGEN=1`
 * rewrites the outputs; review the diff before committing. An input is one FeatureCollection with
 * `properties.layer` = unit (`id`, `households`, `population`, `grid`: the current grid) | road
 * (`highway`) and a foreign member `params` (`mode`, `communityCode`, `band`, `target`).
 * The output lists every unit with its proposed grid and new CJ/T 349 code, the grids' quality,
 * the issues and the summary. Invariants are checked on every case, whatever the goldens say.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon, Position } from '../../../server/geo/geojson.ts';
import { gridCodes, gridPoints } from '../../../server/planning/codes.ts';
import { planningInput } from '../../../server/planning/input.ts';
import { proposeGrids } from '../../../server/planning/partition.ts';
import { planQuality } from '../../../server/planning/quality.ts';
import { formatCollection } from '../circle/helpers.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/planning/propose');
const REGEN = process.env.REGEN === '1';

interface InFeature { geometry: { type: string; coordinates: unknown }; properties: Record<string, any> }
interface Case { params: { mode?: 'fresh' | 'least_change'; communityCode: string; band?: [number, number]; target?: number }; features: InFeature[] }

function compute(file: string) {
  const c = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'in', file), 'utf8')) as Case;
  const units = c.features.filter((f) => f.properties.layer === 'unit');
  const roads = c.features.filter((f) => f.properties.layer === 'road').map((f) => ({ coordinates: f.geometry.coordinates as Position[], highway: f.properties.highway as string }));
  const { units: planning, adjacency } = planningInput(
    units.map((f) => ({ id: f.properties.id, geometry: f.geometry as Polygon | MultiPolygon, households: f.properties.households, population: f.properties.population })),
    { roads },
  );
  const current = new Map(units.filter((f) => f.properties.grid).map((f) => [f.properties.id as string, f.properties.grid as string]));
  const p = proposeGrids({ units: planning, adjacency, band: c.params.band, target: c.params.target, mode: c.params.mode, current: current.size ? current : undefined });
  const q = planQuality({ units: planning, adjacency, assignment: p.assignment, band: c.params.band, target: c.params.target });
  const codes = gridCodes(c.params.communityCode, gridPoints(planning, p.assignment));

  // Invariants: every unit in a grid; a valid proposal is in band and contiguous.
  expect(q.summary.unassignedUnits).toEqual([]);
  expect(p.valid).toBe(p.issues.length === 0);
  if (p.valid) expect(q.valid).toBe(true);
  expect(q.summary.islands).toBe(0);

  return {
    type: 'FeatureCollection' as const,
    valid: p.valid,
    issues: p.issues.map((i) => ({ reason: i.reason, message: i.message })),
    kept: p.kept,
    summary: { ...q.summary, unitsOutsideUnitBand: q.summary.unitsOutsideUnitBand.length },
    grids: q.grids.map((g) => ({ ...g, code: codes.codes.get(g.id) ?? null })),
    features: planning.map((u) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: u.centroid.map((v) => Math.round(v * 1e7) / 1e7) },
      properties: { id: u.id, households: u.households, current: current.get(u.id) ?? null, grid: p.assignment.get(u.id) ?? null, code: codes.codes.get(p.assignment.get(u.id) ?? '') ?? null },
    })),
  };
}

describe('golden: propose', () => {
  const files = fs.readdirSync(path.join(FIXTURES, 'in')).filter((f) => f.endsWith('.geojson')).sort();
  it('has fixtures', () => expect(files.length).toBeGreaterThan(0));
  for (const file of files) {
    it(file, () => {
      const text = formatCollection(compute(file));
      const outFile = path.join(FIXTURES, 'out', file);
      if (REGEN) {
        fs.mkdirSync(path.dirname(outFile), { recursive: true });
        fs.writeFileSync(outFile, text);
      }
      if (!fs.existsSync(outFile)) throw new Error(`${path.relative(process.cwd(), outFile)} is missing: run REGEN=1 npx vitest run tests/unit/planning/golden.test.ts`);
      expect(JSON.parse(text)).toEqual(JSON.parse(fs.readFileSync(outFile, 'utf8')));
    });
  }
});
