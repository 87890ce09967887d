/**
 * The four steps on a space (莱阳): 多方议 agree it into a campaign, 现场看 inspect it, 索骥查 find
 * against the records, and corrections. Each runs in one transaction with the space row locked:
 * order checked (409 naming the allowed steps), evidence claimed, the status/stage projection
 * updated and one history entry appended.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { record } from '../audit/audit.service.ts';
import type { Actor } from '../auth/principal.ts';
import type { DB } from '../db/types.ts';
import { conflict, notFound, unprocessable } from '../errors.ts';
import { haversineM } from '../geo/distance.ts';
import { parse } from '../http/validate.ts';
import { allowedSteps, nextStage, OUTCOME_STATUS, STEP_ZH, type AuditStep, type FindingOutcome } from './audit.workflow.ts';
import { authorizeCampaign, authorizeSpace } from './audits.access.ts';
import { eventView, spaceView } from './audits.views.ts';
import { checkFinding, findingData, inspectionData, type FindingInput, type InspectionInput } from './campaign.schema.ts';
import * as campaigns from './campaigns.repository.ts';
import * as events from './events.repository.ts';
import * as files from './files.repository.ts';
import * as spaces from './spaces.repository.ts';
import { claim } from './uploads.service.ts';

type Db = Kysely<DB>;
export const actorName = (a: Actor) => a.principal.user?.displayName ?? a.principal.user?.username ?? null;

/** Locks the space and checks `step` may come next; returns the locked row. */
export async function lockForStep(trx: Db, spaceId: number, step: AuditStep) {
  const s = await spaces.findSpace(trx, spaceId, true);
  if (!s) throw notFound(`space ${spaceId} does not exist`);
  const allowed = allowedSteps({ status: s.status, stage: s.audit_stage, campaignOpen: s.campaign_open === true });
  if (!allowed.includes(step)) {
    const where = s.campaign_id && s.campaign_open ? `is at stage ${s.audit_stage} of campaign ${s.campaign_id}` : s.status === 'converted' ? 'is converted into a station' : 'is in no open campaign';
    throw conflict(`space ${spaceId} ${where}: ${step} (${STEP_ZH[step]}) is not allowed now; allowed next: ${allowed.length ? allowed.join(', ') : 'none'}`, { allowed });
  }
  return s;
}

/** Evidence: new uploads (tokens) plus files already attached to this space. */
export async function evidenceFiles(trx: Db, spaceId: number, tokens: string[], ids: number[], at: Date, kind?: 'photo' | 'document') {
  const fresh = await claim(trx, tokens, at, kind);
  await files.attachFiles(trx, fresh, { spaceId }, at);
  const own = new Map((await files.filesOfSpace(trx, spaceId)).map((f) => [f.id, f]));
  const bad = ids.find((id) => !own.has(id) || (kind && own.get(id)!.kind !== kind));
  if (bad !== undefined) throw unprocessable('EVIDENCE_NOT_FOUND', `file ${bad} is not a ${kind ?? 'file'} of space ${spaceId}; upload it and give its token`);
  return [...new Set([...fresh, ...ids])];
}

export async function enrol(db: Db, actor: Actor, campaignId: number, input: { spaceId: number; note?: string; files: string[] }) {
  await authorizeCampaign(db, actor.principal, 'audits.manage', campaignId);
  const community = await authorizeSpace(db, actor.principal, 'audits.manage', input.spaceId);
  return db.transaction().execute(async (trx) => {
    const k = (await campaigns.findCampaign(trx, campaignId))!;
    if (k.status !== 'open') throw conflict(`campaign ${campaignId} is closed: open a new one`);
    const s = await lockForStep(trx, input.spaceId, 'agree');
    if (!(await campaigns.inScope(trx, campaignId, s.lon, s.lat))) throw unprocessable('SPACE_OUTSIDE_SCOPE', `space ${s.name} (id ${s.id}) lies outside the scope of campaign ${k.name} (${k.area_name})`);
    const evidence = await evidenceFiles(trx, s.id, input.files, [], actor.at);
    await spaces.updateSpace(trx, s.id, null, { status: 'under_audit', campaignId, auditStage: 'agreed' });
    const id = await events.appendEvent(trx, { spaceId: s.id, campaignId, step: 'agree', at: actor.at, actorId: actor.principal.user?.id ?? null, actorName: actorName(actor),
      statusFrom: s.status, statusTo: 'under_audit', data: { campaign: k.name, participants: k.participants, startsOn: k.starts_on, endsOn: k.ends_on }, evidence, corrects: null, note: input.note ?? null });
    await record(trx, actor, { action: 'audits.manage', targetType: 'space', targetId: s.id, areaId: community || null, details: { step: 'agree', campaignId } });
    return { entry: id, space: spaceView((await spaces.findSpace(trx, s.id))!) };
  });
}

