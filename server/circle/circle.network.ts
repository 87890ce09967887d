/**
 * The walking graph kept in memory: rebuilt when the roads change, and only re-gated (the arrays
 * shared, a new gate list) when a gate closing is marked or removed; a cheap signature query per
 * request decides. Stations are not part of the graph (they are snapped per request), so adding,
 * moving or closing one never rebuilds anything.
 * One graph per database rather than per jurisdiction: the whole network, so a walk may cross
 * into the next jurisdiction as people do; what is aggregated is limited to the asked area.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import * as repo from './circle.repository.ts';
import { buildWalkGraph, withGates, type WalkGraph } from './walk-graph.ts';

type Signature = Awaited<ReturnType<typeof repo.networkSignature>>;

interface Cached {
  signature: Signature;
  graph: WalkGraph;
}

interface Entry {
  built: Promise<Cached>;
  /** When the signature was last confirmed (ms since epoch). */
  checkedAt: number;
}

const cache = new WeakMap<Kysely<DB>, Entry>();

/** How the cached graph was last brought up to date (for tests and the health of the cache). */
export const networkStats = { builds: 0, regates: 0 };

async function build(db: Kysely<DB>, signature: Signature): Promise<Cached> {
  networkStats.builds++;
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
  const prev = entry ? await entry.built.catch(() => null) : null;
  if (!entry || !prev || prev.signature.roads !== signature.roads) {
    entry = { built: build(db, signature), checkedAt: now };
  } else if (prev.signature.gates !== signature.gates) {
    entry = { built: regate(db, prev.graph, signature), checkedAt: now };
  } else {
    entry.checkedAt = now;
    return prev.graph;
  }
  const mine = entry;
  cache.set(db, mine);
  mine.built.catch(() => cache.get(db) === mine && cache.delete(db));
  return (await mine.built).graph;
}

async function regate(db: Kysely<DB>, graph: WalkGraph, signature: Signature): Promise<Cached> {
  networkStats.regates++;
  return { signature, graph: withGates(graph, await repo.gateClosings(db)) };
}
