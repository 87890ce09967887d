/**
 * The committed data/sample is exactly what the code builds: rebuilding gives byte-identical files
 * (determinism), so a change to the pipeline that is not followed by `npm run data:build` fails here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSample } from '../../../scripts/data-build/build.ts';
import { readOsm, readStreetCodes } from '../../../scripts/data-build/io.ts';
import { writeSample } from '../../../scripts/data-build/write.ts';

const ROOT = path.resolve(__dirname, '../../..');

describe('data/sample', () => {
  it('is byte-identical to a fresh build', () => {
    const sample = buildSample(readOsm(path.join(ROOT, 'data/osm/shanghai-bund-lujiazui.osm.geojson')), readStreetCodes(path.join(ROOT, 'data/street-codes.csv')));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'data-build-'));
    try {
      const files = Object.keys(writeSample(dir, sample)).sort();
      expect(fs.readdirSync(path.join(ROOT, 'data/sample')).sort()).toEqual(files);
      for (const f of files) {
        const fresh = fs.readFileSync(path.join(dir, f));
        expect(fresh.equals(fs.readFileSync(path.join(ROOT, 'data/sample', f))), `${f} differs: run npm run data:build`).toBe(true);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
