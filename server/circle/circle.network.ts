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

const cache = new WeakMap<Kysely<DB>, Promise<Cached>>();

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

/** The current walking graph (built on first use and after any road or gate change). */
export async function walkGraph(db: Kysely<DB>): Promise<WalkGraph> {
  const signature = await repo.networkSignature(db);
  let entry = cache.get(db);
  if (!entry || (await entry).signature !== signature) {
    entry = build(db, signature);
    cache.set(db, entry);
    entry.catch(() => cache.delete(db));
  }
  return (await entry).graph;
}
