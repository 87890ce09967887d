/**
 * The four-step audit: campaigns (多方议), residents' leads (居民提, public), inspections (现场看),
 * findings (索骥查), corrections, conversion into a station; the income ledger and its public summary.
 */
import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../app.ts';
import { record } from '../audit/audit.service.ts';
import { authorize } from '../auth/authorize.ts';
import { actorOf, principalOf } from '../auth/principal.ts';
import { deviceOf } from '../hazards/hazard-limits.ts';
import { documentRoute } from '../http/openapi.ts';
import { parse } from '../http/validate.ts';
import { authorizeArea, authorizeCampaign, authorizeCompound, authorizeLead, authorizeSpace } from './audits.access.ts';
import * as admin from './campaign-admin.service.ts';
import { campaignBody, campaignParams, campaignsQuery, closeBody, convertBody, correctionBody, enrolBody, findingBody, inspectionBody, leadBody, leadParams, leadsQuery, triageBody } from './campaign.schema.ts';
import * as steps from './campaign.service.ts';
import { convert } from './conversion.service.ts';
import * as income from './income.service.ts';
import { bodyBuffer, rawFile } from './inventory.routes.ts';
import { compoundParams, incomeBody, spaceParams, uploadJsonBody } from './inventory.schema.ts';
import * as leads from './leads.service.ts';
import { upload } from './uploads.service.ts';

const TAG = 'audits';