export async function inspect(db: Db, actor: Actor, spaceId: number, input: InspectionInput) {
  const community = await authorizeSpace(db, actor.principal, 'audits.manage', spaceId);
  return db.transaction().execute(async (trx) => {
    const s = await lockForStep(trx, spaceId, 'inspection');
    const evidence = await evidenceFiles(trx, s.id, input.photos, [], actor.at, 'photo');
    const { photos: _p, note, ...data } = input;
    const distanceM = Math.round(haversineM([input.lon, input.lat], [s.lon, s.lat]));
    await spaces.updateSpace(trx, s.id, null, { measuredAreaM2: input.measuredAreaM2, currentUse: input.currentUse, occupant: input.occupant ?? null, auditStage: nextStage(s.audit_stage, 'inspection') });
    const id = await events.appendEvent(trx, { spaceId: s.id, campaignId: s.campaign_id, step: 'inspection', at: actor.at, actorId: actor.principal.user?.id ?? null, actorName: actorName(actor),
      statusFrom: s.status, statusTo: s.status, data: { ...data, distanceFromSpaceM: distanceM }, evidence, corrects: null, note: note ?? null });
    await record(trx, actor, { action: 'audits.manage', targetType: 'space', targetId: s.id, areaId: community || null, details: { step: 'inspection' } });
    return { entry: id, space: spaceView((await spaces.findSpace(trx, s.id))!) };
  });
}

export async function find(db: Db, actor: Actor, spaceId: number, input: FindingInput) {
  const community = await authorizeSpace(db, actor.principal, 'audits.manage', spaceId);
  return db.transaction().execute(async (trx) => {
    const s = await lockForStep(trx, spaceId, 'finding');
    const evidence = await evidenceFiles(trx, s.id, input.documents, input.documentIds, actor.at, 'document');
    const { documents: _d, documentIds: _i, note, ...data } = input;
    const status = OUTCOME_STATUS[input.outcome];
    await spaces.updateSpace(trx, s.id, null, { status, auditStage: 'found' });
    const id = await events.appendEvent(trx, { spaceId: s.id, campaignId: s.campaign_id, step: 'finding', at: actor.at, actorId: actor.principal.user?.id ?? null, actorName: actorName(actor),
      statusFrom: s.status, statusTo: status, data, evidence, corrects: null, note: note ?? null });
    await record(trx, actor, { action: 'audits.manage', targetType: 'space', targetId: s.id, areaId: community || null, details: { step: 'finding', outcome: input.outcome } });
    return { entry: id, space: spaceView((await spaces.findSpace(trx, s.id))!) };
  });
}

const CORRECTABLE: Record<string, z.ZodType> = {
  inspection: inspectionData,
  finding: findingData.superRefine(checkFinding),
};

/** A correction appends the corrected entry in full, pointing at the one it replaces. */
export async function correct(db: Db, actor: Actor, spaceId: number, input: { corrects: number; data: Record<string, unknown>; note: string; documents: string[]; documentIds: number[] }) {
  const community = await authorizeSpace(db, actor.principal, 'audits.manage', spaceId);
  return db.transaction().execute(async (trx) => {
    const s = await spaces.findSpace(trx, spaceId, true);
    if (!s) throw notFound(`space ${spaceId} does not exist`);
    const target = await events.findEvent(trx, input.corrects);
    if (!target || target.space_id !== spaceId) throw notFound(`history entry ${input.corrects} of space ${spaceId} does not exist`);
    const schema = CORRECTABLE[target.step];
    if (!schema) throw unprocessable('NOT_CORRECTABLE', `entry ${target.id} is a ${target.step}; only inspection and finding entries take corrections`);
    if (target.corrected_by.length) throw conflict(`entry ${target.id} was already corrected by entry ${target.corrected_by.at(-1)}: correct that one`, { correctedBy: target.corrected_by });
    const merged = parse(schema, { ...stripDerived(target.data), ...input.data }, 'data') as Record<string, unknown>;
    const kind = target.step === 'finding' ? 'document' : 'photo';
    let evidence = await evidenceFiles(trx, spaceId, input.documents, input.documentIds, actor.at, kind);
    if (!evidence.length) evidence = target.evidence;
    let statusTo = s.status;
    if (target.step === 'finding') {
      const newStatus = OUTCOME_STATUS[merged.outcome as FindingOutcome];
      if (newStatus !== target.status_to) {
        if (s.status !== target.status_to) throw conflict(`space ${spaceId} is ${s.status} since this finding; its outcome can no longer change`);
        statusTo = newStatus;
        await spaces.updateSpace(trx, spaceId, null, { status: newStatus });
      }
    } else {
      await spaces.updateSpace(trx, spaceId, null, { measuredAreaM2: merged.measuredAreaM2 as number, currentUse: merged.currentUse as string, occupant: (merged.occupant as string | null) ?? null });
    }
    if (target.step === 'inspection') merged.distanceFromSpaceM = Math.round(haversineM([merged.lon as number, merged.lat as number], [s.lon, s.lat]));
    const id = await events.appendEvent(trx, { spaceId, campaignId: target.campaign_id, step: target.step, at: actor.at, actorId: actor.principal.user?.id ?? null, actorName: actorName(actor),
      statusFrom: s.status, statusTo, data: merged, evidence, corrects: target.id, note: input.note });
    await record(trx, actor, { action: 'audits.manage', targetType: 'space', targetId: spaceId, areaId: community || null, details: { step: 'correction', corrects: target.id } });
    return { entry: eventView((await events.findEvent(trx, id))!), space: spaceView((await spaces.findSpace(trx, spaceId))!) };
  });
}

const stripDerived = (d: Record<string, unknown>) => {
  const { distanceFromSpaceM: _d, ...rest } = d;
  return rest;
};
