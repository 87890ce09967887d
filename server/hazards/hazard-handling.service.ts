/**
 * Moving a case: one transaction locks the case, checks the transition (hazard.workflow.ts),
 * appends the event, updates the projection, attaches evidence, credits points once, and writes
 * the audit log. A retried request with the same Idempotency-Key gets the first answer back.
 * Authorisation (tier and jurisdiction) happens in the route before this is called.
 */
import type { Kysely } from 'kysely';
import { record } from '../audit/audit.service.ts';
import type { Actor } from '../auth/principal.ts';
import type { DB } from '../db/types.ts';
import { badRequest, conflict, forbidden, notFound, unprocessable } from '../errors.ts';
import * as abuse from './hazard-abuse.repository.ts';
import * as cases from './hazard-cases.repository.ts';
import * as config from './hazard-config.repository.ts';
import * as log from './hazard-log.repository.ts';
import * as photos from './hazard-photos.repository.ts';
import { loadView, sha256, UPLOAD_TTL_MS } from './hazard-report.service.ts';
import { checkTransition, projectionFor, REASONS, type CaseFacts, type EscalationLevel, type State } from './hazard.workflow.ts';
import type { TransitionBody } from './hazards.schema.ts';

export interface Acting {
  actor: Actor;
  /** The role of the grant that allows this (recorded on the event). */
  role: string;
  idempotencyKey: string | null;
}

export async function transition(db: Kysely<DB>, a: Acting, id: number, input: TransitionBody) {
  if ((input.priority || input.category) && input.action !== 'verify') throw badRequest('priority and category can only be changed when verifying');
  const userId = a.actor.principal.user?.id ?? null;
  const at = a.actor.at;
  const result = await db.transaction().execute(async (trx) => {
    // Lock first: a concurrent retry with the same key waits here, then finds the first one's event.
    const row = await cases.lockCase(trx, id);
    if (!row) throw notFound(`hazard case ${id} does not exist`);
    if (a.idempotencyKey) {
      const prior = await log.eventByKey(trx, id, a.idempotencyKey);
      if (prior) {
        if (prior.kind !== input.action || prior.actor_id !== userId)
          throw conflict(`Idempotency-Key ${a.idempotencyKey} was already used for ${prior.kind} on case ${id}`);
        return { replayed: true, eventId: prior.id, to: prior.to_state, credited: false };
      }
    }
    const facts: CaseFacts = {
      id,
      state: row.status as State,
      escalationLevel: row.escalation_level as EscalationLevel | null,
      reporterId: row.reporter_id,
      duplicateTargetState: input.duplicateOf ? await cases.caseStatus(trx, input.duplicateOf) : undefined,
    };
    const check = checkTransition(facts, { ...input, evidenceCount: input.evidence.length }, userId);
    if (!check.valid) {
      if (check.reason === REASONS.NOT_FROM_STATE) throw conflict(check.message, { reason: check.reason, state: row.status, action: input.action, allowed: check.allowed });
      if (check.reason === REASONS.OWN_REPORT) throw forbidden(check.message);
      throw unprocessable(check.reason, check.message);
    }
    if (input.category && !(await config.findCategory(trx, input.category))) throw badRequest(`category ${input.category} does not exist`);
    const data = Object.fromEntries(
      Object.entries({ level: input.level, agency: input.agency, duplicateOf: input.duplicateOf, priority: input.priority, category: input.category, evidence: input.evidence.length || undefined })
        .filter(([, v]) => v !== undefined),
    );
    const eventId = await log.insertEvent(trx, { hazardId: id, at, kind: input.action, from: row.status, to: check.to, actorId: userId, actorRole: a.role, note: input.note ?? null, data, idempotencyKey: a.idempotencyKey });
    if (input.action !== 'note') {
      const patch = projectionFor(facts, input, check.to, at);
      if (input.priority) patch.priority = input.priority;
      if (input.category) patch.category = input.category;
      await cases.updateCase(trx, id, patch);
    }
    if (input.evidence.length) {
      const n = await photos.attach(trx, { hashes: input.evidence.map(sha256), hazardId: id, kind: 'evidence', eventId, at, since: new Date(at.getTime() - UPLOAD_TTL_MS) });
      if (n !== new Set(input.evidence).size) throw unprocessable('UPLOAD_NOT_FOUND', `${input.evidence.length - n} of the evidence tokens are unknown, used or older than a day`);
    }
    if (input.action === 'mark_duplicate' && input.duplicateOf) {
      // The repeated report counts as a "me too" on the case it repeats.
      await abuse.addSupporter(trx, { hazardId: input.duplicateOf, at, userId: row.reporter_id, device: row.reporter_id ? null : `case-${id}` });
    }
    let credited = false;
    if (input.action === 'verify' && row.reporter_id !== null) {
      const cat = await config.findCategory(trx, input.category ?? row.category);
      if (cat && cat.points > 0) credited = await log.creditOnce(trx, { userId: row.reporter_id, hazardId: id, points: cat.points, reason: 'verified', at });
    }
    await record(trx, a.actor, { action: `hazards.${input.action}`, targetType: 'hazard', targetId: id, areaId: row.grid_id, details: { from: row.status, to: check.to, ...data } });
    return { replayed: false, eventId, to: check.to, credited };
  });
  return { ...result, case: await loadView(db, id, 'staff', at) };
}

/** Hide, unhide or dismiss flags: an event on the case, never an edit of what was reported. */
export async function moderate(db: Kysely<DB>, a: Acting, id: number, input: { action: 'hide' | 'unhide' | 'dismiss'; reason: string }) {
  const at = a.actor.at;
  await db.transaction().execute(async (trx) => {
    const row = await cases.lockCase(trx, id);
    if (!row) throw notFound(`hazard case ${id} does not exist`);
    await log.insertEvent(trx, { hazardId: id, at, kind: 'moderate', from: row.status, to: row.status, actorId: a.actor.principal.user?.id ?? null, actorRole: a.role, note: input.reason, data: { action: input.action }, idempotencyKey: null });
    const hidden = input.action === 'hide' ? { hidden: true } : input.action === 'unhide' ? { hidden: false } : {};
    await cases.updateCase(trx, id, { ...hidden, moderated_at: at });
    await record(trx, a.actor, { action: 'hazards.moderate', targetType: 'hazard', targetId: id, areaId: row.grid_id, details: input });
  });
  return loadView(db, id, 'staff', at);
}
