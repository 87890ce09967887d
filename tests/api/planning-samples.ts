/**
 * Sample targets for the planning routes in the access matrix (tests/api/access-matrix.test.ts):
 * drafts of community A (a fresh one at version 1 for every write, so each allowed caller gets a
 * 2xx), and a published history of community A (baseline version 1 + version 2) for the history,
 * diff, export and rollback routes. Set up through the API by a planner of the whole street.
 */
import { sql } from 'kysely';
import { createTestUser, loginAs, type Places } from '../support/accounts.ts';
import type { ApiContext } from '../support/api.ts';

/** Every caller of every write takes the next draft (denied callers too), so writes never share one. */
const N = 40;

export interface PlanningSamples {
  communityA: number;
  drafts: number[];
  /** Draft labels (live grid codes when the drafts were opened): a written reason for each. */
  reasons: Record<string, string>;
  unitCode: string;
  next: Record<string, number>;
}

export async function setupPlanningSamples(api: ApiContext, at: Places): Promise<PlanningSamples> {
  const db = api.database.db;
  const cookie = await loginAs(api, await createTestUser(db, [{ role: 'planner', areaId: at.street }], 'matrixplanner'));
  const open = async () => {
    const r = await api.send('POST', '/api/planning/drafts', { areaId: at.communityA, name: '矩阵草案' }, { cookie });
    if (r.status !== 201) throw new Error(`planning samples: open draft ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.id as number;
  };
  const grids = (await sql<{ code: string }>`select code from areas where parent_id = ${at.communityA} and level = 'grid'`.execute(db)).rows;
  const reasons = Object.fromEntries(grids.map((g) => [g.code, '矩阵测试：保持现状']));
  const first = await open();
  // The sample's grids are not all contiguous on the unit adjacency: a least-change proposal repairs them.
  const p = await api.send('POST', `/api/planning/drafts/${first}/propose`, { baseVersion: 1, mode: 'least_change', keepInvalid: true }, { cookie });
  if (p.status !== 201) throw new Error(`planning samples: propose ${p.status} ${JSON.stringify(p.body)}`);
  const labels0 = Object.values((await api.get(`/api/planning/drafts/${first}?geometry=false`, { cookie })).body.assignments as Record<string, string>);
  for (const l of labels0) reasons[l] = '矩阵测试：保持现状';
  const pub = await api.send('POST', `/api/planning/drafts/${first}/publish`, { version: 2, reasons }, { cookie });
  if (pub.status !== 200) throw new Error(`planning samples: publish ${pub.status} ${JSON.stringify(pub.body)}`);
  const drafts: number[] = [];
  for (let i = 0; i < N; i++) drafts.push(await open());
  const labels = (await sql<{ code: string }>`select code from areas where parent_id = ${at.communityA} and level = 'grid'`.execute(db)).rows;
  const [unit] = (await sql<{ code: string }>`select u.code from areas u join areas g on g.id = u.parent_id where g.parent_id = ${at.communityA} order by u.code limit 1`.execute(db)).rows;
  return { communityA: at.communityA, drafts, reasons: { ...reasons, ...Object.fromEntries(labels.map((g) => [g.code, '矩阵测试：保持现状'])) }, unitCode: unit.code, next: {} };
}

/** A fresh draft per write request (index 0 stays for reads). */
const take = (s: PlanningSamples, key: string) => {
  s.next.all = (s.next.all ?? 0) + 1;
  if (s.next.all >= s.drafts.length) throw new Error(`planning samples: more than ${s.drafts.length - 1} write requests (last ${key}); raise N`);
  return String(s.drafts[s.next.all]);
};

/** The path parameter of a planning route, or undefined for other routes. */
export function planningPathParam(s: PlanningSamples, method: string, path: string, name: string): string | undefined {
  if (!path.startsWith('/api/planning/')) return undefined;
  if (name === 'version') return '1';
  if (name !== 'id') return undefined;
  if (path.startsWith('/api/planning/communities/')) return String(s.communityA);
  if (method !== 'GET') return take(s, `${method} ${path}`);
  return String(s.drafts[0]);
}

/** Request bodies for the planning routes. */
export function planningBodies(s: PlanningSamples): Record<string, unknown> {
  return {
    'POST /api/planning/drafts': { areaId: s.communityA, name: '矩阵新草案' },
    'PUT /api/planning/drafts/{id}': { baseVersion: 1, assignments: {} },
    'PATCH /api/planning/drafts/{id}': { baseVersion: 1, changes: {} },
    'POST /api/planning/drafts/{id}/propose': { baseVersion: 1, mode: 'least_change', keepInvalid: true },
    'POST /api/planning/drafts/{id}/publish': { version: 1, reasons: s.reasons },
    'POST /api/planning/imports': { areaId: s.communityA, csv: `unit_code,grid_code\n${s.unitCode},A` },
    'POST /api/planning/communities/{id}/versions/{version}/rollback': {},
  };
}

/** Query parameters the matrix fills for planning routes. */
export const PLANNING_KNOWN_QUERY: Record<string, string> = {
  '/api/planning/drafts': 'area',
  '/api/planning/drafts/{id}/export': 'format',
  '/api/planning/communities/{id}/versions/{version}/export': 'format',
};
export const planningQuery = () => ({ format: 'csv' });
