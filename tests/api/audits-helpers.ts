/** Shared set-up of the audit API tests: accounts, the compound over grid A, raw uploads. */
import { sql } from 'kysely';
import sharp from 'sharp';
import { createTestUser, loginAs, places, type Places } from '../support/accounts.ts';
import type { ApiContext, Reply } from '../support/api.ts';

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');
export const jpeg = (w = 64, h = 48) =>
  sharp({ create: { width: w, height: h, channels: 3, background: { r: 90, g: 140, b: 200 } } }).jpeg().withExif({ IFD0: { Make: 'LeakyPhone' } }).toBuffer();

export interface AuditWorld {
  at: Places;
  street: number;
  otherStreetCommunity: number;
  compound: { id: number; name: string };
  point: [number, number];
  /** A point inside community A but outside the compound. */
  outside: [number, number];
  street_staff: string;
  community_staff: string;
  other_street: string;
  planner: string;
}

export async function auditWorld(api: ApiContext, tag: string): Promise<AuditWorld> {
  const db = api.database.db;
  const at = await places(db);
  const q = async <T>(s: ReturnType<typeof sql<T>>) => (await s.execute(db)).rows;
  const [other] = await q<{ id: number }>(sql`select id from areas where level = 'community' and parent_id <> ${at.street} order by code limit 1`);
  const [c] = await q<{ id: number; name: string; x: number; y: number }>(sql`select c.id, c.name, ST_X(ST_PointOnSurface(c.geom)) x, ST_Y(ST_PointOnSurface(c.geom)) y
    from compounds c join areas g on c.ref = 'grid:' || g.code where g.id = ${at.gridA}`);
  const [o] = await q<{ x: number; y: number }>(sql`select ST_X(ST_PointOnSurface(g.geom)) x, ST_Y(ST_PointOnSurface(g.geom)) y from areas g
    where g.parent_id = ${at.communityA} and g.level = 'grid' and g.id <> ${at.gridA} order by g.code limit 1`);
  const login = async (role: 'street_staff' | 'community_staff' | 'planner', areaId: number, name: string) =>
    loginAs(api, await createTestUser(db, [{ role, areaId }], `${tag}${name}`));
  return {
    at, street: at.street, otherStreetCommunity: other.id, compound: { id: c.id, name: c.name }, point: [c.x, c.y], outside: [o.x, o.y],
    street_staff: await login('street_staff', at.street, 'street'),
    community_staff: await login('community_staff', at.communityA, 'comm'),
    other_street: await login('community_staff', other.id, 'other'),
    planner: await login('planner', at.street, 'plan'),
  };
}

/** POST a raw body (what a browser's fetch(file) sends). */
export async function rawPost(api: ApiContext, path: string, body: Buffer, type: string, cookie?: string): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': type, origin: api.base, 'x-forwarded-for': api.ip };
  if (cookie) headers.cookie = cookie;
  const res = await fetch(api.base + path, { method: 'POST', headers, body: new Uint8Array(body) });
  const text = await res.text();
  let parsed: any = text;
  try {
    parsed = JSON.parse(text);
  } catch {}
  return { status: res.status, body: parsed, headers: res.headers };
}

export async function rowCounts(api: ApiContext): Promise<Record<string, number>> {
  const r = await sql<Record<string, number>>`select (select count(*)::int from spaces) spaces, (select count(*)::int from space_events) events,
    (select count(*)::int from audit_files) files, (select count(*)::int from compound_income) income, (select count(*)::int from audit_leads) leads,
    (select count(*)::int from compounds) compounds, (select count(*)::int from places) places`.execute(api.database.db);
  return r.rows[0];
}
