/**
 * Open311 GeoReport v2 under /open311/v2: every response has exactly the GeoReport v2 fields with
 * their types; requests can be filed form-encoded and as JSON; filters; open/closed with our state
 * in status_notes; jurisdiction_id = street code; errors in the GeoReport form; no personal data.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTRIBUTE_FIELDS, REQUEST_FIELDS, SERVICE_FIELDS } from '../../server/open311/open311.format.ts';
import { backendName, startApi, type ApiContext } from '../support/api.ts';
import { cast, expectOk, move, uploadRaw, type Cast } from '../unit/hazards/api-fixtures.ts';
import { png } from '../unit/hazards/image-fixtures.ts';

let api: ApiContext;
let c: Cast;
let streetCode = '';
beforeAll(async () => {
  api = await startApi();
  c = await cast(api);
  streetCode = (await api.database.db.selectFrom('areas').select('code').where('id', '=', c.at.street).executeTakeFirstOrThrow()).code;
});
afterAll(async () => {
  await api?.close();
});

const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const o311 = (path: string) => api.get(`/open311/v2/${path}`);

function postForm(fields: Record<string, string>) {
  return fetch(`${api.base}/open311/v2/requests.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': api.ip },
    body: new URLSearchParams(fields).toString(),
  }).then(async (r) => ({ status: r.status, body: await r.json() }));
}

/** GeoReport v2 service request: exactly these fields, these types. */
function checkRequest(r: any) {
  expect(Object.keys(r).sort()).toEqual([...REQUEST_FIELDS].sort());
  expect(typeof r.service_request_id).toBe('string');
  expect(['open', 'closed']).toContain(r.status);
  for (const k of ['status_notes', 'service_name', 'service_code', 'description']) expect(typeof r[k], k).toBe('string');
  for (const k of ['requested_datetime', 'updated_datetime']) expect(r[k], k).toMatch(W3C);
  if (r.expected_datetime !== null) expect(r.expected_datetime).toMatch(W3C);
  expect(typeof r.lat).toBe('number');
  expect(typeof r.long).toBe('number');
  if (r.media_url !== null) expect(r.media_url).toMatch(/^https?:\/\//);
}

describe(`Open311 GeoReport v2 (${backendName()})`, () => {
  it('lists services and their definitions with the GeoReport v2 fields', async () => {
    const services = expectOk(await o311('services.json'));
    expect(services.length).toBeGreaterThanOrEqual(9);
    for (const s of services) {
      expect(Object.keys(s).sort()).toEqual([...SERVICE_FIELDS].sort());
      expect(typeof s.metadata).toBe('boolean');
      expect(['realtime', 'batch', 'blackbox']).toContain(s.type);
    }
    expect(services.map((s: any) => s.group)).toEqual(expect.arrayContaining(['市容环境', '施工管理', '街面秩序', '突发事件', '其他']));
    const def = expectOk(await o311('services/ebike_charging.json'));
    expect(def.service_code).toBe('ebike_charging');
    for (const a of def.attributes) {
      for (const k of Object.keys(a)) expect(ATTRIBUTE_FIELDS).toContain(k);
      expect(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']).toContain(a.datatype);
      expect(a.variable).toBe(true);
      if (a.datatype.endsWith('valuelist')) expect(a.values.length).toBeGreaterThan(0);
    }
    expect(def.attributes.find((a: any) => a.code === 'place')).toMatchObject({ required: true, datatype: 'singlevaluelist' });
    expect(expectOk(await o311(`services.json?jurisdiction_id=${streetCode}`)).length).toBe(services.length);
    const bad = await o311('services.json?jurisdiction_id=999999999');
    expect([bad.status, bad.body[0].code]).toEqual([404, 404]);
  });

  it('files requests form-encoded and as JSON, and reads them back without personal data', async () => {
    const form = await postForm({
      jurisdiction_id: streetCode, service_code: 'ebike_charging', lat: String(c.p.lat), long: String(c.p.lon),
      description: '楼道飞线充电', first_name: '明', last_name: '王', phone: '13900001111', email: 'wang@example.com',
      'attribute[place]': 'corridor', 'attribute[floor]': '5', 'attribute[flyingLead]': 'true',
    });
    expect(form.status).toBe(201);
    expect(Object.keys(form.body[0]).sort()).toEqual(['account_id', 'service_notice', 'service_request_id']);
    const id = form.body[0].service_request_id;
    const json = await api.send('POST', '/open311/v2/requests.json', { service_code: 'road_damage', lat: c.p.lat, long: c.p.lon, description: '路面坑槽', attribute: { kind: 'pothole' } });
    expect(json.status).toBe(201);
    const id2 = json.body[0].service_request_id;

    const [one] = expectOk(await o311(`requests/${id}.json`));
    checkRequest(one);
    expect(one).toMatchObject({ service_request_id: id, status: 'open', service_code: 'ebike_charging', status_notes: 'submitted' });
    for (const secret of ['13900001111', '王明', 'wang@example.com']) expect(JSON.stringify(one)).not.toContain(secret);
    const staff = expectOk(await api.get(`/api/hazards/${id}`, { cookie: c.gw }));
    expect(staff).toMatchObject({ source: 'open311', contact: { name: '王明', phone: '13900001111' }, details: { place: 'corridor', floor: 5, flyingLead: true } });

    const both = expectOk(await o311(`requests.json?service_request_id=${id},${id2}`));
    expect(both.map((r: any) => r.service_request_id).sort()).toEqual([id, id2].sort());
    both.forEach(checkRequest);
  });

  it('filters by code, status, dates and jurisdiction; closed carries our state', async () => {
    const r = await postForm({ service_code: 'broken_facility', lat: String(c.p.lat), long: String(c.p.lon), description: '路灯不亮', 'attribute[facility]': 'light' });
    const id = Number(r.body[0].service_request_id);
    for (const step of [{ action: 'verify' }, { action: 'start' }]) expectOk(await move(api, id, c.gw, step), 201);
    const ev = expectOk(await uploadRaw(api, png(8, 8), { cookie: c.gw, contentType: 'image/png' }), 201).upload;
    expectOk(await move(api, id, c.gw, { action: 'resolve', note: '已更换灯泡', evidence: [ev] }), 201);
    const [closed] = expectOk(await o311(`requests/${id}.json`));
    expect(closed).toMatchObject({ status: 'closed', status_notes: 'resolved: 已更换灯泡' });

    const now = Date.now();
    const start = new Date(now - 3600_000).toISOString();
    const end = new Date(now + 3600_000).toISOString();
    const closedOnes = expectOk(await o311(`requests.json?service_code=broken_facility&status=closed&start_date=${start}&end_date=${end}`));
    expect(closedOnes.map((x: any) => x.service_request_id)).toContain(String(id));
    for (const x of closedOnes) expect([x.status, x.service_code]).toEqual(['closed', 'broken_facility']);
    const openOnes = expectOk(await o311(`requests.json?status=open`));
    expect(openOnes.every((x: any) => x.status === 'open')).toBe(true);
    expect(openOnes.map((x: any) => x.service_request_id)).not.toContain(String(id));
    const inStreet = expectOk(await o311(`requests.json?jurisdiction_id=${streetCode}&service_request_id=${id}`));
    expect(inStreet).toHaveLength(1);
    expect(expectOk(await o311('requests.json')).length).toBeLessThanOrEqual(1000);
  });

  it('answers errors in the GeoReport form', async () => {
    const missing = await postForm({ lat: String(c.p.lat), long: String(c.p.lon) });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual([{ code: 400, description: expect.stringContaining('service_code') }]);
    const noPlace = await postForm({ service_code: 'other', address_string: '南京东路1号' });
    expect([noPlace.status, noPlace.body[0].description]).toEqual([400, expect.stringContaining('address_string')]);
    const unknown = await postForm({ service_code: 'nosuch', lat: String(c.p.lat), long: String(c.p.lon) });
    expect(unknown.status).toBe(404);
    const [elsewhere] = (await sql<{ lon: number; lat: number }>`select ST_X(ST_PointOnSurface(geom)) lon, ST_Y(ST_PointOnSurface(geom)) lat
      from areas where level = 'grid' and parent_id in (select id from areas where level = 'community' and parent_id <> ${c.at.street}) order by code limit 1`.execute(api.database.db)).rows;
    const before = await api.database.db.selectFrom('hazards').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const wrongStreet = await postForm({ jurisdiction_id: streetCode, service_code: 'other', lat: String(elsewhere.lat), long: String(elsewhere.lon) });
    expect([wrongStreet.status, wrongStreet.body[0].description]).toEqual([400, expect.stringContaining('jurisdiction_id')]);
    const after = await api.database.db.selectFrom('hazards').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n)); // nothing filed
    const outside = await postForm({ service_code: 'other', lat: '40.0', long: '100.0' });
    expect([outside.status, outside.body[0].code]).toEqual([422, 422]);
    const badAttr = await postForm({ service_code: 'ebike_charging', lat: String(c.p.lat), long: String(c.p.lon), 'attribute[place]': 'roof' });
    expect([badAttr.status, badAttr.body[0].description]).toEqual([400, expect.stringContaining('place')]);
    expect((await o311('requests/999999999.json')).status).toBe(404);
    const route = await o311('nothing.xml');
    expect([route.status, route.body[0].code]).toEqual([404, 404]);
  });
});