export function campaignRoutes(ctx: AppContext): Router {
  const r = Router();
  const db = ctx.db;
  const submitter = (req: Request, res: Response, deviceId?: string) => ({ actor: actorOf(req, ctx.now), device: deviceOf(req, res, deviceId) });

  documentRoute({ method: 'get', path: '/api/audits/campaigns', tag: TAG, action: 'audits.read', summary: 'Campaigns of an area (and those above it)', query: campaignsQuery });
  r.get('/api/audits/campaigns', async (req, res) => {
    await authorize(db, principalOf(req), 'audits.read');
    const q = parse(campaignsQuery, req.query);
    await authorizeArea(db, principalOf(req), 'audits.read', q.area);
    res.json(await admin.list(db, q.area));
  });

  documentRoute({ method: 'post', path: '/api/audits/campaigns', tag: TAG, action: 'audits.manage', summary: '多方议: open a campaign for an area with its parties and dates', body: campaignBody });
  r.post('/api/audits/campaigns', async (req, res) => {
    await authorize(db, principalOf(req), 'audits.manage');
    res.status(201).json(await admin.create(db, actorOf(req, ctx.now), parse(campaignBody, req.body, 'body')));
  });

  documentRoute({ method: 'get', path: '/api/audits/leads/campaigns', tag: TAG, action: 'audits.lead', summary: 'Public: campaigns open for leads today, with their outline' });
  r.get('/api/audits/leads/campaigns', async (req, res) => {
    await authorize(db, principalOf(req), 'audits.lead');
    res.json(await leads.openCampaigns(db, ctx.now()));
  });

  documentRoute({ method: 'post', path: '/api/audits/leads/uploads', tag: TAG, action: 'audits.lead', summary: 'Public: upload the photo of a lead (raw image body or JSON base64; re-encoded, EXIF removed; rate-limited)', body: uploadJsonBody });
  r.post('/api/audits/leads/uploads', rawFile, async (req, res) => {
    await authorize(db, principalOf(req), 'audits.lead');
    const s = submitter(req, res);
    res.status(201).json(await upload(db, s.actor, bodyBuffer(req.body), 'photo', (trx) => leads.limitAnonymous(trx, s, 'audit_upload')));
  });

  documentRoute({ method: 'post', path: '/api/audits/leads', tag: TAG, action: 'audits.lead', summary: '居民提: a resident reports a lead (pin, description, photo; anonymous allowed, rate-limited)', body: leadBody });
  r.post('/api/audits/leads', async (req, res) => {
    await authorize(db, principalOf(req), 'audits.lead');
    const body = parse(leadBody, req.body, 'body');
    res.status(201).json(await leads.submit(db, submitter(req, res, body.deviceId), body));
  });

  documentRoute({ method: 'get', path: '/api/audits/leads', tag: TAG, action: 'audits.read', summary: "Staff: a campaign's leads to triage", query: leadsQuery });
  r.get('/api/audits/leads', async (req, res) => {
    await authorize(db, principalOf(req), 'audits.read');
    const q = parse(leadsQuery, req.query);
    const k = await authorizeCampaign(db, principalOf(req), 'audits.read', q.campaign);
    const out = await leads.list(db, q.campaign, q.status);
    // Residents' contacts are personal data (PIPL): the read is logged.
    if (out.leads.some((l) => l.contact)) await record(db, actorOf(req, ctx.now), { action: 'audits.read', targetType: 'audit_campaign_leads', targetId: q.campaign, areaId: k.area_id });
    res.set('Cache-Control', 'no-store').json(out);
  });

  documentRoute({ method: 'post', path: '/api/audits/leads/:id/triage', tag: TAG, action: 'audits.manage', summary: 'Staff: accept a lead onto a space (enters its history), reject it, or mark it a duplicate', params: leadParams, body: triageBody });
  r.post('/api/audits/leads/:id/triage', async (req, res) => {
    await authorize(db, principalOf(req), 'audits.manage');
    const { id } = parse(leadParams, req.params, 'path');
    const body = parse(triageBody, req.body, 'body');
    const lead = await authorizeLead(db, principalOf(req), 'audits.manage', id);
    res.json(await leads.triage(db, actorOf(req, ctx.now), lead, body));
  });

  documentRoute({ method: 'get', path: '/api/audits/campaigns/:id', tag: TAG, action: 'audits.read', summary: 'A campaign with its spaces and the stage each is at', params: campaignParams });
  r.get('/api/audits/campaigns/:id', async (req, res) => {
    await authorize(db, principalOf(req), 'audits.read');
    const { id } = parse(campaignParams, req.params, 'path');
    res.json(await admin.detail(db, await authorizeCampaign(db, principalOf(req), 'audits.read', id)));
  });

  documentRoute({ method: 'post', path: '/api/audits/campaigns/:id/close', tag: TAG, action: 'audits.manage', summary: 'Close a campaign (no more steps or leads in it)', params: campaignParams, body: closeBody });
  r.post('/api/audits/campaigns/:id/close', async (req, res) => {
    await authorize(db, principalOf(req), 'audits.manage');
    const { id } = parse(campaignParams, req.params, 'path');
    parse(closeBody, req.body ?? {}, 'body');
    res.json(await admin.close(db, actorOf(req, ctx.now), await authorizeCampaign(db, principalOf(req), 'audits.manage', id)));
  });

  documentRoute({ method: 'post', path: '/api/audits/campaigns/:id/spaces', tag: TAG, action: 'audits.manage', summary: 'Step 1 多方议 for a space: bring it into the campaign (status under_audit)', params: campaignParams, body: enrolBody });
  r.post('/api/audits/campaigns/:id/spaces', async (req, res) => {
    await authorize(db, principalOf(req), 'audits.manage');
    const { id } = parse(campaignParams, req.params, 'path');
    res.status(201).json(await steps.enrol(db, actorOf(req, ctx.now), id, parse(enrolBody, req.body, 'body')));
  });

  documentRoute({ method: 'post', path: '/api/audits/spaces/:id/inspections', tag: TAG, action: 'audits.manage', summary: 'Step 3 现场看: inspector, time, GPS, photos, measured area, current use, occupant', params: spaceParams, body: inspectionBody });
  r.post('/api/audits/spaces/:id/inspections', async (req, res) => {
    await authorize(db, principalOf(req), 'audits.manage');
    const { id } = parse(spaceParams, req.params, 'path');
    res.status(201).json(await steps.inspect(db, actorOf(req, ctx.now), id, parse(inspectionBody, req.body, 'body')));
  });

  documentRoute({ method: 'post', path: '/api/audits/spaces/:id/findings', tag: TAG, action: 'audits.manage', summary: 'Step 4 索骥查: compliant / occupied / missing / idle / reclaimed (area, date) / income recovered, with the proving document', params: spaceParams, body: findingBody });
  r.post('/api/audits/spaces/:id/findings', async (req, res) => {
    await authorize(db, principalOf(req), 'audits.manage');
    const { id } = parse(spaceParams, req.params, 'path');
    res.status(201).json(await steps.find(db, actorOf(req, ctx.now), id, parse(findingBody, req.body, 'body')));
  });

  documentRoute({ method: 'post', path: '/api/audits/spaces/:id/corrections', tag: TAG, action: 'audits.manage', summary: 'Correct an inspection or finding: a new entry pointing at the corrected one (which stays)', params: spaceParams, body: correctionBody });
  r.post('/api/audits/spaces/:id/corrections', async (req, res) => {
    await authorize(db, principalOf(req), 'audits.manage');
    const { id } = parse(spaceParams, req.params, 'path');
    res.status(201).json(await steps.correct(db, actorOf(req, ctx.now), id, parse(correctionBody, req.body, 'body')));
  });

  documentRoute({ method: 'post', path: '/api/audits/spaces/:id/convert', tag: TAG, action: 'audits.manage', summary: 'Convert a reclaimed or idle space into a station (creates the place, links both)', params: spaceParams, body: convertBody });
  r.post('/api/audits/spaces/:id/convert', async (req, res) => {
    await authorize(db, principalOf(req), 'audits.manage');
    const { id } = parse(spaceParams, req.params, 'path');
    res.status(201).json(await convert(db, actorOf(req, ctx.now), id, parse(convertBody, req.body, 'body')));
  });

  documentRoute({ method: 'get', path: '/api/audits/compounds/:id/income', tag: TAG, action: 'audits.read', summary: "Staff: a compound's income ledger, every entry and correction", params: compoundParams });
  r.get('/api/audits/compounds/:id/income', async (req, res) => {
    await authorize(db, principalOf(req), 'audits.read');
    const { id } = parse(compoundParams, req.params, 'path');
    await authorizeCompound(db, principalOf(req), 'audits.read', id);
    res.json(await income.ledger(db, id));
  });

  documentRoute({ method: 'post', path: '/api/audits/compounds/:id/income', tag: TAG, action: 'audits.manage', summary: 'Append a ledger entry (due, collected, arrears recovered, spent; yuan) or a correction', params: compoundParams, body: incomeBody });
  r.post('/api/audits/compounds/:id/income', async (req, res) => {
    await authorize(db, principalOf(req), 'audits.manage');
    const { id } = parse(compoundParams, req.params, 'path');
    const body = parse(incomeBody, req.body, 'body');
    const community = await authorizeCompound(db, principalOf(req), 'audits.manage', id);
    res.status(201).json(await income.append(db, actorOf(req, ctx.now), id, community, body));
  });

  documentRoute({ method: 'get', path: '/api/audits/compounds/:id/income/summary', tag: TAG, action: 'income.public', summary: "Public: a compound's income per year and category (no personal data)", params: compoundParams });
  r.get('/api/audits/compounds/:id/income/summary', async (req, res) => {
    await authorize(db, principalOf(req), 'income.public');
    const { id } = parse(compoundParams, req.params, 'path');
    res.set('Cache-Control', 'public, max-age=60').json(await income.publicSummary(db, id));
  });
  return r;
}
