/**
 * The places the finder searches, held in memory like the walking graph: a small, read-mostly
 * table (the sample has 69 places, 龙口 lists 174) asked on every finder request. Re-checked
 * against the database (`placesSignature`, one aggregate over the table) at most every
 * `maxAgeMs`, and dropped at once when this server (or a sibling worker, relayed by
 * server/main.ts) writes a place (`placesChanged`), so staff see their own edits immediately; a
 * write from any other process shows within `maxAgeMs`.
 * The signature is read before the rows: a write landing between the two is caught at the next
 * check, never kept.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { indexPlaces, type PlaceIndex } from './place-knn.ts';
import * as repo from './places.repository.ts';

interface Held {
  sig: string;
  index: PlaceIndex;
  checkedAt: number;
  /** `epoch` when loaded: a write through this server (or a sibling worker) since drops it. */
  epoch: number;
}

let epoch = 0;
let relay: (() => void) | null = null;

interface Entry {
  /** The rows held, or being loaded (dropped by the next request once `epoch` moved on). */
  held: Promise<Held> | null;
}

const entries = new WeakMap<Kysely<DB>, Entry>();

function entryOf(db: Kysely<DB>): Entry {
  let e = entries.get(db);
  if (!e) entries.set(db, (e = { held: null }));
  return e;
}

/** A place was written through this server (after its transaction committed). */
export function placesChanged(): void {
  epoch++;
  relay?.();
}

/** A sibling worker process wrote a place (server/main.ts relays it): drop what is held. */
export function placesChangedElsewhere(): void {
  epoch++;
}

/** How this process tells its sibling workers that it wrote a place (set by server/main.ts). */
export function relayPlacesChanged(send: (() => void) | null): void {
  relay = send;
}

async function load(db: Kysely<DB>): Promise<Held> {
  const at = epoch;
  const sig = await repo.placesSignature(db);
  return { sig, index: indexPlaces(await repo.allBriefs(db)), checkedAt: Date.now(), epoch: at };
}

async function revalidate(db: Kysely<DB>, h: Held): Promise<Held> {
  const sig = await repo.placesSignature(db);
  if (sig === h.sig) return { ...h, checkedAt: Date.now() };
  return load(db);
}

/** Every place (finder columns, indexed for `knnInMemory`), at most `maxAgeMs` behind the database. */
export async function finderPlaces(db: Kysely<DB>, maxAgeMs: number): Promise<PlaceIndex> {
  const e = entryOf(db);
  const p = e.held;
  if (p) {
    const h = await p.catch(() => null);
    if (h && h.epoch === epoch && Date.now() - h.checkedAt < maxAgeMs) return h.index;
    // Stale or failed: one revalidation, shared by the requests that arrive meanwhile.
    if (e.held === p) e.held = h && h.epoch === epoch ? revalidate(db, h) : load(db);
  }
  e.held ??= load(db);
  const mine = e.held;
  mine.catch(() => { if (e.held === mine) e.held = null; });
  return (await mine).index;
}
