/**
 * Helpers shared by the hazard API tests (tests/api/hazards*.test.ts, open311*.test.ts): staff of
 * the test places, points inside a grid and at a given distance, reports and uploads.
 */
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { expect } from 'vitest';
import type { DB } from '../../../server/db/types.ts';
import { createTestUser, loginAs, places, type Places } from '../../support/accounts.ts';
import type { ApiContext, Reply } from '../../support/api.ts';

export interface Cast {
  at: Places;
  /** A point inside unit A (so inside grid A, community A). */
  p: { lon: number; lat: number };
  gw: string;
  gwOther: string;
  cs: string;
  ss: string;
  resident: string;
  residentId: number;
  /** Logs in again (after the app clock moved past the session's idle time); `only` some of them. */
  relogin(only?: ('gw' | 'gwOther' | 'cs' | 'ss' | 'resident')[]): Promise<void>;
}

/** Staff of grid A / community A / the street, a grid worker of grid B, a resident with an account. */
export async function cast(api: ApiContext): Promise<Cast> {
  const db = api.database.db;
  const at = await places(db);
  const [p] = (await sql<{ lon: number; lat: number }>`select ST_X(ST_PointOnSurface(geom)) lon, ST_Y(ST_PointOnSurface(geom)) lat from areas where id = ${at.unitA}`.execute(db)).rows;
  const users = {
    gw: await createTestUser(db, [{ role: 'grid_worker', areaId: at.gridA }], 'gw'),
    gwOther: await createTestUser(db, [{ role: 'grid_worker', areaId: at.gridB }], 'gwb'),
    cs: await createTestUser(db, [{ role: 'community_staff', areaId: at.communityA }], 'cs'),
    ss: await createTestUser(db, [{ role: 'street_staff', areaId: at.street }], 'ss'),
    resident: await createTestUser(db, [{ role: 'resident', householdId: at.householdA }], 'res'),
  };
  const c = { at, p, residentId: users.resident.id } as Cast;
  c.relogin = async (only) => {
    for (const [k, u] of Object.entries(users)) if (!only || (only as string[]).includes(k)) (c as any)[k] = await loginAs(api, u);
  };
  await c.relogin();
  return c;
}

/** A point `m` metres east of p (local approximation, good to centimetres at this scale). */
export function east(p: { lon: number; lat: number }, m: number) {
  return { lon: p.lon + m / (111_320 * Math.cos((p.lat * Math.PI) / 180)), lat: p.lat };
}

/** Geodesic distance in metres as PostGIS measures it (the yardstick of the 50 m rule). */
export async function distanceM(db: Kysely<DB>, a: { lon: number; lat: number }, b: { lon: number; lat: number }): Promise<number> {
  const r = await sql<{ d: number }>`select ST_Distance(ST_SetSRID(ST_MakePoint(${a.lon}, ${a.lat}), 4326)::geography, ST_SetSRID(ST_MakePoint(${b.lon}, ${b.lat}), 4326)::geography) d`.execute(db);
  return r.rows[0].d;
}

export const device = () => `dev-${crypto.randomBytes(6).toString('hex')}`;

export function expectOk(r: Reply, status = 200) {
  expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(status);
  return r.body;
}

/** Files a report (anonymous unless a cookie is given) and returns the answer body. */
export async function fileReport(api: ApiContext, body: Record<string, unknown>, opts: { cookie?: string; ip?: string; device?: string } = {}) {
  const headers: Record<string, string> = { 'x-device-id': opts.device ?? device() };
  if (opts.ip) headers['x-forwarded-for'] = opts.ip;
  return expectOk(await api.send('POST', '/api/hazards', body, { cookie: opts.cookie, headers }), 201);
}

/** Uploads raw bytes as a photo. */
export async function uploadRaw(api: ApiContext, bytes: Buffer, opts: { cookie?: string; contentType?: string; ip?: string } = {}): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': opts.contentType ?? 'image/jpeg', 'x-device-id': device(), origin: api.base };
  if (opts.ip) headers['x-forwarded-for'] = opts.ip;
  else headers['x-forwarded-for'] = api.ip;
  if (opts.cookie) headers.cookie = opts.cookie;
  const res = await fetch(`${api.base}/api/hazards/uploads`, { method: 'POST', headers, body: new Uint8Array(bytes) });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: res.status, body, headers: res.headers };
}

/** Moves a case; returns the reply (status not checked). */
export const move = (api: ApiContext, id: number, cookie: string, body: Record<string, unknown>, key?: string) =>
  api.send('POST', `/api/hazards/${id}/events`, body, { cookie, headers: key ? { 'idempotency-key': key } : {} });
