/**
 * 居民提: residents drop a pin with a description (and a photo) on the public page, anonymous
 * allowed and rate-limited per IP and device like hazard reports; staff accept (linking the lead to
 * a space, whose history gets the lead and its photos), reject or mark duplicates.
 */
import type { Kysely } from 'kysely';
import { record } from '../audit/audit.service.ts';
import { lockedForS } from '../auth/login-limits.ts';
import type { Actor } from '../auth/principal.ts';
import type { DB } from '../db/types.ts';
import { conflict, tooManyRequests, unprocessable } from '../errors.ts';
import * as abuse from '../hazards/hazard-abuse.repository.ts';
import { authorizeSpace } from './audits.access.ts';
import { leadView, spaceView } from './audits.views.ts';
import type { LeadInput } from './campaign.schema.ts';
import { actorName, lockForStep } from './campaign.service.ts';
import { nextStage } from './audit.workflow.ts';
import * as campaigns from './campaigns.repository.ts';
import * as events from './events.repository.ts';
import * as files from './files.repository.ts';
import * as spaces from './spaces.repository.ts';
import { claim } from './uploads.service.ts';

type Db = Kysely<DB>;
export interface Submitter {
  actor: Actor;
  device: string;
}

/** Anonymous leads and lead photos per hour: [per IP (shared carrier NAT), per device]. */
export const LEAD_LIMITS = Object.freeze({ audit_lead: { ip: 20, device: 5 }, audit_upload: { ip: 60, device: 15 } });

export async function limitAnonymous(db: Db, s: Submitter, kind: keyof typeof LEAD_LIMITS): Promise<void> {
  if (s.actor.principal.user) return;
  const l = LEAD_LIMITS[kind];
  const now = s.actor.at;
  const since = new Date(now.getTime() - 3_600_000);
  await abuse.lockSubmitter(db, s.actor.origin.ip);
  const byIp = await abuse.recentSubmissions(db, { kind, ip: s.actor.origin.ip, since, limit: l.ip });
  const ipWait = lockedForS(byIp, l.ip, 3600, now);
  if (ipWait > 0) throw tooManyRequests(`too many anonymous leads from your network: ${l.ip} an hour; log in or try later`, ipWait);
  const byDevice = await abuse.recentSubmissions(db, { kind, device: s.device, since, limit: l.device });
  const deviceWait = lockedForS(byDevice, l.device, 3600, now);
  if (deviceWait > 0) throw tooManyRequests(`too many anonymous leads from this device: ${l.device} an hour; log in or try later`, deviceWait);
  await abuse.recordSubmission(db, { kind, ip: s.actor.origin.ip, device: s.device, at: now });
}

const today = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10); // Asia/Shanghai

export async function openCampaigns(db: Db, now: Date) {
  return { campaigns: (await campaigns.openCampaigns(db, today(now))).map((c) => ({ id: c.id, name: c.name, areaName: c.area_name, startsOn: c.starts_on, endsOn: c.ends_on, geometry: c.geometry })) };
}

export async function submit(db: Db, s: Submitter, input: LeadInput) {
  const on = today(s.actor.at);
  let campaignId = input.campaignId ?? null;
  if (campaignId !== null) {
    const k = await campaigns.findCampaign(db, campaignId);
    if (!k || k.status !== 'open' || on < k.starts_on || on > k.ends_on) throw unprocessable('NO_OPEN_CAMPAIGN', `campaign ${campaignId} is not open for leads today`);
    if (!(await campaigns.inScope(db, campaignId, input.lon, input.lat))) throw unprocessable('OUTSIDE_CAMPAIGN', `the pin ${input.lon.toFixed(6)},${input.lat.toFixed(6)} lies outside campaign ${k.name} (${k.area_name})`);
  } else {
    campaignId = await campaigns.campaignAt(db, input.lon, input.lat, on);
    if (campaignId === null) throw unprocessable('NO_OPEN_CAMPAIGN', `no audit campaign is open at ${input.lon.toFixed(6)},${input.lat.toFixed(6)} today`);
  }
  const id = await db.transaction().execute(async (trx) => {
    await limitAnonymous(trx, s, 'audit_lead');
    const id = await campaigns.insertLead(trx, { campaignId: campaignId!, lon: input.lon, lat: input.lat, description: input.description, contact: input.contact ?? null, reporterId: s.actor.principal.user?.id ?? null, at: s.actor.at });
    const photos = await claim(trx, input.photo ? [input.photo] : [], s.actor.at, 'photo');
    await files.attachFiles(trx, photos, { leadId: id }, s.actor.at);
    await record(trx, s.actor, { action: 'audits.lead', targetType: 'audit_lead', targetId: id, details: { campaignId, anonymous: !s.actor.principal.user } });
    return id;
  });
  return { id, campaignId, status: 'new' };
}

