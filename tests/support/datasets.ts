import path from 'node:path';
import { root } from './snapshot.ts';

export const SAMPLE_DIR = path.join(root, 'data', 'sample');
/** A small synthetic city made by `npm run data:synth`, for tests that need a second dataset. */
export const SYNTH_SMALL_DIR = path.join(root, 'var', 'synth', 'test-3000');
