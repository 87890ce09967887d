/**
 * Sample targets for the audit routes in the access matrix (tests/api/access-matrix.test.ts): a
 * compound over grid A in community A, an open campaign on community A, and pools of spaces, leads
 * and campaigns at the stage each write needs. Writes that change a target take a fresh one per
 * request (index 0 stays for reads), so every allowed caller gets a 2xx.
 */
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../server/db/types.ts';
import { png } from '../unit/hazards/image-fixtures.ts';

const N = 14;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');

export interface AuditSamples {
  point: [number, number];
  communityA: number;
  compoundId: number;
  campaignId: number;
  fileId: number;
  pools: Record<string, number[]>;
  /** Per space: the document it can cite, the finding entry it can correct. */
  docOf: Map<number, number>;
  findingOf: Map<number, number>;
  next: Record<string, number>;
  current: number;
}

const sha = (b: Buffer | string) => crypto.createHash('sha256').update(b).digest('hex');

export async function setupAuditSamples(db: Kysely<DB>, communityA: number, gridA: number): Promise<AuditSamples> {
  const q = async <T>(s: ReturnType<typeof sql<T>>) => (await s.execute(db)).rows;
  const [p] = await q<{ x: number; y: number }>(sql`select ST_X(ST_PointOnSurface(geom)) x, ST_Y(ST_PointOnSurface(geom)) y from areas where id = ${gridA}`);
  const [{ id: compoundId }] = await q<{ id: number }>(sql`insert into compounds (name, type, total_floor_area_m2, community_id, geom)
    select '矩阵小区', 'commercial', 40000, ${communityA}, geom from areas where id = ${gridA} returning id`);
  const [{ id: campaignId }] = await q<{ id: number }>(sql`insert into audit_campaigns (name, area_id, participants, starts_on, ends_on)
    values ('矩阵核查', ${communityA}, '[{"party":"street_office","name":"矩阵街道办"}]', '2000-01-01', '2100-12-31') returning id`);
  const spaces = async (tag: string, status: string, stage: string | null) =>
    (await q<{ id: number }>(sql`insert into spaces (kind, name, area_m2, status, compound_id, campaign_id, audit_stage, geom)
      select 'idle_space', ${'矩阵' + tag} || g, 30, ${status}, ${compoundId}, ${stage === null ? null : campaignId}, ${stage},
        ST_SetSRID(ST_MakePoint(${p.x}, ${p.y}), 4326) from generate_series(1, ${N}) g returning id`)).map((r) => r.id);
  const pools: Record<string, number[]> = {
    read: await spaces('读', 'registered', null),
    patch: await spaces('改', 'registered', null),
    enrol: await spaces('议', 'registered', null),
    inspect: await spaces('看', 'under_audit', 'agreed'),
    find: await spaces('查', 'under_audit', 'inspected'),
    correct: await spaces('正', 'missing', 'found'),
    convert: await spaces('建', 'reclaimed', 'found'),
    close: (await q<{ id: number }>(sql`insert into audit_campaigns (name, area_id, starts_on, ends_on)
      select '矩阵关闭' || g, ${communityA}, '2000-01-01', '2100-12-31' from generate_series(1, ${N}) g returning id`)).map((r) => r.id),
    triage: (await q<{ id: number }>(sql`insert into audit_leads (campaign_id, geom, description, submitted_at)
      select ${campaignId}, ST_SetSRID(ST_MakePoint(${p.x}, ${p.y}), 4326), '矩阵线索' || g, now() from generate_series(1, ${N}) g returning id`)).map((r) => r.id),
  };
  const fileId = (await q<{ id: number }>(sql`insert into audit_files (upload_hash, kind, mime, bytes, sha256, data, uploaded_at, space_id, attached_at)
    values (${sha(crypto.randomBytes(16))}, 'photo', 'image/jpeg', 8, 'x', ${png(8, 8)}, now(), ${pools.read[0]}, now()) returning id`))[0].id;
  const docOf = new Map<number, number>();
  for (const id of pools.find) {
    docOf.set(id, (await q<{ id: number }>(sql`insert into audit_files (upload_hash, kind, mime, bytes, sha256, data, uploaded_at, space_id, attached_at)
      values (${sha(crypto.randomBytes(16))}, 'document', 'application/pdf', ${PDF.length}, ${sha(PDF)}, ${PDF}, now(), ${id}, now()) returning id`))[0].id);
  }
  const findingOf = new Map<number, number>();
  for (const id of pools.correct) {
    findingOf.set(id, (await q<{ id: number }>(sql`insert into space_events (space_id, campaign_id, step, at, status_from, status_to, data)
      values (${id}, ${campaignId}, 'finding', now(), 'under_audit', 'missing', '{"outcome":"missing","date":"2026-11-01"}') returning id::int as id`))[0].id);
  }
  return { point: [p.x, p.y], communityA, compoundId, campaignId, fileId, pools, docOf, findingOf, next: {}, current: 0 };
}

