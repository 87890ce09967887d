/** Marking compound gates closed at night. Each change is audited; the walking graph picks it up via its signature. */
import type { Kysely } from 'kysely';
import { record } from '../audit/audit.service.ts';
import type { Actor } from '../auth/principal.ts';
import type { DB } from '../db/types.ts';
import { notFound, unprocessable } from '../errors.ts';
import * as repo from './gates.repository.ts';

const toGate = (g: repo.GateRow) => ({ id: g.id, roadEdgeId: g.road_edge_id, name: g.name, closedFrom: g.closed_from, closedTo: g.closed_to, gridId: g.grid_id, point: g.geometry });

export async function list(db: Kysely<DB>) {
  return { gates: (await repo.list(db)).map(toGate) };
}

/** The grid a new gate would sit in (for the jurisdiction check), or a 422 when no walkable way is near. */
export async function locate(db: Kysely<DB>, lon: number, lat: number) {
  const e = await repo.nearestEdge(db, lon, lat, 30);
  if (!e) throw unprocessable('NOT_ON_NETWORK', `no walkable way within 30 m of ${lon},${lat} to put a gate on`);
  return e;
}

export async function create(db: Kysely<DB>, actor: Actor, body: { lon: number; lat: number; name: string; closedFrom: string; closedTo: string }) {
  const e = await locate(db, body.lon, body.lat);
  return db.transaction().execute(async (trx) => {
    const id = await repo.insert(trx, { edgeId: e.id, name: body.name, from: body.closedFrom, to: body.closedTo });
    await record(trx, actor, { action: 'gates.create', targetType: 'gate', targetId: id, areaId: e.grid_id, details: { ...body, roadEdgeId: e.id } });
    return toGate((await repo.find(trx, id))!);
  });
}

export async function find(db: Kysely<DB>, id: number) {
  const g = await repo.find(db, id);
  if (!g) throw notFound(`gate ${id} does not exist`);
  return g;
}

export async function remove(db: Kysely<DB>, actor: Actor, g: repo.GateRow) {
  await db.transaction().execute(async (trx) => {
    await repo.remove(trx, g.id);
    await record(trx, actor, { action: 'gates.delete', targetType: 'gate', targetId: g.id, areaId: g.grid_id, details: toGate(g) });
  });
}
