/**
 * The walking graph kept in memory, rebuilt when the roads or gates change (a cheap signature
 * query per request decides). One graph per database: the whole network, so a walk may cross
 * into the next jurisdiction as people do; what is aggregated is limited to the asked area.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import * as repo from './circle.repository.ts';
import { buildWalkGraph, type WalkGraph } from './walk-graph.ts';

interface Cached {
  signature: string;
  graph: WalkGraph;
}

interface Entry {
  built: Promise<Cached>;
  /** When the signature was last confirmed (ms since epoch). */
  checkedAt: number;
}

const cache = new WeakMap<Kysely<DB>, Entry>();

async function build(db: Kysely<DB>, signature: string): Promise<Cached> {
  const rows = await repo.roadEdges(db);
  const graph = buildWalkGraph(
    rows.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      lengthM: e.length_m,
      highway: e.highway,
      walkable: e.walkable,
      bridge: e.bridge,
      tunnel: e.tunnel,
      coordinates: e.coordinates,
      closedWindows: e.gates,
    })),
  );
  return { signature, graph };
}

/**
 * The current walking graph (built on first use and after any road or gate change).
 * @param maxAgeMs reuse the graph without re-checking the signature when it was confirmed less
 *   than this long ago (hot read paths such as the finder); 0 = always check.
 */
export async function walkGraph(db: Kysely<DB>, maxAgeMs = 0): Promise<WalkGraph> {
  const now = Date.now();
  let entry = cache.get(db);
  if (entry && maxAgeMs > 0 && now - entry.checkedAt < maxAgeMs) return (await entry.built).graph;
  const signature = await repo.networkSignature(db);
  if (!entry || (await entry.built).signature !== signature) {
    const built = build(db, signature);
    entry = { built, checkedAt: now };
    cache.set(db, entry);
    built.catch(() => cache.delete(db));
  } else entry.checkedAt = now;
  return (await entry.built).graph;
}
