/**
 * Every API route (read from the OpenAPI document, so new routes join by themselves) × every role,
 * plus a grid worker of another community: allowed or denied exactly as the permissions table says,
 * and personal data never reaches anyone whose jurisdiction does not cover it.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, scopeOf, type Action, type GrantableRole, type Role } from '../../server/auth/permissions.ts';
import type { GrantInput } from '../../server/users/users.schema.ts';
import { createTestUser, loginAs, places, type Places, type TestUser } from '../support/accounts.ts';
import { backendName, startApi, type ApiContext } from '../support/api.ts';
import { AUDITS_KNOWN_QUERY, auditsBodies, auditsPathParam, auditsQuery, setupAuditSamples, type AuditSamples } from './audits-samples.ts';
import { HAZARDS_KNOWN_QUERY, hazardsBodies, hazardsPathParam, hazardsQuery, setupHazardSamples, type HazardSamples } from './hazards-samples.ts';
import { PLACES_KNOWN_QUERY, placesBodies, placesPathParam, placesQuery, setupPlacesSamples, type PlacesSamples } from './places-samples.ts';
import { PLANNING_KNOWN_QUERY, planningBodies, planningPathParam, planningQuery, setupPlanningSamples, type PlanningSamples } from './planning-samples.ts';

interface Who {
  name: string;
  roles: Role[];
  /** Its jurisdiction covers the matrix targets (all inside grid A). */
  covers: boolean;
  /** Household A is its own (resident): what an `own` scope would allow. */
  owns?: boolean;
  cookie?: string;
}

interface Op {
  method: string;
  path: string;
  action: Action;
}

let api: ApiContext;
let at: Places;
let subject: TestUser & { grantId: number };
let ops: Op[] = [];
const who: Who[] = [];

const grantFor = (role: GrantableRole, p: Places): GrantInput[] =>
  ({
    resident: [{ role, householdId: p.householdA }],
    rider: [{ role }],
    grid_worker: [{ role, areaId: p.gridA }],
    community_staff: [{ role, areaId: p.communityA }],
    street_staff: [{ role, areaId: p.street }],
    planner: [{ role, areaId: p.street }],
    admin: [{ role }],
  })[role] as GrantInput[];

beforeAll(async () => {
  api = await startApi();
  at = await places(api.database.db);
  // The community centre nearest grid A: reachable on foot from a point in grid A.
  stationId = (await sql<{ id: number }>`select p.id from places p, areas a where a.id = ${at.gridA} and p.kind = 'community_center'
    order by p.geom <-> ST_PointOnSurface(a.geom) limit 1`.execute(api.database.db)).rows[0].id;
  const db = api.database.db;
  placesSamples = await setupPlacesSamples(db, at.gridA);
  hazardSamples = await setupHazardSamples(db, at.unitA);
  auditSamples = await setupAuditSamples(db, at.communityA, at.gridA);
  planningSamples = await setupPlanningSamples(api, at);
  // Gates: a walkable edge whose middle lies in grid A, and a pool to delete (one per allowed caller).
  const [edge] = (await sql<{ id: number; x: number; y: number }>`select e.id, ST_X(ST_LineInterpolatePoint(e.geom, 0.5)) x, ST_Y(ST_LineInterpolatePoint(e.geom, 0.5)) y
    from road_edges e join areas a on a.id = ${at.gridA} and ST_Intersects(a.geom, ST_LineInterpolatePoint(e.geom, 0.5)) where e.walkable order by e.id limit 1`.execute(db)).rows;
  gatePoint = [edge.x, edge.y];
  gatePool = (await sql<{ id: number }>`insert into gates (road_edge_id, name, closed_from, closed_to)
    select ${edge.id}, '矩阵门 ' || g, '22:00', '06:00' from generate_series(1, 14) g returning id`.execute(db)).rows.map((r) => r.id);
  who.push({ name: 'public', roles: [], covers: false });
  for (const role of ROLES.filter((r): r is GrantableRole => r !== 'public')) {
    const u = await createTestUser(db, grantFor(role, at), role);
    who.push({ name: role, roles: [role], covers: true, owns: role === 'resident', cookie: await loginAs(api, u) });
  }
  const outsider = await createTestUser(db, [{ role: 'grid_worker', areaId: at.gridB }], 'outsider');
  who.push({ name: 'grid_worker of another community', roles: ['grid_worker'], covers: false, cookie: await loginAs(api, outsider) });
  const s = await createTestUser(db, [{ role: 'grid_worker', areaId: at.gridA }, { role: 'planner', areaId: at.communityA }], 'subject');
  const grants = await db.selectFrom('role_grants').select('id').where('user_id', '=', s.id).orderBy('id').execute();
  subject = { ...s, grantId: grants[1].id };

  const doc = (await api.get('/api/openapi.json')).body;
  for (const [path, methods] of Object.entries<any>(doc.paths))
    for (const [method, op] of Object.entries<any>(methods)) ops.push({ method: method.toUpperCase(), path, action: op['x-action'] });
  // Log-out last: it ends the session the rest of the walk uses.
  ops = [...ops.filter((o) => o.action !== 'auth.session' || o.method === 'GET'), ...ops.filter((o) => o.action === 'auth.session' && o.method !== 'GET')];
});
afterAll(async () => {
  await api?.close();
});

