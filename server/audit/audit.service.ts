/**
 * The audit log (PIPL: accountability for personal data): every write and every read of personal data lands here
 * with who, when, what and from where, before the data leaves the server.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/principal.ts';
import type { DB } from '../db/types.ts';
import * as repo from './audit.repository.ts';

export interface AuditEvent {
  action: string;
  targetType?: string;
  targetId?: string | number;
  areaId?: number | null;
  details?: Record<string, unknown>;
}

export async function record(db: Kysely<DB>, actor: Actor, e: AuditEvent): Promise<void> {
  const u = actor.principal.user;
  await repo.insertEntry(db, {
    at: actor.at,
    actor_id: u?.id ?? null,
    actor_username: u?.username ?? null,
    action: e.action,
    target_type: e.targetType ?? null,
    target_id: e.targetId === undefined ? null : String(e.targetId),
    area_id: e.areaId ?? null,
    ip: actor.origin.ip,
    user_agent: actor.origin.userAgent,
    details: e.details ?? {},
  });
}

export async function list(db: Kysely<DB>, q: { area?: number; limit: number; before?: number; action?: string }) {
  const rows = await repo.listEntries(db, { areaId: q.area ?? null, limit: q.limit, before: q.before, action: q.action });
  return {
    entries: rows.map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      actor: r.actor_id === null ? null : { id: r.actor_id, username: r.actor_username },
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      areaId: r.area_id,
      ip: r.ip,
      userAgent: r.user_agent,
      details: r.details,
    })),
    next: rows.length === q.limit ? rows[rows.length - 1].id : null,
  };
}
