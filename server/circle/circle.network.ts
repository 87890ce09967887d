/**
 * The walking graphs kept in memory per jurisdiction (issue 4 "The walking network").
 *
 * A jurisdiction is a street (街道, the top of the area tree). Its graph holds every walkable edge
 * whose box meets the street's bounding box grown by a tier (2, 5 or 25 km): a walk that starts
 * within MARGIN_M of the street's box and is no longer than the tier less that margin never
 * leaves the grown box (no walk is shorter than the straight line), so searches so bounded are
 * exact, also across the street's border. A request picks the smallest tier that holds its search bound (coverage searches to
 * twice the budget; the finder to 3 km). Points outside every street, and longer walks, use the
 * whole network ('all').
 *
 * Kept up to date incrementally, by a cheap signature query per request (or per `maxAgeMs`):
 * - roads: the road-edge log (migration 0010) says which edges changed and where; only graphs
 *   whose box meets a change are spliced (the changed edges re-read, the rest reused,
 *   `spliceWalkGraph`); a truncate or a different log history rebuilds;
 * - gates: re-gated (`withGates`, arrays shared);
 * - stations are not part of any graph (snapped per request): adding, moving or closing one
 *   changes nothing here.
 * At most `MAX_HELD` graphs are held; the least recently used goes first.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { EARTH_RADIUS_M } from '../geo/distance.ts';
import { float4Box } from '../geo/float4-box.ts';
import * as repo from './circle.repository.ts';
import { spliceWalkGraph } from './walk-graph-splice.ts';
import { buildWalkGraph, withGates, type WalkGraph } from './walk-graph.ts';

/** Tiers (m) a street's box is grown by. The largest holds every search the API allows (60 min at 10 km/h, bound 2×) plus the margin. */
export const REACH_TIERS_M = [2000, 5000, 25000] as const;
/**
 * Slack (m) kept between a search's bound and the tier, for start points just outside the street's
 * box (a border building's entrance) and their connectors: a graph grown by tier T is exact for
 * searches up to T − MARGIN_M from any point within MARGIN_M of the box.
 */
export const MARGIN_M = 500;
/** Graphs held at most (a street graph of the 200,000-household synthetic city is about 0.5 MB). */
export const MAX_HELD = 32;

/** How the held graphs were brought up to date (for tests, the bench and the health of the cache). */
export const networkStats = { builds: 0, splices: 0, regates: 0, resets: 0 };

interface Held {
  key: string;
  street: number | null;
  /** The street's box, as the graph was cut for it (a moved street border drops the graph). */
  bbox: repo.Extent | null;
  /** The box the graph's edges meet; null = every edge. */
  extent: repo.Extent | null;
  /** Searches bounded by this (the tier less the margin) are exact; Infinity for the whole network. */
  tierM: number;
  graph: Promise<WalkGraph>;
  usedAt: number;
}

interface Store {
  sig: repo.NetworkSignature | null;
  checkedAt: number;
  graphs: Map<string, Held>;
  /** The refresh under way and when it started (`performance.now()`). */
  syncing: { promise: Promise<void>; startedAt: number } | null;
  clock: number;
}

const stores = new WeakMap<Kysely<DB>, Store>();

function storeOf(db: Kysely<DB>): Store {
  let s = stores.get(db);
  if (!s) stores.set(db, (s = { sig: null, checkedAt: 0, graphs: new Map(), syncing: null, clock: 0 }));
  return s;
}

const M_PER_DEG = (EARTH_RADIUS_M * Math.PI) / 180;

/** A box grown by `m` metres on every side (x by the narrowest degree of longitude in it). */
export function grow([w, s, e, n]: repo.Extent, m: number): repo.Extent {
  const dy = m / M_PER_DEG;
  const lat = Math.min(89, Math.max(Math.abs(s), Math.abs(n)) + dy);
  const dx = m / (M_PER_DEG * Math.cos((lat * Math.PI) / 180));
  return [w - dx, s - dy, e + dx, n + dy];
}

const meets = (a: repo.Extent, b: repo.Extent) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
/** A change meets a graph as its edge met the graph's box when read: PostGIS `&&`, float4 boxes. */
const changeMeets = (change: repo.Extent, extent: repo.Extent) => meets(float4Box(change), float4Box(extent));

async function build(db: Kysely<DB>, extent: repo.Extent | null): Promise<WalkGraph> {
  networkStats.builds++;
  return withGates(buildWalkGraph(await repo.roadEdges(db, { extent })), await repo.gateClosings(db));
}

async function splice(db: Kysely<DB>, old: Promise<WalkGraph>, extent: repo.Extent | null, ids: Set<number>, closings: () => Promise<Awaited<ReturnType<typeof repo.gateClosings>>>): Promise<WalkGraph> {
  const g = await old;
  const edges = await repo.roadEdges(db, { extent, ids: [...ids] });
  networkStats.splices++;
  return withGates(spliceWalkGraph(g, ids, edges), await closings());
}

