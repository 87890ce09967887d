/**
 * Hazard cases through the API: a full lifecycle by the right roles only, every invalid transition
 * refused with the allowed ones named, points credited once, "me too" within 50 m and not at 60 m,
 * the public view without personal data, and a dashboard that matches the cases.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedFrom, STATES, TRANSITIONS, type State, type Transition } from '../../server/hazards/hazard.workflow.ts';
import { backendName, startApi, type ApiContext } from '../support/api.ts';
import { cast, distanceM, east, expectOk, fileReport, move, uploadRaw, type Cast } from '../unit/hazards/api-fixtures.ts';
import { jpeg, png } from '../unit/hazards/image-fixtures.ts';

let api: ApiContext;
let c: Cast;
beforeAll(async () => {
  api = await startApi();
  c = await cast(api);
});
afterAll(async () => {
  await api?.close();
});

const report = (extra: Record<string, unknown> = {}) => ({
  category: 'ebike_charging',
  description: '3号楼一楼门厅电动车充电，联系13812345678，家住3单元502室',
  location: c.p,
  details: { place: 'corridor', floor: 1 },
  ...extra,
});

async function evidence(cookie: string) {
  return expectOk(await uploadRaw(api, png(16, 16), { cookie, contentType: 'image/png' }), 201).upload as string;
}

describe(`hazard cases (${backendName()})`, () => {
  it('runs the whole flow by the right roles only, with one timeline and no personal data in public', async () => {
    const photo = expectOk(await uploadRaw(api, jpeg(64, 48, { orientation: 6, comment: 'home' }), { cookie: c.resident }), 201);
    expect(photo.removed).toEqual(expect.arrayContaining(['EXIF', 'comment']));
    const filed = await fileReport(api, report({ photos: [photo.upload], contact: { name: '王小明', phone: '13912345678' } }), { cookie: c.resident });
    const id = filed.id as number;
    expect(filed.followToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(filed.case).toMatchObject({ state: 'submitted', priority: 'urgent', grid: { id: c.at.gridA }, community: { id: c.at.communityA }, street: { id: c.at.street } });

    // The public sees the case, never the reporter, contact or the numbers in the description.
    const pub = expectOk(await api.get(`/api/hazards/${id}`));
    expect(pub.view).toBe('public');
    const text = JSON.stringify(pub);
    for (const secret of ['王小明', '13912345678', '13812345678', '502室', '"reporter"', '"contact"', '"details"']) expect(text, secret).not.toContain(secret);
    expect(pub.photos).toHaveLength(1);
    const img = await fetch(api.base + pub.photos[0].url);
    expect(img.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await img.arrayBuffer()).includes('LEAKYPHONE')).toBe(false);
    // The reporter follows it by the link without logging in.
    const followed = expectOk(await api.get(`/api/hazards/follow/${filed.followToken}`));
    expect(followed.contact).toEqual({ name: '王小明', phone: '13912345678' });
    expect(followed.details).toEqual({ place: 'corridor', floor: 1 });

    // It reaches the grid worker's queue, not the other grid's.
    expect(expectOk(await api.get('/api/hazards/queue', { cookie: c.gw })).cases.map((x: any) => x.id)).toContain(id);
    expect(expectOk(await api.get('/api/hazards/queue', { cookie: c.gwOther })).cases.map((x: any) => x.id)).not.toContain(id);

    // Only staff whose jurisdiction covers the case move it.
    expect((await move(api, id, '', { action: 'verify' })).status).toBe(401);
    expect((await move(api, id, c.resident, { action: 'verify' })).status).toBe(403);
    expect((await move(api, id, c.gwOther, { action: 'verify' })).status).toBe(403);
    const v = expectOk(await move(api, id, c.gw, { action: 'verify', note: '现场核实属实' }, 'verify-1'), 201);
    expect(v.case.state).toBe('verified');
    expect(v.credited).toBe(true);

    expectOk(await move(api, id, c.gw, { action: 'start' }), 201);
    expect((await move(api, id, c.gw, { action: 'escalate', level: 'street' })).status).toBe(403);
    expectOk(await move(api, id, c.gw, { action: 'escalate', level: 'community', note: '需社区协调' }), 201);
    expect((await move(api, id, c.cs, { action: 'escalate', level: 'department', agency: '区消防救援支队' })).status).toBe(403);
    expectOk(await move(api, id, c.cs, { action: 'escalate', level: 'street' }), 201);
    const noAgency = await move(api, id, c.ss, { action: 'escalate', level: 'department' });
    expect([noAgency.status, noAgency.body.error.code]).toEqual([422, 'AGENCY_REQUIRED']);
    expectOk(await move(api, id, c.ss, { action: 'escalate', level: 'department', agency: '区消防救援支队', note: '吹哨报到' }), 201);

    const noPhoto = await move(api, id, c.gw, { action: 'resolve', note: '已清理' });
    expect([noPhoto.status, noPhoto.body.error.code]).toEqual([422, 'EVIDENCE_REQUIRED']);
    const fake = await move(api, id, c.gw, { action: 'resolve', note: '已清理', evidence: ['x'.repeat(32)] });
    expect([fake.status, fake.body.error.code]).toEqual([422, 'UPLOAD_NOT_FOUND']);
    expectOk(await move(api, id, c.gw, { action: 'resolve', note: '电动车已移走，加装充电桩', evidence: [await evidence(c.gw)] }), 201);
    expect((await move(api, id, c.gw, { action: 'close' })).status).toBe(403); // the community reviews
    expectOk(await move(api, id, c.cs, { action: 'close', note: '复核通过' }), 201);
    const published = expectOk(await move(api, id, c.cs, { action: 'publish' }), 201);
    expect(published.case).toMatchObject({ state: 'published', escalation: { level: 'department', agency: '区消防救援支队' } });

    // The staff timeline: every step, who, when, note; the public one without names.
    const staff = expectOk(await api.get(`/api/hazards/${id}`, { cookie: c.cs }));
    expect(staff.view).toBe('staff');
    expect(staff.timeline.map((e: any) => e.kind)).toEqual(['submit', 'verify', 'start', 'escalate', 'escalate', 'escalate', 'resolve', 'close', 'publish']);
    expect(staff.timeline[1]).toMatchObject({ fromState: 'submitted', toState: 'verified', actorRole: 'grid_worker', note: '现场核实属实', actor: { id: expect.any(Number) } });
    expect(staff.contact.phone).toBe('13912345678');
    expect(staff.photos.map((p: any) => p.kind)).toEqual(['report', 'evidence']);
    const pubAfter = expectOk(await api.get(`/api/hazards/${id}`));
    expect(pubAfter.timeline.every((e: any) => e.actor === undefined)).toBe(true);
    expect(pubAfter.timeline.find((e: any) => e.kind === 'resolve').note).toBe('电动车已移走，加装充电桩');

    // The periodic public list and the map layer show it, without personal data.
    const list = expectOk(await api.get(`/api/hazards?state=published&category=ebike_charging`));
    const f = list.features.find((x: any) => x.id === id);
    expect(f.properties).toEqual({ id, category: 'ebike_charging', state: 'published', priority: 'urgent', overdue: false, meToo: 0, reportedAt: expect.any(String) });
    expect(JSON.stringify(list)).not.toContain('13912345678');

    // Reopen with a reason goes back to work; nothing was edited in place.
    expect((await move(api, id, c.cs, { action: 'reopen' })).body.error.code).toBe('NOTE_REQUIRED');
    expect(expectOk(await move(api, id, c.cs, { action: 'reopen', note: '居民反映又有人充电' }), 201).case.state).toBe('in_progress');
    await expect(sql`update hazard_events set note = 'x' where hazard_id = ${id}`.execute(api.database.db)).rejects.toThrow(/append-only/);
  });

  it('refuses every invalid transition with 409 naming the allowed ones', async () => {
    const good: Record<Transition, Record<string, unknown>> = {
      verify: { action: 'verify' }, reject: { action: 'reject', note: '不属实' }, mark_duplicate: { action: 'mark_duplicate', duplicateOf: 1 },
      start: { action: 'start' }, escalate: { action: 'escalate', level: 'community' }, resolve: { action: 'resolve', note: '已处理', evidence: ['y'.repeat(32)] },
      close: { action: 'close' }, publish: { action: 'publish' }, reopen: { action: 'reopen', note: '复现' },
    };
    const tried = new Set<State>();
    const tryAll = async (id: number, state: State) => {
      tried.add(state);
      for (const t of TRANSITIONS.filter((x) => !allowedFrom(state).includes(x))) {
        const r = await move(api, id, c.ss, good[t]);
        expect(r.status, `${state} → ${t}: ${JSON.stringify(r.body)}`).toBe(409);
        expect(r.body.error.details).toMatchObject({ state, action: t, allowed: allowedFrom(state) });
        for (const a of allowedFrom(state)) expect(r.body.error.message).toContain(a);
      }
    };
    const newCase = async () => (await fileReport(api, report({ category: 'broken_facility', details: { facility: 'light' } }))).id as number;
    const a = await newCase();
    const walk: [State, Record<string, unknown> | null][] = [
      ['submitted', { action: 'verify' }], ['verified', { action: 'start' }], ['in_progress', { action: 'escalate', level: 'community' }],
      ['escalated', { action: 'resolve', note: '已处理', evidence: [await evidence(c.ss)] }], ['resolved', { action: 'close' }], ['closed', { action: 'publish' }], ['published', null],
    ];
    for (const [state, next] of walk) {
      await tryAll(a, state);
      if (next) expectOk(await move(api, a, c.ss, next), 201);
    }
    const b = await newCase();
    expectOk(await move(api, b, c.ss, { action: 'reject', note: '照片不是本小区' }), 201);
    await tryAll(b, 'rejected');
    const d = await newCase();
    expectOk(await move(api, d, c.ss, { action: 'mark_duplicate', duplicateOf: a }), 201);
    await tryAll(d, 'duplicate');
    expect([...tried].sort()).toEqual([...STATES].sort());
  });

  it('credits points once per verified report, even on retried or concurrent requests', async () => {
    const before = expectOk(await api.get('/api/hazards/points', { cookie: c.resident }));
    const { id } = await fileReport(api, report({ category: 'thrown_objects', details: { facade: 'south', seenAt: '2026-11-20T21:30:00+08:00' } }), { cookie: c.resident });
    expect((await move(api, id, c.gw, { action: 'verify' }, `v-${id}`)).status).toBe(201);
    const retry = expectOk(await move(api, id, c.gw, { action: 'verify' }, `v-${id}`));
    expect(retry).toMatchObject({ replayed: true, credited: false, case: { state: 'verified' } });
    const again = await move(api, id, c.gw, { action: 'verify' }, `v2-${id}`);
    expect([again.status, again.body.error.details.allowed]).toEqual([409, ['start']]);
    // Concurrent retries of one request: exactly one event, one credit.
    const { id: id2 } = await fileReport(api, report(), { cookie: c.resident });
    const burst = await Promise.all([1, 2, 3].map(() => move(api, id2, c.gw, { action: 'verify' }, `burst-${id2}`)));
    expect(burst.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    const after = expectOk(await api.get('/api/hazards/points', { cookie: c.resident }));
    expect(after.total - before.total).toBe(15 + 10); // thrown_objects 15, ebike_charging 10
    const rows = (await sql<{ n: number }>`select count(*)::int n from hazard_points where hazard_id in (${id}, ${id2})`.execute(api.database.db)).rows[0];
    expect(rows.n).toBe(2);
    expect(after.months[0]).toMatchObject({ month: expect.stringMatching(/^\d{4}-\d{2}$/) });
    // A grid worker cannot verify his own report to earn points.
    const own = await fileReport(api, report({ category: 'other', details: {} }), { cookie: c.gw });
    expect((await move(api, own.id, c.gw, { action: 'verify' })).status).toBe(403);
  });

  it('suggests open reports of the same category within 50 m and not at 60 m; "me too" adds to one', async () => {
    const db = api.database.db;
    const { id } = await fileReport(api, report({ category: 'dark_stairwell', details: { floor: 4 } }));
    const near = east(c.p, 45);
    const far = east(c.p, 60);
    expect(await distanceM(db, c.p, near)).toBeLessThan(50);
    expect(await distanceM(db, c.p, far)).toBeGreaterThan(55);
    const hits = expectOk(await api.get(`/api/hazards/nearby?lon=${near.lon}&lat=${near.lat}&category=dark_stairwell`));
    expect(hits.cases.map((x: any) => x.id)).toContain(id);
    for (const x of hits.cases) expect(x.distanceM).toBeLessThanOrEqual(50);
    const miss = expectOk(await api.get(`/api/hazards/nearby?lon=${far.lon}&lat=${far.lat}&category=dark_stairwell`));
    expect(miss.cases.map((x: any) => x.id)).not.toContain(id);
    const other = expectOk(await api.get(`/api/hazards/nearby?lon=${near.lon}&lat=${near.lat}&category=road_damage`));
    expect(other.cases.map((x: any) => x.id)).not.toContain(id);

    const dev = { 'x-device-id': 'device-metoo-1' };
    expect(expectOk(await api.send('POST', `/api/hazards/${id}/me-too`, {}, { headers: dev }))).toMatchObject({ added: true, meToo: 1 });
    expect(expectOk(await api.send('POST', `/api/hazards/${id}/me-too`, {}, { headers: dev }))).toMatchObject({ added: false, meToo: 1 });
    expect(expectOk(await api.send('POST', `/api/hazards/${id}/me-too`, {}, { cookie: c.resident }))).toMatchObject({ added: true, meToo: 2 });
    // A duplicate filed anyway is merged by the grid worker and counts as one more "me too".
    const dup = await fileReport(api, report({ category: 'dark_stairwell', details: {}, location: near }));
    expectOk(await move(api, dup.id, c.gw, { action: 'mark_duplicate', duplicateOf: id }), 201);
    expect(expectOk(await api.get(`/api/hazards/${id}`)).meToo).toBe(3);
    expect((await api.get(`/api/hazards/${dup.id}`)).status).toBe(404); // merged: not public
  });

  it('moderates: flagged cases queue up, hidden ones leave every public view', async () => {
    const { id } = await fileReport(api, report({ category: 'other', details: {}, description: '楼下有人乱扔垃圾' }));
    expect((await api.send('POST', `/api/hazards/${id}/flags`, { reason: '含有邻居姓名' })).status).toBe(202);
    expect(expectOk(await api.get('/api/hazards/moderation', { cookie: c.cs })).cases.map((x: any) => x.id)).toContain(id);
    expect((await api.get('/api/hazards/moderation', { cookie: c.gw })).status).toBe(403);
    expectOk(await api.send('POST', `/api/hazards/${id}/moderation`, { action: 'hide', reason: '含个人信息' }, { cookie: c.cs }));
    expect((await api.get(`/api/hazards/${id}`)).status).toBe(404);
    expect(expectOk(await api.get('/api/hazards?category=other')).features.map((x: any) => x.id)).not.toContain(id);
    expect(expectOk(await api.get(`/api/hazards/${id}`, { cookie: c.gw })).hidden).toBe(true); // staff still handle it
    expectOk(await api.send('POST', `/api/hazards/${id}/moderation`, { action: 'unhide', reason: '已核实无个人信息' }, { cookie: c.cs }));
    expect((await api.get(`/api/hazards/${id}`)).status).toBe(200);
    // Links in an anonymous report hold it for moderation.
    const spam = await fileReport(api, report({ category: 'other', details: {}, description: '代开发票 www.example.com' }));
    expect(spam.held).toBe(true);
    expect((await api.get(`/api/hazards/${spam.id}`)).status).toBe(404);
  });

  it('seeded category fields carry English labels for the English switch (the Chinese stays)', async () => {
    const cats = (await api.get('/api/hazards/categories')).body.categories;
    const ebike = cats.find((c: any) => c.code === 'ebike_charging');
    const place = ebike.fields.find((f: any) => f.key === 'place');
    expect(place).toMatchObject({ label: '位置', labelEn: 'Location' });
    expect(place.options.map((o: any) => [o.label, o.labelEn])).toEqual([['室内', 'Indoors'], ['楼道/门厅', 'Corridor / hall'], ['室外', 'Outdoors']]);
    for (const c of cats) for (const f of c.fields) {
      expect(f.labelEn, `${c.code}.${f.key}`).toBeTruthy();
      for (const o of f.options ?? []) expect(o.labelEn, `${c.code}.${f.key}.${o.value}`).toBeTruthy();
    }
  });

  it('refuses reports outside every grid, unknown categories and bad category fields, naming the field', async () => {
    const out = await api.send('POST', '/api/hazards', report({ location: { lon: 100, lat: 40 } }));
    expect([out.status, out.body.error.code]).toEqual([422, 'OUTSIDE_SERVICE_AREA']);
    const cat = await api.send('POST', '/api/hazards', report({ category: 'nosuch' }));
    expect(cat.status).toBe(400);
    const field = await api.send('POST', '/api/hazards', report({ details: { place: 'roof' } }));
    expect([field.status, field.body.error.message]).toEqual([400, expect.stringContaining('place')]);
    const gcj = await api.send('POST', '/api/hazards', report({ location: { ...c.p, crs: 'gcj02' } }));
    expect([201, 422]).toContain(gcj.status); // converted before the grid lookup (300–600 m shift)
  });

  it('has a dashboard whose counts match the cases', async () => {
    const dash = expectOk(await api.get(`/api/hazards/dashboard?area=${c.at.communityA}`, { cookie: c.cs }));
    const [n] = (await sql<{ reported: number; escalated: number; solved: number; pending: number }>`
      select count(*)::int reported,
        count(*) filter (where escalation_level is not null and status not in ('submitted','rejected','duplicate'))::int escalated,
        count(*) filter (where escalation_level is null and status in ('resolved','closed','published'))::int solved,
        count(*) filter (where status = 'submitted')::int pending
      from hazards where community_id = ${c.at.communityA}`.execute(api.database.db)).rows;
    expect(dash.totals).toMatchObject({ reported: n.reported, escalated: n.escalated, solvedLocally: n.solved, pending: n.pending });
    const t = dash.totals;
    expect(t.found).toBe(t.solvedLocally + t.escalated + t.inGrid);
    expect(t.found).toBe(t.reported - t.pending - t.invalid - t.duplicates);
    expect(dash.children.reduce((s: number, k: any) => s + k.reported, 0) + (dash.outsideChildren?.reported ?? 0)).toBe(t.reported);
    expect(t.medianRespondMin).not.toBeNull();
    expect((await api.get(`/api/hazards/dashboard?area=${c.at.communityB}`, { cookie: c.cs })).status).toBe(403);
  });
});
