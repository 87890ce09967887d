/**
 * Numbering order for codes (CJ/T 349-2010: west→east, north→south): centroids are cut into row
 * bands from the north — a band takes every centroid less than `bandM` metres south of its first —
 * and each band is read west to east.
 */

export interface Placed {
  /** Projected metres: x east, y north. */
  x: number;
  y: number;
}

export function rowBandOrder<T extends Placed>(items: T[], bandM: number): T[] {
  const byNorth = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const bands: T[][] = [];
  let top = Infinity;
  for (const p of byNorth) {
    if (bands.length === 0 || top - p.y >= bandM) {
      bands.push([]);
      top = p.y;
    }
    bands[bands.length - 1].push(p);
  }
  return bands.flatMap((band) => band.sort((a, b) => a.x - b.x || b.y - a.y));
}

/** Band height for n children sharing a parent of areaM2: half the side of an average child, metres. */
export function bandHeight(areaM2: number, n: number): number {
  return 0.5 * Math.sqrt(areaM2 / Math.max(1, n));
}

export const pad = (n: number, width: number): string => String(n).padStart(width, '0');
