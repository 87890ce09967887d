/**
 * 两房一共 (issue 5), a whole campaign through the API: register a room, 多方议 → 居民提 (anonymous
 * lead with a photo) → 现场看 → 索骥查; the report and its XLSX move by exactly what was found; a
 * correction keeps the original; conversion makes a station and ends the room's siting candidacy;
 * every step stays in the history, which the database refuses to edit.
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spaceCandidates } from '../../server/circle/circle.repository.ts';
import { backendName, startApi, type ApiContext } from '../support/api.ts';
import { auditWorld, jpeg, PDF, rawPost, type AuditWorld } from './audits-helpers.ts';
import { pdfInfo } from '../support/pdf.ts';

const NOW = new Date('2026-11-20T10:00:00+08:00');
let api: ApiContext;
let w: AuditWorld;

beforeAll(async () => {
  api = await startApi({ now: () => NOW });
  w = await auditWorld(api, 'flow');
});
afterAll(async () => {
  await api?.close();
});

const period = () => `area=${w.street}&from=2026-11-01&to=2026-11-30`;
const report = async () => {
  const r = await api.get(`/api/audits/report?${period()}`, { cookie: w.street_staff });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};
const upload = async (buf: Buffer, type: string, kind = 'auto') => {
  const r = await rawPost(api, `/api/audits/uploads?kind=${kind}`, buf, type, w.street_staff);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.upload as string;
};

describe(`a four-step campaign (${backendName()})`, () => {
  let spaceId = 0;
  let findingEntry = 0;
  let before: any;

  it('the sample has compounds with households and spaces attached to them', async () => {
    const r = await api.get(`/api/audits/compounds?area=${w.at.communityA}`, { cookie: w.community_staff });
    expect(r.status).toBe(200);
    expect(r.body.compounds.length).toBeGreaterThan(0);
    expect(r.body.compounds.some((c: any) => c.households > 0)).toBe(true);
    const unattached = (await sql<{ n: number }>`select count(*)::int n from spaces where compound_id is null`.execute(api.database.db)).rows[0].n;
    expect(unattached).toBe(0);
  });

  it('runs 多方议 → 居民提 → 现场看 → 索骥查, refusing steps out of order', async () => {
    before = await report();
    const deed = await upload(PDF, 'application/pdf');
    const reg = await api.send('POST', '/api/audits/spaces', { compoundId: w.compound.id, kind: 'property_room', name: '流程物业用房', lon: w.point[0], lat: w.point[1],
      floor: 1, areaM2: 60, owner: '全体业主', custodian: '某物业', files: [deed] }, { cookie: w.street_staff });
    expect(reg.status, JSON.stringify(reg.body)).toBe(201);
    spaceId = reg.body.id;
    expect(reg.body).toMatchObject({ status: 'registered', compoundId: w.compound.id, kindZh: '物业管理用房' });

    const early = await api.send('POST', `/api/audits/spaces/${spaceId}/inspections`, { inspector: '王', at: NOW.toISOString(), lon: w.point[0], lat: w.point[1], measuredAreaM2: 50, currentUse: '仓库' }, { cookie: w.street_staff });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/allowed next: agree/);

    const camp = await api.send('POST', '/api/audits/campaigns', { name: '十一月两房一共核查', area: w.at.communityA, startsOn: '2026-11-01', endsOn: '2026-12-15',
      participants: [{ party: 'street_office', name: '街道办' }, { party: 'community', name: '社区居委' }, { party: 'property_company', name: '某物业' }, { party: 'owners_committee', name: '业委会' }] }, { cookie: w.street_staff });
    expect(camp.status, JSON.stringify(camp.body)).toBe(201);
    const enrol = await api.send('POST', `/api/audits/campaigns/${camp.body.id}/spaces`, { spaceId }, { cookie: w.community_staff });
    expect(enrol.status, JSON.stringify(enrol.body)).toBe(201);
    expect(enrol.body.space).toMatchObject({ status: 'under_audit', auditStage: 'agreed', campaignId: camp.body.id });

    const tooSoon = await api.send('POST', `/api/audits/spaces/${spaceId}/findings`, { outcome: 'compliant', date: '2026-11-20', documents: [await upload(PDF, 'application/pdf')] }, { cookie: w.street_staff });
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.body.error.details.allowed).toEqual(['lead', 'inspection']);

    // 居民提: an anonymous resident, with a photo, on the public page.
    const open = await api.get('/api/audits/leads/campaigns');
    expect(open.body.campaigns.map((c: any) => c.id)).toContain(camp.body.id);
    const photo = await rawPost(api, '/api/audits/leads/uploads', await jpeg(), 'image/jpeg');
    expect(photo.status, JSON.stringify(photo.body)).toBe(201);
    const lead = await api.send('POST', '/api/audits/leads', { lon: w.point[0], lat: w.point[1], description: '物业用房被改成了仓库', photo: photo.body.upload });
    expect(lead.status, JSON.stringify(lead.body)).toBe(201);
    expect(lead.body.campaignId).toBe(camp.body.id);
    const queue = await api.get(`/api/audits/leads?campaign=${camp.body.id}&status=new`, { cookie: w.community_staff });
    expect(queue.body.leads.map((l: any) => l.id)).toContain(lead.body.id);
    const tri = await api.send('POST', `/api/audits/leads/${lead.body.id}/triage`, { decision: 'accept', spaceId }, { cookie: w.community_staff });
    expect(tri.status, JSON.stringify(tri.body)).toBe(200);

    const photos = [await upload(await jpeg(2400, 1800), 'image/jpeg', 'photo')];
    const insp = await api.send('POST', `/api/audits/spaces/${spaceId}/inspections`, { inspector: '王检查', at: NOW.toISOString(), lon: w.point[0] + 0.0001, lat: w.point[1],
      accuracyM: 5, measuredAreaM2: 42.5, currentUse: '物业堆放杂物', occupant: '某物业', photos }, { cookie: w.street_staff });
    expect(insp.status, JSON.stringify(insp.body)).toBe(201);
    expect(insp.body.space).toMatchObject({ measuredAreaM2: 42.5, auditStage: 'inspected' });

    const doc = await upload(PDF, 'application/pdf', 'document');
    const find = await api.send('POST', `/api/audits/spaces/${spaceId}/findings`, { outcome: 'reclaimed', date: '2026-11-20', reclaimedAreaM2: 42.5, incomeRecoveredYuan: 12000, documents: [doc] }, { cookie: w.street_staff });
    expect(find.status, JSON.stringify(find.body)).toBe(201);
    findingEntry = find.body.entry;
    expect(find.body.space).toMatchObject({ status: 'reclaimed', auditStage: 'found', sitingCandidate: true });
  });

  it('changes the report by exactly what was found, and the XLSX and printable page agree', async () => {
    const after = await report();
    expect(after.totals.reclaimedM2).toBeCloseTo(before.totals.reclaimedM2 + 42.5, 6);
    expect(after.totals.yuanRecovered).toBeCloseTo(before.totals.yuanRecovered + 12000, 6);
    expect(after.totals.findings).toBe(before.totals.findings + 1);
    expect(after.totals.spaces).toBe(before.totals.spaces + 1);
    const line = after.communities.find((c: any) => c.communityId === w.at.communityA);
    expect(line.reclaimedM2).toBeCloseTo((before.communities.find((c: any) => c.communityId === w.at.communityA)?.reclaimedM2 ?? 0) + 42.5, 6);

    const x = await fetch(`${api.base}/api/audits/report.xlsx?${period()}`, { headers: { cookie: w.street_staff, 'x-forwarded-for': api.ip } });
    expect(x.status).toBe(200);
    expect(x.headers.get('content-type')).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await x.arrayBuffer());
    expect(wb.worksheets.map((s) => s.name)).toEqual(['概况', '空间分类统计', '社区汇总', '新建阵地']);
    const kv = new Map<string, unknown>();
    wb.getWorksheet('概况')!.eachRow((row, i) => i > 1 && kv.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(kv.get('收回面积（m²）')).toBe(after.totals.reclaimedM2);
    expect(kv.get('追回收益（元）')).toBe(after.totals.yuanRecovered);
    expect(kv.get('空间总数')).toBe(after.totals.spaces);
    expect(kv.get('物业管理用房缺口（m²）')).toBe(after.totals.pmShortfallM2);
    const comm = wb.getWorksheet('社区汇总')!;
    expect(comm.getRow(1).getCell(3).value).toBe('收回面积（m²）');
    const rows: unknown[][] = [];
    comm.eachRow((row, i) => i > 1 && rows.push([row.getCell(1).value, row.getCell(3).value, row.getCell(4).value]));
    expect(rows).toEqual(after.communities.map((c: any) => [c.name, c.reclaimedM2, c.yuanRecovered]));
    const kinds = wb.getWorksheet('空间分类统计')!;
    const totals: unknown[] = [];
    kinds.eachRow((row, i) => i > 1 && totals.push(row.getCell(row.cellCount).value));
    expect(totals).toEqual(after.spacesByKind.map((k: any) => k.total));

    // the PDF: the same tables, A4 landscape; a real reader (poppler, installed by .ci/run) opens it
    // and its first page is drawn on (not blank)
    const p = await fetch(`${api.base}/api/audits/report.pdf?${period()}`, { headers: { cookie: w.street_staff, 'x-forwarded-for': api.ip } });
    expect(p.status).toBe(200);
    expect(p.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await p.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 841.89 595.28\]/);
    const info = pdfInfo(pdf);
    if (info) {
      expect(info.pages).toBeGreaterThanOrEqual(1);
      expect(info.blankFirstPage).toBe(false);
    }

    const h = await api.get(`/api/audits/report.html?${period()}`, { cookie: w.street_staff });
    expect(h.status).toBe(200);
    expect(h.headers.get('content-type')).toMatch(/text\/html/);
    expect(h.headers.get('content-security-policy')).toMatch(/style-src 'sha256-/);
    expect(h.body).toContain('两房一共核查报告');
    expect(h.body).not.toMatch(/<script/i);
  });

  it('a correction is a new entry; the original stays and the report uses the correction', async () => {
    const c = await api.send('POST', `/api/audits/spaces/${spaceId}/corrections`, { corrects: findingEntry, data: { reclaimedAreaM2: 40 }, note: '复核：实测扣除墙体' }, { cookie: w.street_staff });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    expect(c.body.entry).toMatchObject({ step: 'finding', corrects: findingEntry, data: { outcome: 'reclaimed', reclaimedAreaM2: 40, incomeRecoveredYuan: 12000 } });
    const again = await api.send('POST', `/api/audits/spaces/${spaceId}/corrections`, { corrects: findingEntry, data: { reclaimedAreaM2: 41 }, note: '再改' }, { cookie: w.street_staff });
    expect(again.status).toBe(409);
    const after = await report();
    expect(after.totals.reclaimedM2).toBeCloseTo(before.totals.reclaimedM2 + 40, 6);
    expect(after.totals.findings).toBe(before.totals.findings + 1);
  });

  it('converts the reclaimed room into a station: a place, no longer a siting candidate, counted in the report', async () => {
    expect((await spaceCandidates(api.database.db, w.at.gridA)).map((c) => c.ref)).toContain(`space:${spaceId}`);
    const conv = await api.send('POST', `/api/audits/spaces/${spaceId}/convert`, { placeKind: 'grid_station', openingHours: 'Mo-Su 08:00-20:00', services: ['rest', 'meeting_room'] }, { cookie: w.street_staff });
    expect(conv.status, JSON.stringify(conv.body)).toBe(201);
    expect(conv.body.space).toMatchObject({ status: 'converted', placeId: conv.body.placeId, sitingCandidate: false });
    const place = await api.get(`/api/places/${conv.body.placeId}`);
    expect(place.status).toBe(200);
    expect((await spaceCandidates(api.database.db, w.at.gridA)).map((c) => c.ref)).not.toContain(`space:${spaceId}`);
    const twice = await api.send('POST', `/api/audits/spaces/${spaceId}/convert`, { placeKind: 'grid_station' }, { cookie: w.street_staff });
    expect(twice.status).toBe(409);
    const after = await report();
    expect(after.totals.stationsCreated).toBe(before.totals.stationsCreated + 1);
    expect(after.totals.stationsFromReclaimed).toBe(before.totals.stationsFromReclaimed + 1);
    expect(after.stations.map((s: any) => s.placeId)).toContain(conv.body.placeId);
  });

  it('keeps every step in the history, with evidence, and the database refuses edits', async () => {
    const h = await api.get(`/api/audits/spaces/${spaceId}/history`, { cookie: w.community_staff });
    expect(h.status).toBe(200);
    const e = h.body.entries;
    expect(e.map((x: any) => x.step)).toEqual(['register', 'agree', 'lead', 'inspection', 'finding', 'finding', 'conversion']);
    expect(e[0].evidence).toHaveLength(1);
    expect(e[2].evidence).toHaveLength(1); // the resident's photo
    expect(e[2].data.anonymous).toBe(true);
    expect(e[3].evidence).toHaveLength(1);
    expect(e[4]).toMatchObject({ id: findingEntry, inForce: false, data: { reclaimedAreaM2: 42.5 } });
    expect(e[4].correctedBy).toEqual([e[5].id]);
    expect(e[5]).toMatchObject({ corrects: findingEntry, inForce: true, note: '复核：实测扣除墙体' });
    for (const x of e) expect(x.actor === null || typeof x.actor.id === 'number').toBe(true);
    const photo = await fetch(`${api.base}${e[3].evidence[0].href}`, { headers: { cookie: w.community_staff, 'x-forwarded-for': api.ip } });
    expect(photo.status).toBe(200);
    const bytes = Buffer.from(await photo.arrayBuffer());
    expect(bytes.includes(Buffer.from('LeakyPhone'))).toBe(false);
    await expect(sql`update space_events set note = 'x' where id = ${findingEntry}`.execute(api.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from space_events where id = ${findingEntry}`.execute(api.database.db)).rejects.toThrow(/append-only/);
    const profile = await api.get(`/api/audits/spaces/${spaceId}`, { cookie: w.planner });
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({ place: { kind: 'grid_station' }, compound: { id: w.compound.id } });
    expect(profile.body.demand.householdsWithin500m).toBeGreaterThan(0);
    // the walking circle: no walk is shorter than the straight line, so never more than within 750 m
    const walk = profile.body.demand.walk;
    expect(walk).toMatchObject({ minutes: 10, thresholdM: 750, onNetwork: true });
    expect(walk.households).toBeGreaterThan(0);
    const [{ n: straight }] = (await sql<{ n: number }>`select count(*)::int as n from spaces s join buildings b on ST_DWithin(b.geom::geography, s.geom::geography, 751)
      join households h on h.building_id = b.id where s.id = ${profile.body.space.id}`.execute(api.database.db)).rows;
    expect(walk.households).toBeLessThanOrEqual(straight);
  });

  it('shows the space on the map layer and lists, filtered by kind and status', async () => {
    const l = await api.get(`/api/audits/spaces/layer?area=${w.at.communityA}&status=converted`, { cookie: w.community_staff });
    expect(l.status).toBe(200);
    expect(l.body.type).toBe('FeatureCollection');
    expect(l.body.features.map((f: any) => f.id)).toContain(spaceId);
    for (const f of l.body.features) expect(f.properties.status).toBe('converted');
    const bad = await api.get(`/api/audits/spaces?area=${w.at.communityA}&status=lost`, { cookie: w.community_staff });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/"lost" is not one of/);
  });
});