let stationId = 0;
let gatePoint: [number, number] = [0, 0];
let gatePool: number[] = [];
let placesSamples: PlacesSamples;
let hazardSamples: HazardSamples;
let auditSamples: AuditSamples;
let planningSamples: PlanningSamples;

/** Concrete request for a documented route; a new parameter name fails here until it gets a sample. */
function requestFor(op: Op, meta: { bbox: number[] }) {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const placesParam = placesPathParam(placesSamples, op.method, op.path, name);
    if (placesParam) return placesParam;
    const planningParam = planningPathParam(planningSamples, op.method, op.path, name);
    if (planningParam) return planningParam;
    const auditsParam = auditsPathParam(auditSamples, op.method, op.path, name);
    if (auditsParam) return auditsParam;
    const hazardsParam = hazardsPathParam(hazardSamples, op.path, name);
    if (hazardsParam) return hazardsParam;
    if (name === 'layer') return 'buildings';
    if (name === 'id' && op.path.startsWith('/api/circle/gates/')) return String(gatePool[0]);
    if (name === 'grantId') return String(subject.grantId);
    if (name === 'id' && op.path.startsWith('/api/areas/')) return String(at.gridA);
    if (name === 'id' && op.path.startsWith('/api/households/')) return String(at.householdA);
    if (name === 'id' && op.path.startsWith('/api/users/')) return String(subject.id);
    throw new Error(`no sample value for path parameter ${name} of ${op.path}: add one to the matrix`);
  });
  const center = [(meta.bbox[0] + meta.bbox[2]) / 2, (meta.bbox[1] + meta.bbox[3]) / 2];
  const query: Record<string, string> = { level: 'street', q: '社区', area: String(at.gridA), limit: '3', bbox: meta.bbox.join(','),
    station: String(stationId), to: String(stationId), from: gatePoint.join(','), minutes: '5', ...placesQuery(placesSamples), ...hazardsQuery(hazardSamples), ...auditsQuery(auditSamples), ...planningQuery() };
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if ((KNOWN_QUERY[op.path] ?? '').split(' ').includes(k)) qs.set(k, v);
  const bodies: Record<string, unknown> = {
    ...placesBodies(placesSamples),
    ...hazardsBodies(hazardSamples),
    ...auditsBodies(auditSamples),
    ...planningBodies(planningSamples),
    'POST /api/auth/login': {}, // valid shape would log in again; 400 shows authorisation passed
    'POST /api/users': { username: `m${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`, displayName: '矩阵', password: 'matrix-password-1', grants: [{ role: 'grid_worker', areaId: at.gridA }] },
    'PATCH /api/users/{id}': { displayName: '矩阵改名' },
    'POST /api/users/{id}/grants': { role: 'street_staff', areaId: at.street },
    'POST /api/circle/siting': { area: at.gridA, k: 1, candidates: [{ lon: center[0], lat: center[1] }] },
    'POST /api/circle/gates': { lon: gatePoint[0], lat: gatePoint[1], name: '矩阵新门', closedFrom: '22:00', closedTo: '06:00' },
  };
  const key = `${op.method} ${op.path}`;
  if (['POST', 'PATCH', 'PUT'].includes(op.method) && !(key in bodies) && op.action !== 'auth.session') throw new Error(`no sample body for ${key}: add one to the matrix`);
  return { url: path + (qs.size ? `?${qs}` : ''), body: bodies[key], // a JSON body where a photo belongs: 400 shows authorisation passed
    expectStatus: key === 'POST /api/auth/login' || key === 'POST /api/places/{id}/photos' ? 400 : undefined };
}

