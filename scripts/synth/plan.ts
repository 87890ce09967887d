/**
 * City plan: how many streets, communities and blocks, block sizes, road classes and names.
 * Communities are 2 × 2 blocks; streets are rectangles of communities; the whole city is a
 * near-square rectangle, so every level tiles by construction.
 */
import type { Rng } from './rng.ts';
import { roadWords } from './names.ts';

/** Households aimed at per community and per street (DOMAIN.md: 1,500–4,000 and 20,000–60,000 in this generator). */
export const COMMUNITY_TARGET = 2500;
export const STREET_TARGET = 36_000;
export const STREET_MIN = 20_000;
export const STREET_MAX = 60_000;
/** Blocks per community side: a community is 2 × 2 blocks of about 200 m. */
export const BLOCKS_PER_COMMUNITY = 2;
/** Block side between road centre lines, metres. */
const BLOCK_MIN_M = 190;
const BLOCK_MAX_M = 225;

export interface StreetCode {
  code: string;
  name: string;
}

export interface StreetPlan extends StreetCode {
  /** Community columns [c0, c1) and rows [r0, r1), rows counted north→south. */
  c0: number;
  c1: number;
  r0: number;
  r1: number;
}

export interface CityPlan {
  households: number;
  commCols: number;
  commRows: number;
  blockCols: number;
  blockRows: number;
  /** Column boundaries west→east, metres from the west edge (length blockCols + 1). */
  colX: number[];
  /** Row boundaries north→south, metres from the south edge (length blockRows + 1, decreasing). */
  rowY: number[];
  widthM: number;
  heightM: number;
  streets: StreetPlan[];
  /** Block row whose middle the river follows, or null. */
  riverRow: number | null;
  /** Names of north–south lines (…街), west→east, and east–west lines (…路), north→south. */
  nsNames: string[];
  ewNames: string[];
}

export type RoadClass = 'primary' | 'secondary' | 'residential';

/** Class of road line `i` of `count` lines: primary every 8 blocks, secondary every 4 and on the edge. */
export function lineClass(i: number, count: number): RoadClass {
  if (i % 8 === 0) return 'primary';
  if (i % 4 === 0 || i === count - 1) return 'secondary';
  return 'residential';
}

/** Near-square community grid [cols, rows] whose cell count puts about 2,500 households in each. */
export function communityShape(households: number): [number, number] {
  let best: [number, number] = [1, 1];
  let bestCost = Infinity;
  for (let rows = 1; rows <= 200; rows++) {
    for (let cols = rows; cols <= Math.max(rows + 1, Math.ceil(rows * 1.4)); cols++) {
      const cost = Math.abs(Math.log(households / (cols * rows) / COMMUNITY_TARGET)) + 0.01 * (cols - rows);
      if (cost < bestCost) [best, bestCost] = [[cols, rows], cost];
    }
    if (rows * rows > (4 * households) / COMMUNITY_TARGET + 4) break;
  }
  return best;
}

/** Boundaries splitting n cells into k runs as even as possible, larger runs first. */
export function evenSplit(n: number, k: number): number[] {
  const out = [0];
  for (let i = 0; i < k; i++) out.push(out[i] + Math.floor(n / k) + (i < n % k ? 1 : 0));
  return out;
}

/**
 * [street columns, street rows] over a cols × rows community grid: streets within
 * 20,000–60,000 households where possible, about 36,000, compact, at most `maxStreets`.
 */
export function streetShape(cols: number, rows: number, households: number, maxStreets: number): [number, number] {
  const perCommunity = households / (cols * rows);
  let best: [number, number] = [1, 1];
  let bestCost = Infinity;
  for (let sc = 1; sc <= cols; sc++) {
    for (let sr = 1; sr <= rows && sc * sr <= maxStreets; sr++) {
      const cs = evenSplit(cols, sc);
      const rs = evenSplit(rows, sr);
      let outside = 0;
      for (let i = 0; i < sc; i++) {
        for (let j = 0; j < sr; j++) {
          const hh = (cs[i + 1] - cs[i]) * (rs[j + 1] - rs[j]) * perCommunity;
          outside += Math.max(0, STREET_MIN - hh) / STREET_MIN + Math.max(0, hh - STREET_MAX) / STREET_MAX;
        }
      }
      const cost = 10 * outside + Math.abs(Math.log(households / (sc * sr) / STREET_TARGET)) + 0.3 * Math.abs(Math.log(cols / sc / (rows / sr)));
      if (cost < bestCost - 1e-12) [best, bestCost] = [[sc, sr], cost];
    }
  }
  return best;
}

function boundaries(count: number, rng: Rng): number[] {
  const out = [0];
  for (let i = 0; i < count; i++) out.push(out[i] + rng.int(BLOCK_MIN_M, BLOCK_MAX_M));
  return out;
}

/** The plan for `households` households; `streetCodes` are real codes in the order to use them. */
export function planCity(households: number, streetCodes: readonly StreetCode[], rng: Rng): CityPlan {
  const [commCols, commRows] = communityShape(households);
  const blockCols = commCols * BLOCKS_PER_COMMUNITY;
  const blockRows = commRows * BLOCKS_PER_COMMUNITY;
  const colX = boundaries(blockCols, rng);
  const fromNorth = boundaries(blockRows, rng);
  const heightM = fromNorth[blockRows];
  const rowY = fromNorth.map((d) => heightM - d);
  const [sc, sr] = streetShape(commCols, commRows, households, streetCodes.length);
  const cs = evenSplit(commCols, sc);
  const rs = evenSplit(commRows, sr);
  const streets: StreetPlan[] = [];
  for (let j = 0; j < sr; j++) {
    for (let i = 0; i < sc; i++) {
      streets.push({ ...streetCodes[streets.length], c0: cs[i], c1: cs[i + 1], r0: rs[j], r1: rs[j + 1] });
    }
  }
  const words = roadWords(rng, blockCols + blockRows + 2);
  return {
    households,
    commCols,
    commRows,
    blockCols,
    blockRows,
    colX,
    rowY,
    widthM: colX[blockCols],
    heightM,
    streets,
    riverRow: blockRows >= 2 ? Math.floor(blockRows / 2) : null,
    nsNames: words.slice(0, blockCols + 1).map((w) => w + '街'),
    ewNames: words.slice(blockCols + 1).map((w) => w + '路'),
  };
}
