/**
 * Bad input is refused with a clear message and changes nothing (row counts before = after);
 * a community account of another street can neither see nor change the audit; the public sees
 * only the lead page and the income summary; the standards table and the income ledger.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendName, startApi, type ApiContext } from '../support/api.ts';
import { auditWorld, jpeg, PDF, rawPost, rowCounts, type AuditWorld } from './audits-helpers.ts';

const NOW = new Date('2026-11-20T10:00:00+08:00');
let api: ApiContext;
let w: AuditWorld;
let spaceId = 0;
let campaignId = 0;

beforeAll(async () => {
  api = await startApi({ now: () => NOW });
  w = await auditWorld(api, 'input');
  const s = await api.send('POST', '/api/audits/spaces', { compoundId: w.compound.id, kind: 'community_service_room', name: '输入测试活动室', lon: w.point[0], lat: w.point[1], areaM2: 80 }, { cookie: w.community_staff });
  spaceId = s.body.id;
  const c = await api.send('POST', '/api/audits/campaigns', { name: '输入核查', area: w.at.communityA, startsOn: '2026-11-01', endsOn: '2026-11-30', participants: [{ party: 'community', name: '社区' }] }, { cookie: w.community_staff });
  campaignId = c.body.id;
  await api.send('POST', `/api/audits/campaigns/${campaignId}/spaces`, { spaceId }, { cookie: w.community_staff });
  await api.send('POST', `/api/audits/spaces/${spaceId}/inspections`, { inspector: '李', at: NOW.toISOString(), lon: w.point[0], lat: w.point[1], measuredAreaM2: 75, currentUse: '活动室' }, { cookie: w.community_staff });
});
afterAll(async () => {
  await api?.close();
});

describe(`bad input changes nothing (${backendName()})`, () => {
  const space = (over: Record<string, unknown>) => ({ compoundId: w.compound.id, kind: 'idle_space', name: '坏输入车棚', lon: w.point[0], lat: w.point[1], areaM2: 20, ...over });
  const cases: [string, () => Promise<{ status: number; body: any }>, number, RegExp][] = [
    ['a negative area', () => api.send('POST', '/api/audits/spaces', space({ areaM2: -5 }), { cookie: w.street_staff }), 400, /areaM2.*more than 0/],
    ['an absurd area', () => api.send('POST', '/api/audits/spaces', space({ areaM2: 500_000 }), { cookie: w.street_staff }), 400, /areaM2.*not a room/],
    ['a negative measured area', () => api.send('POST', `/api/audits/spaces/${spaceId}/inspections`, { inspector: '李', at: NOW.toISOString(), lon: w.point[0], lat: w.point[1], measuredAreaM2: -1, currentUse: '空' }, { cookie: w.street_staff }), 400, /measuredAreaM2/],
    ['a space outside its compound', () => api.send('POST', '/api/audits/spaces', space({ lon: w.outside[0], lat: w.outside[1] }), { cookie: w.street_staff }), 422, /outside its compound/],
    ['a finding without evidence', () => api.send('POST', `/api/audits/spaces/${spaceId}/findings`, { outcome: 'missing', date: '2026-11-20' }, { cookie: w.street_staff }), 400, /document that proves it/],
    ['a reclaimed finding without an area', () => api.send('POST', `/api/audits/spaces/${spaceId}/findings`, { outcome: 'reclaimed', date: '2026-11-20', documentIds: [1] }, { cookie: w.street_staff }), 400, /reclaimedAreaM2/],
    ['evidence that is not this space\'s', () => api.send('POST', `/api/audits/spaces/${spaceId}/findings`, { outcome: 'missing', date: '2026-11-20', documentIds: [2_000_000] }, { cookie: w.street_staff }), 422, /not a document of space/],
    ['an unknown upload token', () => api.send('POST', `/api/audits/spaces/${spaceId}/findings`, { outcome: 'missing', date: '2026-11-20', documents: ['nosuchtoken-123456'] }, { cookie: w.street_staff }), 422, /unknown, used or older/],
    ['a step out of order', () => api.send('POST', `/api/audits/campaigns/${campaignId}/spaces`, { spaceId }, { cookie: w.street_staff }), 409, /allowed next: lead, inspection, finding/],
    ['a conversion of a space not reclaimed or idle', () => api.send('POST', `/api/audits/spaces/${spaceId}/convert`, { placeKind: 'grid_station' }, { cookie: w.street_staff }), 409, /only reclaimed or idle/],
    ['an unknown station kind', () => api.send('POST', `/api/audits/spaces/${spaceId}/convert`, { placeKind: 'castle' }, { cookie: w.street_staff }), 400, /placeKind/],
    ['a text file as a photo', () => rawPost(api, '/api/audits/uploads?kind=photo', Buffer.from('<html><script>alert(1)</script></html>'), 'image/jpeg', w.street_staff), 422, /not an image|not a raster/],
    ['a fake PDF', () => rawPost(api, '/api/audits/uploads?kind=document', Buffer.from('%PDF-1.7 truncated'), 'application/pdf', w.street_staff), 422, /not a PDF/],
    ['a photo above 8 MB', () => rawPost(api, '/api/audits/uploads?kind=photo', Buffer.alloc(8 * 1024 * 1024 + 10, 1), 'image/jpeg', w.street_staff), 413, /limit/],
    ['a file above 10 MB', () => rawPost(api, '/api/audits/uploads', Buffer.alloc(10 * 1024 * 1024 + 10, 1), 'application/pdf', w.street_staff), 413, /larger than/],
    ['a negative income', () => api.send('POST', `/api/audits/compounds/${w.compound.id}/income`, { period: '2026-10', category: 'parking', collectedYuan: -3 }, { cookie: w.street_staff }), 400, /collectedYuan cannot be negative/],
    ['a compound outline that crosses itself', () => api.send('POST', '/api/audits/compounds', { name: '蝴蝶', type: 'old', totalFloorAreaM2: 100, geometry: { type: 'Polygon', coordinates: [[[w.point[0], w.point[1]], [w.point[0] + 0.001, w.point[1] + 0.001], [w.point[0] + 0.001, w.point[1]], [w.point[0], w.point[1] + 0.001], [w.point[0], w.point[1]]]] } }, { cookie: w.street_staff }), 422, /not a valid polygon/],
    ['a date that is not in the calendar', () => api.send('POST', `/api/audits/spaces/${spaceId}/findings`, { outcome: 'missing', date: '2026-02-30', documentIds: [1] }, { cookie: w.street_staff }), 400, /not a calendar date/],
    ['a footprint that crosses itself', () => api.send('POST', '/api/audits/spaces', space({ footprint: { type: 'Polygon', coordinates: [[[w.point[0], w.point[1]], [w.point[0] + 0.00005, w.point[1] + 0.00005], [w.point[0] + 0.00005, w.point[1]], [w.point[0], w.point[1] + 0.00005], [w.point[0], w.point[1]]]] } }), { cookie: w.street_staff }), 422, /footprint is not a valid polygon/],
    ['a lead where no campaign is open', () => api.send('POST', '/api/audits/leads', { lon: 121.0, lat: 31.0, description: '这里' }), 422, /no audit campaign is open/],
  ];
  for (const [name, send, status, message] of cases) {
    it(`refuses ${name}`, async () => {
      const before = await rowCounts(api);
      const r = await send();
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      expect(r.body.error.message).toMatch(message);
      expect(await rowCounts(api)).toEqual(before);
    });
  }
});

describe(`jurisdiction (${backendName()})`, () => {
  it('a community account of another street can neither see nor change the audit', async () => {
    const c = w.other_street;
    const before = await rowCounts(api);
    const denied = [
      await api.get(`/api/audits/spaces/${spaceId}`, { cookie: c }),
      await api.get(`/api/audits/spaces/${spaceId}/history`, { cookie: c }),
      await api.get(`/api/audits/spaces?area=${w.street}`, { cookie: c }),
      await api.get(`/api/audits/compounds/${w.compound.id}`, { cookie: c }),
      await api.get(`/api/audits/campaigns/${campaignId}`, { cookie: c }),
      await api.get(`/api/audits/report?area=${w.street}`, { cookie: c }),
      await api.get(`/api/audits/standards?area=${w.at.communityA}`, { cookie: c }),
      await api.send('POST', `/api/audits/spaces/${spaceId}/inspections`, { inspector: '外', at: NOW.toISOString(), lon: w.point[0], lat: w.point[1], measuredAreaM2: 10, currentUse: '外' }, { cookie: c }),
      await api.send('PATCH', `/api/audits/spaces/${spaceId}`, { version: 1, name: '外街道改名' }, { cookie: c }),
      await api.send('POST', `/api/audits/compounds/${w.compound.id}/income`, { period: '2026-10', category: 'parking', collectedYuan: 1 }, { cookie: c }),
      await api.send('POST', '/api/audits/spaces', { compoundId: w.compound.id, kind: 'other', name: '外', lon: w.point[0], lat: w.point[1], areaM2: 5 }, { cookie: c }),
    ];
    for (const r of denied) expect([403, 404], JSON.stringify(r.body)).toContain(r.status);
    expect(JSON.stringify(denied.map((r) => r.body))).not.toContain('输入测试活动室');
    expect(await rowCounts(api)).toEqual(before);
    // Its own street it sees.
    expect((await api.get(`/api/audits/compounds?area=${w.otherStreetCommunity}`, { cookie: c })).status).toBe(200);
  });

  it('the public sees the lead page and income summaries only; planners read but do not change', async () => {
    expect((await api.get(`/api/audits/spaces?area=${w.street}`)).status).toBe(401);
    expect((await api.get(`/api/audits/spaces/${spaceId}`)).status).toBe(401);
    expect((await api.get('/api/audits/leads/campaigns')).status).toBe(200);
    expect((await api.get(`/api/audits/compounds/${w.compound.id}/income/summary`)).status).toBe(200);
    expect((await api.get(`/api/audits/spaces/${spaceId}`, { cookie: w.planner })).status).toBe(200);
    expect((await api.send('POST', `/api/audits/spaces/${spaceId}/inspections`, {}, { cookie: w.planner })).status).toBe(403);
  });
});

describe(`standards and income (${backendName()})`, () => {
  it('the standards table counts the rooms that count, per rule', async () => {
    const r = await api.get(`/api/audits/standards?area=${w.at.communityA}&rule=p4_min50`, { cookie: w.community_staff });
    expect(r.status).toBe(200);
    const comm = r.body.communities.find((c: any) => c.id === w.at.communityA);
    expect(comm.counted.map((x: any) => x.id)).toContain(spaceId);
    expect(comm.counted.find((x: any) => x.id === spaceId).countedM2).toBe(75); // measured wins over declared
    expect(comm.requiredM2).toBeCloseTo((comm.households * 30) / 100, 2);
    expect(comm.colour).toBe(comm.shortfallM2 > 0 ? 'red' : 'green');
    for (const c of r.body.compounds) {
      expect(c.rule).toBe('p4_min50');
      expect(c.requiredM2).toBeCloseTo(Math.max(c.totalFloorAreaM2 * 0.004, 50), 2);
      expect(c.shortfallM2).toBeCloseTo(Math.max(0, c.requiredM2 - c.providedM2), 2);
    }
  });

  it('the ledger is append-only; a correction replaces its entry in the public summary, which names no one', async () => {
    const id = w.compound.id;
    const a = await api.send('POST', `/api/audits/compounds/${id}/income`, { period: '2026-09', category: 'advertising', dueYuan: 5000, collectedYuan: 3000, note: '电梯广告 张三经手' }, { cookie: w.street_staff });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    const b = await api.send('POST', `/api/audits/compounds/${id}/income`, { period: '2026-09', category: 'advertising', dueYuan: 5000, collectedYuan: 4000, arrearsRecoveredYuan: 500, corrects: a.body.id, note: '更正' }, { cookie: w.street_staff });
    expect(b.status).toBe(201);
    const s = await api.get(`/api/audits/compounds/${id}/income/summary`);
    const y = s.body.years.find((x: any) => x.year === '2026');
    expect(y.categories.find((c: any) => c.category === 'advertising')).toMatchObject({ collectedYuan: 4000, arrearsRecoveredYuan: 500 });
    expect(JSON.stringify(s.body)).not.toMatch(/张三|更正|recordedBy/);
    const l = await api.get(`/api/audits/compounds/${id}/income`, { cookie: w.street_staff });
    expect(l.body.entries.find((e: any) => e.id === a.body.id)).toMatchObject({ inForce: false, correctedBy: b.body.id });
    await expect(sql`delete from compound_income where id = ${a.body.id}`.execute(api.database.db)).rejects.toThrow(/append-only/);
  });

  it('an anonymous lead is rate-limited per device', async () => {
    const headers = { 'x-device-id': `ratelimit-${Math.random().toString(36).slice(2, 12)}` };
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await api.send('POST', '/api/audits/leads', { lon: w.point[0], lat: w.point[1], description: `线索 ${i}` }, { headers })).status);
    expect(statuses.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
    expect(statuses[5]).toBe(429);
    const photo = await rawPost(api, '/api/audits/leads/uploads', await jpeg(), 'image/jpeg');
    expect(photo.status).toBe(201);
    expect(PDF.length).toBeGreaterThan(0);
  });
});