/** Query parameters the matrix fills per route (the rest keep their defaults). */
const KNOWN_QUERY: Record<string, string> = {
  ...PLACES_KNOWN_QUERY,
  ...HAZARDS_KNOWN_QUERY,
  ...AUDITS_KNOWN_QUERY,
  ...PLANNING_KNOWN_QUERY,
  '/api/areas': 'level bbox',
  '/api/search': 'q limit',
  '/api/map/{layer}': 'bbox',
  '/api/areas/{id}/households': 'limit',
  '/api/audit': 'area limit',
  '/api/users': 'area limit',
  '/api/circle/coverage': 'area',
  '/api/circle/pois': 'area',
  '/api/circle/isochrones': 'station minutes',
  '/api/circle/walk': 'from to',
};

/** What the table says for this principal: allow, or which denial. */
function expected(w: Who, op: Op): 'allow' | 'deny' {
  const scopes = (['public', ...w.roles] as Role[]).map((r) => scopeOf(r, op.action));
  if (scopes.includes('any')) return 'allow';
  if (scopes.includes('jurisdiction') && w.covers) return 'allow';
  if (scopes.includes('own') && w.owns && op.path === '/api/households/{id}') return 'allow';
  return 'deny';
}

/** Personal data of household A may reach only staff whose jurisdiction covers it. */
const seesPersonal = (w: Who) => w.covers && w.roles.some((r) => scopeOf(r, 'households.read') === 'jurisdiction');

describe(`access matrix: every route × every role (${backendName()})`, () => {
  it('covers every documented route, each naming its action', () => {
    expect(ops.length).toBeGreaterThanOrEqual(15);
    for (const op of ops) expect(op.action, `${op.method} ${op.path}`).toBeTruthy();
    expect(ops.map((o) => `${o.method} ${o.path}`)).toEqual(expect.arrayContaining(['GET /api/areas/{id}/households', 'GET /api/households/{id}', 'GET /api/audit', 'POST /api/users']));
  });

  it('allows and denies as the permissions table says, leaking no personal data', async () => {
    const meta = (await api.get('/api/meta')).body;
    const failures: string[] = [];
    const tally = new Map<string, { allow: number; deny: number }>();
    for (const op of ops) {
      for (const w of who) {
        const req = requestFor(op, meta);
        const r = await api.request(op.method, req.url, { body: req.body, cookie: w.cookie });
        if (op.method === 'DELETE' && op.path === '/api/circle/gates/{id}' && r.status === 204) gatePool.shift();
        const want = expected(w, op);
        const t = tally.get(w.name) ?? { allow: 0, deny: 0 };
        t[want]++;
        tally.set(w.name, t);
        const label = `${w.name}: ${op.method} ${req.url} (${op.action}) → ${r.status} ${r.body?.error?.code ?? ''}`;
        if (want === 'allow') {
          const ok = req.expectStatus ? r.status === req.expectStatus : r.status >= 200 && r.status < 300;
          if (!ok) failures.push(`expected allowed, ${label} ${r.body?.error?.message ?? ''}`);
        } else {
          const anonymous = !w.cookie;
          const okDeny = anonymous ? r.status === 401 && r.body.error.code === 'UNAUTHORIZED' : [403, 404].includes(r.status) && ['FORBIDDEN', 'NOT_FOUND'].includes(r.body.error.code);
          if (!okDeny) failures.push(`expected denied, ${label}`);
        }
        const text = JSON.stringify(r.body);
        if (!seesPersonal(w) && (text.includes(at.memberA.name) || text.includes(at.memberA.phone))) failures.push(`personal data leaked to ${label}`);
      }
    }
    expect(failures).toEqual([]);
    // The walk really exercised both sides for everyone but the admin (who may do everything).
    for (const [name, t] of tally) {
      expect(t.allow, name).toBeGreaterThan(0);
      if (name !== 'admin') expect(t.deny, name).toBeGreaterThan(0);
    }
  });
});
