/**
 * npm run data:build — builds data/sample/ (docs/DATA-FORMAT.md) from the OSM extract in
 * data/osm/ and the street codes in data/street-codes.csv. Fails if an invariant is broken.
 * Usage: npx tsx scripts/data-build/main.ts [--out DIR]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSample } from './build.ts';
import { checkCodes, checkGeometry } from './invariants.ts';
import { readOsm, readStreetCodes } from './io.ts';
import { AREA_TOLERANCE_M2 } from './rules.ts';
import { summary, writeSample } from './write.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OSM_FILE = path.join(ROOT, 'data/osm/shanghai-bund-lujiazui.osm.geojson');
const CODES_FILE = path.join(ROOT, 'data/street-codes.csv');

function outDir(argv: string[]): string {
  const i = argv.indexOf('--out');
  return i >= 0 && argv[i + 1] ? path.resolve(argv[i + 1]) : path.join(ROOT, 'data/sample');
}

function main(): void {
  const started = Date.now();
  const sample = buildSample(readOsm(OSM_FILE), readStreetCodes(CODES_FILE));
  const problems = [...checkCodes(sample.areas), ...checkGeometry(sample.areas, AREA_TOLERANCE_M2)];
  if (problems.length > 0) {
    console.error(`data:build: ${problems.length} invariant problems, nothing written:\n  ${problems.slice(0, 30).join('\n  ')}`);
    process.exit(1);
  }
  const dir = outDir(process.argv.slice(2));
  const sizes = writeSample(dir, sample);
  console.log(summary(sample, sizes, dir, Date.now() - started));
}

main();