/** A fresh target per call of the same kind (index 0 stays for reads). */
const take = (s: AuditSamples, key: string) => {
  s.next[key] = (s.next[key] ?? 0) + 1;
  if (s.next[key] >= s.pools[key].length) throw new Error(`audit samples: more than ${s.pools[key].length - 1} ${key} requests; raise N`);
  s.current = s.pools[key][s.next[key]];
  return String(s.current);
};

const FRESH: Record<string, string> = {
  'PATCH /api/audits/spaces/{id}': 'patch',
  'POST /api/audits/spaces/{id}/findings': 'find',
  'POST /api/audits/spaces/{id}/corrections': 'correct',
  'POST /api/audits/spaces/{id}/convert': 'convert',
  'POST /api/audits/campaigns/{id}/close': 'close',
  'POST /api/audits/leads/{id}/triage': 'triage',
};

/** The path parameter of an audit route, or undefined for other routes. */
export function auditsPathParam(s: AuditSamples, method: string, path: string, name: string): string | undefined {
  if (!path.startsWith('/api/audits/') || name !== 'id') return undefined;
  const key = `${method} ${path}`;
  if (FRESH[key]) return take(s, FRESH[key]);
  if (key === 'POST /api/audits/campaigns/{id}/spaces') {
    take(s, 'enrol');
    return String(s.campaignId);
  }
  if (path.startsWith('/api/audits/compounds/')) return String(s.compoundId);
  if (path.startsWith('/api/audits/campaigns/')) return String(s.campaignId);
  if (path.startsWith('/api/audits/leads/')) return String(s.pools.triage[0]);
  if (path.startsWith('/api/audits/files/')) return String(s.fileId);
  if (path === '/api/audits/spaces/{id}/inspections') return String(s.pools.inspect[0]);
  if (path.startsWith('/api/audits/spaces/')) return String(s.pools.read[0]);
  return undefined;
}

export const auditsQuery = (s: AuditSamples): Record<string, string> => ({ campaign: String(s.campaignId) });

export const AUDITS_KNOWN_QUERY: Record<string, string> = {
  '/api/audits/compounds': 'area',
  '/api/audits/compounds/layer': 'area',
  '/api/audits/spaces': 'area',
  '/api/audits/spaces/layer': 'area',
  '/api/audits/campaigns': 'area',
  '/api/audits/leads': 'campaign',
  '/api/audits/standards': 'area',
  '/api/audits/report': 'area',
  '/api/audits/report.xlsx': 'area',
  '/api/audits/report.pdf': 'area',
  '/api/audits/report.html': 'area',
};

export function auditsBodies(s: AuditSamples): Record<string, unknown> {
  const [x, y] = s.point;
  const d = 0.0001;
  const image = png(8, 8).toString('base64');
  return {
    'POST /api/audits/compounds': { name: '矩阵新小区', type: 'old', totalFloorAreaM2: 1000,
      geometry: { type: 'Polygon', coordinates: [[[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d], [x - d, y - d]]] } },
    'PATCH /api/audits/compounds/{id}': { propertyCompany: '矩阵物业' },
    'POST /api/audits/spaces': { compoundId: s.compoundId, kind: 'idle_space', subkind: 'shed', name: '矩阵车棚', lon: x, lat: y, areaM2: 25 },
    'PATCH /api/audits/spaces/{id}': { version: 1, name: '矩阵改名' },
    'POST /api/audits/uploads': { data: image },
    'POST /api/audits/leads/uploads': { data: image },
    'POST /api/audits/leads': { lon: x, lat: y, description: '矩阵：小区门口的车棚一直锁着' },
    'POST /api/audits/leads/{id}/triage': { decision: 'reject', note: '矩阵' },
    'POST /api/audits/campaigns': { name: '矩阵新核查', area: s.communityA, participants: [{ party: 'community', name: '矩阵社区' }], startsOn: '2026-11-01', endsOn: '2026-12-31' },
    'POST /api/audits/campaigns/{id}/close': {},
    'POST /api/audits/campaigns/{id}/spaces': { spaceId: s.current },
    'POST /api/audits/spaces/{id}/inspections': { inspector: '矩阵检查员', at: '2026-11-20T10:00:00+08:00', lon: x, lat: y, measuredAreaM2: 28, currentUse: '空置' },
    'POST /api/audits/spaces/{id}/findings': { outcome: 'reclaimed', date: '2026-11-20', reclaimedAreaM2: 28, documentIds: [s.docOf.get(s.current) ?? 0] },
    'POST /api/audits/spaces/{id}/corrections': { corrects: s.findingOf.get(s.current) ?? 0, data: { outcome: 'occupied' }, note: '矩阵更正' },
    'POST /api/audits/spaces/{id}/convert': { placeKind: 'grid_station' },
    'POST /api/audits/compounds/{id}/income': { period: '2026-10', category: 'parking', dueYuan: 1000, collectedYuan: 800 },
  };
}
