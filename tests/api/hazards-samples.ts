/**
 * Sample targets for the hazard and Open311 routes in the access matrix
 * (tests/api/access-matrix.test.ts): one open case in grid A with a follow-up token and a photo.
 * Writes are repeatable (a note, "me too", a flag, dismissing flags, saving a category or service
 * level with the values it already has), so every allowed caller gets a 2xx.
 */
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../server/db/types.ts';
import { png } from '../unit/hazards/image-fixtures.ts';

export interface HazardSamples {
  caseId: number;
  photoId: number;
  token: string;
  point: [number, number];
}

const sha256 = (s: string | Buffer) => crypto.createHash('sha256').update(s).digest('hex');

export async function setupHazardSamples(db: Kysely<DB>, unitA: number): Promise<HazardSamples> {
  const [p] = (await sql<{ x: number; y: number }>`select ST_X(ST_PointOnSurface(geom)) x, ST_Y(ST_PointOnSurface(geom)) y from areas where id = ${unitA}`.execute(db)).rows;
  const token = crypto.randomBytes(24).toString('base64url');
  const caseId = (await sql<{ id: number }>`
    insert into hazards (category, description, status, reported_at, geom, source, follow_hash, contact_phone)
    values ('other', '矩阵样例：垃圾桶破损', 'submitted', now(), ST_SetSRID(ST_MakePoint(${p.x}, ${p.y}), 4326), 'web', ${sha256(token)}, '13700000000')
    returning id`.execute(db)).rows[0].id;
  const data = png(8, 8);
  const photoId = (await sql<{ id: number }>`
    insert into hazard_photos (hazard_id, kind, upload_hash, mime, width, height, bytes, sha256, data, uploaded_at, attached_at)
    values (${caseId}, 'report', ${sha256(crypto.randomBytes(8))}, 'image/png', 8, 8, ${data.length}, ${sha256(data)}, ${data}, now(), now())
    returning id`.execute(db)).rows[0].id;
  return { caseId, photoId, token, point: [p.x, p.y] };
}

/** The path parameter of a hazard or Open311 route, or undefined for other routes. */
export function hazardsPathParam(s: HazardSamples, path: string, name: string): string | undefined {
  if (!path.startsWith('/api/hazards') && !path.startsWith('/open311/')) return undefined;
  if (name === 'id') return String(s.caseId);
  if (name === 'photoId') return String(s.photoId);
  if (name === 'token') return s.token;
  if (name === 'code') return 'other';
  if (name === 'priority') return 'normal';
  return undefined;
}

export const hazardsQuery = (s: HazardSamples): Record<string, string> => ({ lon: String(s.point[0]), lat: String(s.point[1]), category: 'other' });

export const HAZARDS_KNOWN_QUERY: Record<string, string> = {
  '/api/hazards': 'bbox',
  '/api/hazards/nearby': 'lon lat category',
  '/api/hazards/queue': 'area',
  '/api/hazards/dashboard': 'area',
  '/api/hazards/moderation': 'area',
};

export function hazardsBodies(s: HazardSamples): Record<string, unknown> {
  return {
    'POST /api/hazards/uploads': { data: png(8, 8).toString('base64') },
    'POST /api/hazards': { category: 'other', description: '矩阵：路灯不亮', location: { lon: s.point[0], lat: s.point[1] } },
    'POST /api/hazards/{id}/me-too': {},
    'POST /api/hazards/{id}/flags': { reason: '矩阵' },
    'POST /api/hazards/{id}/events': { action: 'note', note: '矩阵备注' },
    'POST /api/hazards/{id}/moderation': { action: 'dismiss', reason: '矩阵' },
    'PUT /api/hazards/categories/{code}': { name: '其他', eventClass: '其他', priority: 'normal', points: 2, fields: [], active: true, sort: 90 },
    'PUT /api/hazards/sla/{priority}': { respond: '4h', onSite: '1d', resolve: '5d' },
    'POST /open311/v2/requests.json': { service_code: 'other', lat: s.point[1], long: s.point[0], description: '矩阵：井盖松动' },
  };
}
