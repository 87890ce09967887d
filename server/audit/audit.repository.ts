/** Every kysely call for the audit log. The table is append-only (a trigger refuses the rest). */
import { sql, type Kysely } from 'kysely';
import { subtreeIds } from '../auth/jurisdiction.repository.ts';
import type { DB } from '../db/types.ts';

export interface AuditInsert {
  at: Date;
  actor_id: number | null;
  actor_username: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  area_id: number | null;
  ip: string | null;
  user_agent: string | null;
  details: Record<string, unknown>;
}

export async function insertEntry(db: Kysely<DB>, e: AuditInsert): Promise<void> {
  await db.insertInto('audit_log').values({ ...e, details: sql`${JSON.stringify(e.details)}::jsonb` }).execute();
}

export interface AuditRow extends AuditInsert {
  id: number;
}

/** Newest first; `areaId` = that area and below (null = everything, entries without area too). */
export async function listEntries(db: Kysely<DB>, q: { areaId: number | null; limit: number; before?: number; action?: string }): Promise<AuditRow[]> {
  let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(q.limit);
  if (q.areaId !== null) query = query.where('area_id', 'in', subtreeIds(q.areaId));
  if (q.before !== undefined) query = query.where('id', '<', q.before);
  if (q.action) query = query.where('action', '=', q.action);
  return query.execute() as Promise<AuditRow[]>;
}