/** Brings the held graphs up to date with the database (see the file's comment). */
async function refresh(db: Kysely<DB>, store: Store): Promise<void> {
  const sig = await repo.networkSignature(db);
  const prev = store.sig;
  const now = Date.now();
  let closings: ReturnType<typeof repo.gateClosings> | null = null;
  const getClosings = () => (closings ??= repo.gateClosings(db));
  // A street whose border moved: its graphs go first (not spliced, then dropped).
  const boxes = new Map(sig.streets.map((s) => [s.id, s.bbox.join()]));
  for (const [key, held] of store.graphs) {
    if (held.street !== null && boxes.get(held.street) !== held.bbox?.join()) store.graphs.delete(key);
  }
  const spliced = new Set<Held>();
  if (prev && (prev.rev !== sig.rev || prev.tag !== sig.tag) && store.graphs.size > 0) {
    const changes = await repo.roadChangesSince(db, prev.rev, prev.tag);
    if (!changes) {
      networkStats.resets++;
      store.graphs.clear();
    } else {
      for (const held of store.graphs.values()) {
        const ids = new Set(changes.filter((c) => !held.extent || changeMeets(c.extent, held.extent)).map((c) => c.edgeId));
        if (ids.size === 0) continue;
        held.graph = splice(db, held.graph, held.extent, ids, getClosings);
        spliced.add(held);
      }
    }
  }
  if (prev && prev.gates !== sig.gates) {
    for (const held of store.graphs.values()) {
      if (spliced.has(held)) continue;
      networkStats.regates++;
      held.graph = held.graph.then(async (g) => withGates(g, await getClosings()));
    }
  }
  for (const [key, held] of store.graphs) {
    held.graph.catch(() => store.graphs.get(key) === held && store.graphs.delete(key));
  }
  store.sig = sig;
  store.checkedAt = now;
}

/**
 * The signature no older than `maxAgeMs` (0: read after this call began): a fresh one is used as it
 * is, a refresh that started after this call began is joined, and otherwise one is run (one at a time).
 */
async function sync(db: Kysely<DB>, store: Store, maxAgeMs: number): Promise<repo.NetworkSignature> {
  const arrived = performance.now();
  for (;;) {
    if (store.sig && maxAgeMs > 0 && Date.now() - store.checkedAt < maxAgeMs) return store.sig;
    if (!store.syncing) break;
    const { promise, startedAt } = store.syncing;
    await promise.catch(() => {});
    if (startedAt > arrived && store.sig) return store.sig;
  }
  const run = { startedAt: performance.now(), promise: refresh(db, store) };
  store.syncing = run;
  try {
    await run.promise;
  } finally {
    if (store.syncing === run) store.syncing = null;
  }
  return store.sig!;
}

export interface JurisdictionGraph {
  graph: WalkGraph;
  /** The street the graph is kept for; null = the whole network. */
  street: number | null;
  /** Searches from within MARGIN_M of the street's box are exact up to this many metres (Infinity for the whole network). */
  reachM: number;
}

async function held(db: Kysely<DB>, sig: repo.NetworkSignature, street: number | null, reachM: number): Promise<JurisdictionGraph> {
  const store = storeOf(db);
  const tier = REACH_TIERS_M.find((t) => t - MARGIN_M >= reachM);
  const s = street !== null && tier !== undefined ? sig.streets.find((x) => x.id === street) : undefined;
  const key = s ? `street:${s.id}:${tier}` : 'all';
  let h = store.graphs.get(key);
  if (!h) {
    const extent = s ? grow(s.bbox, tier!) : null;
    h = { key, street: s?.id ?? null, bbox: s?.bbox ?? null, extent, tierM: s ? tier! - MARGIN_M : Infinity, graph: build(db, extent), usedAt: ++store.clock };
    store.graphs.set(key, h);
    const mine = h;
    h.graph.catch(() => store.graphs.get(key) === mine && store.graphs.delete(key));
    evict(store);
  }
  h.usedAt = ++store.clock;
  return { graph: await h.graph, street: h.street, reachM: h.tierM };
}

function evict(store: Store): void {
  while (store.graphs.size > MAX_HELD) {
    let oldest: Held | null = null;
    for (const h of store.graphs.values()) if (!oldest || h.usedAt < oldest.usedAt) oldest = h;
    store.graphs.delete(oldest!.key);
  }
}

/** The whole network (points outside every street, walks longer than the largest tier, the bench). */
export async function walkGraph(db: Kysely<DB>, maxAgeMs = 0): Promise<WalkGraph> {
  return (await held(db, await sync(db, storeOf(db), maxAgeMs), null, Infinity)).graph;
}

/** The graph of the street an area lies in, exact for searches from inside it up to `reachM` metres. */
export async function graphForArea(db: Kysely<DB>, areaId: number, reachM: number): Promise<JurisdictionGraph> {
  const street = await repo.streetOf(db, areaId);
  return held(db, await sync(db, storeOf(db), 0), street, reachM);
}

/**
 * The graph of the street whose box holds a point (the smallest such box), exact for searches
 * from the point up to `reachM` metres; the whole network when no street's box holds it.
 */
export async function graphAt(db: Kysely<DB>, point: [number, number], reachM: number, maxAgeMs = 0): Promise<JurisdictionGraph> {
  const sig = await sync(db, storeOf(db), maxAgeMs);
  const [x, y] = point;
  let best: { id: number; size: number } | null = null;
  for (const s of sig.streets) {
    const [w, so, e, n] = s.bbox;
    const size = (e - w) * (n - so);
    if (x >= w && x <= e && y >= so && y <= n && (!best || size < best.size)) best = { id: s.id, size };
  }
  return held(db, sig, best?.id ?? null, reachM);
}

/** The graphs held for a database, for tests and the bench. */
export function heldGraphs(db: Kysely<DB>): { key: string; street: number | null; reachM: number; extent: repo.Extent | null }[] {
  return [...storeOf(db).graphs.values()].map((h) => ({ key: h.key, street: h.street, reachM: h.tierM, extent: h.extent }));
}

/** Drops every graph held for a database: the next request builds afresh (tests compare splices with fresh builds). */
export function forgetGraphs(db: Kysely<DB>): void {
  stores.delete(db);
}
