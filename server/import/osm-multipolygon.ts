/**
 * Assembles the rings of a simple OSM multipolygon relation: member ways (closed, or open ways
 * that join end to end) become outer and inner rings; each inner ring goes to the outer ring
 * that contains it. Returns null when the ways do not close into rings.
 */
import type { Position } from '../geo/geojson.ts';
import { pointInRing, ringSignedArea2 } from '../geo/rings.ts';

/** Joins node-id sequences end to end into closed rings, or returns null if some stay open. */
export function joinRings(ways: number[][]): number[][] | null {
  const open = ways.filter((w) => w.length > 0).map((w) => [...w]);
  const rings: number[][] = [];
  while (open.length > 0) {
    let ring = open.shift()!;
    while (ring[0] !== ring[ring.length - 1]) {
      const end = ring[ring.length - 1];
      const i = open.findIndex((w) => w[0] === end || w[w.length - 1] === end);
      if (i < 0) return null;
      const [next] = open.splice(i, 1);
      ring = ring.concat((next[0] === end ? next : [...next].reverse()).slice(1));
    }
    rings.push(ring);
  }
  return rings;
}

/**
 * Groups coordinate rings into polygons: one polygon per outer ring, with the inner rings whose
 * first position lies inside it (the smallest such outer, should outers nest). Inner rings inside no outer ring are returned in `orphans`.
 */
export function groupRings(outers: Position[][], inners: Position[][]): { polygons: Position[][][]; orphans: number } {
  const polygons = outers.map((o) => [o]);
  let orphans = 0;
  for (const inner of inners) {
    let host: Position[][] | undefined;
    for (const p of polygons) {
      if (!pointInRing(inner[0], p[0])) continue;
      if (!host || Math.abs(ringSignedArea2(p[0])) < Math.abs(ringSignedArea2(host[0]))) host = p;
    }
    if (host) host.push(inner);
    else orphans++;
  }
  return { polygons, orphans };
}