export async function list(db: Db, campaignId: number, status?: string) {
  return { leads: (await campaigns.listLeads(db, campaignId, status)).map(leadView) };
}

export async function triage(db: Db, actor: Actor, lead: campaigns.LeadRow, input: { decision: 'accept' | 'reject' | 'duplicate'; spaceId?: number; note?: string }) {
  if (input.spaceId !== undefined) await authorizeSpace(db, actor.principal, 'audits.manage', input.spaceId);
  return db.transaction().execute(async (trx) => {
    const l = (await campaigns.findLead(trx, lead.id, true))!;
    if (l.status !== 'new') throw conflict(`lead ${l.id} is already ${l.status}`);
    const status = { accept: 'accepted', reject: 'rejected', duplicate: 'duplicate' }[input.decision];
    let space = null;
    if (input.decision === 'accept') {
      const spaceId = input.spaceId!;
      let s = (await spaces.findSpace(trx, spaceId, true))!;
      const k = (await campaigns.findCampaign(trx, l.campaign_id))!;
      const inThis = s.campaign_id === k.id && s.campaign_open && (s.audit_stage === 'agreed' || s.audit_stage === 'inspected');
      if (!inThis) {
        // The lead brings the space into its campaign: 多方议 first, then 居民提.
        if (!(await campaigns.inScope(trx, k.id, s.lon, s.lat))) throw unprocessable('SPACE_OUTSIDE_SCOPE', `space ${s.name} (id ${s.id}) lies outside the scope of campaign ${k.name}`);
        s = await lockForStep(trx, spaceId, 'agree');
        await spaces.updateSpace(trx, s.id, null, { status: 'under_audit', campaignId: k.id, auditStage: 'agreed' });
        await events.appendEvent(trx, { spaceId, campaignId: k.id, step: 'agree', at: actor.at, actorId: actor.principal.user?.id ?? null, actorName: actorName(actor),
          statusFrom: s.status, statusTo: 'under_audit', data: { campaign: k.name, participants: k.participants, startsOn: k.starts_on, endsOn: k.ends_on, viaLead: l.id }, evidence: [], corrects: null, note: null });
        s = (await spaces.findSpace(trx, spaceId))!;
      }
      const evidence = await files.moveLeadFiles(trx, l.id, spaceId);
      await spaces.updateSpace(trx, spaceId, null, { auditStage: nextStage(s.audit_stage, 'lead') });
      await events.appendEvent(trx, { spaceId, campaignId: k.id, step: 'lead', at: actor.at, actorId: actor.principal.user?.id ?? null, actorName: actorName(actor),
        statusFrom: s.status, statusTo: s.status, data: { leadId: l.id, description: l.description, submittedAt: new Date(l.submitted_at).toISOString(), anonymous: l.anonymous, lon: l.lon, lat: l.lat },
        evidence, corrects: null, note: input.note ?? null });
      space = spaceView((await spaces.findSpace(trx, spaceId))!);
    }
    await campaigns.triageLead(trx, l.id, { status, spaceId: input.spaceId ?? null, userId: actor.principal.user?.id ?? null, at: actor.at, note: input.note ?? null });
    await record(trx, actor, { action: 'audits.manage', targetType: 'audit_lead', targetId: l.id, details: { decision: input.decision, spaceId: input.spaceId ?? null } });
    return { lead: leadView((await campaigns.findLead(trx, l.id))!), space };
  });
}
