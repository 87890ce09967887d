/**
 * Service levels on the app clock: due times per category and priority in Asia/Shanghai, overdue
 * flags on the map, in the queue and on the dashboard, right across midnight; the emergency
 * target of 1 minute to respond and 5 minutes on site.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendName, startApi, type ApiContext } from '../support/api.ts';
import { cast, expectOk, fileReport, move, type Cast } from '../unit/hazards/api-fixtures.ts';

let api: ApiContext;
let c: Cast;
let clock = new Date('2026-11-20T12:00:00+08:00');
/** Moves the app clock; sessions idle out after 30 min, so everyone logs in again. */
const setClock = async (iso: string) => {
  clock = new Date(iso);
  await c.relogin(['gw']);
};

beforeAll(async () => {
  api = await startApi({ now: () => clock });
  c = await cast(api);
});
afterAll(async () => {
  await api?.close();
});

const local = (iso: string) => new Date(iso).toISOString();
const caseOf = async (id: number, cookie: string) => expectOk(await api.get(`/api/hazards/${id}`, { cookie }));
const inQueue = async (id: number) => expectOk(await api.get('/api/hazards/queue', { cookie: c.gw })).cases.find((x: any) => x.id === id);
const onMap = async (id: number, overdue: boolean) =>
  expectOk(await api.get(`/api/hazards?category=ebike_charging&overdue=${overdue}`)).features.some((f: any) => f.id === id);

describe(`hazard service levels (${backendName()})`, () => {
  it('flags a case overdue right across midnight, for minutes and for days', async () => {
    await setClock('2026-11-20T23:50:00+08:00');
    // ebike_charging is urgent: respond 30m, on site 2h, resolve 1d (by 24:00 of the next day).
    const { id } = await fileReport(api, { category: 'ebike_charging', description: '楼道里有人给电动车充电', location: c.p, details: { place: 'corridor' } });
    const due = (await caseOf(id, c.gw)).sla;
    expect(due.respondDueAt).toBe(local('2026-11-21T00:20:00+08:00'));
    expect(due.onSiteDueAt).toBe(local('2026-11-21T01:50:00+08:00'));
    expect(due.resolveDueAt).toBe(local('2026-11-22T00:00:00+08:00'));

    await setClock('2026-11-21T00:19:00+08:00');
    expect((await inQueue(id)).overdue).toBe(false);
    expect(await onMap(id, false)).toBe(true);
    await setClock('2026-11-21T00:21:00+08:00');
    expect((await inQueue(id)).overdue).toBe(true);
    expect((await inQueue(id)).sla.overdue).toEqual(['respond']);
    expect(await onMap(id, true)).toBe(true);
    expect(expectOk(await api.get('/api/hazards/queue', { cookie: c.gw })).cases[0].overdue).toBe(true); // overdue first
    const dash = expectOk(await api.get(`/api/hazards/dashboard?area=${c.at.gridA}&from=2026-11-20&to=2026-11-21`, { cookie: c.gw }));
    expect(dash.totals.overdue).toBeGreaterThanOrEqual(1);

    await setClock('2026-11-21T00:25:00+08:00');
    expectOk(await move(api, id, c.gw, { action: 'verify' }), 201);
    const verified = (await caseOf(id, c.gw)).sla;
    expect(verified).toMatchObject({ overdue: [], late: ['respond'], nextDue: { stage: 'on_site', at: local('2026-11-21T01:50:00+08:00') } });
    await setClock('2026-11-21T01:51:00+08:00');
    expect((await caseOf(id, c.gw)).sla.overdue).toEqual(['on_site']);
    expectOk(await move(api, id, c.gw, { action: 'start' }), 201);

    // The day rule: due at 24:00 local of the next day, not 24 hours after the report.
    await setClock('2026-11-21T23:59:00+08:00');
    expect((await caseOf(id, c.gw)).sla.overdue).toEqual([]);
    expect(await onMap(id, false)).toBe(true);
    await setClock('2026-11-22T00:01:00+08:00');
    expect((await caseOf(id, c.gw)).sla.overdue).toEqual(['resolve']);
    expect(await onMap(id, true)).toBe(true);
  });

  it('gives emergencies 1 minute to respond and 5 minutes on site; the verifier may change the priority', async () => {
    await setClock('2026-11-23T10:00:00+08:00');
    const { id } = await fileReport(api, { category: 'ebike_charging', description: '楼道电动车冒烟起火', location: c.p, details: { place: 'corridor' }, emergency: true });
    const sla = (await caseOf(id, c.gw)).sla;
    expect(sla.respondDueAt).toBe(local('2026-11-23T10:01:00+08:00'));
    expect(sla.onSiteDueAt).toBe(local('2026-11-23T10:05:00+08:00'));
    await setClock('2026-11-23T10:00:40+08:00');
    expectOk(await move(api, id, c.gw, { action: 'verify' }), 201);
    await setClock('2026-11-23T10:06:00+08:00');
    const late = await caseOf(id, c.gw);
    expect(late.sla).toMatchObject({ overdue: ['on_site'], late: [] });

    // Downgraded at verification: the due times follow the new priority, from the report time.
    await setClock('2026-11-23T11:00:00+08:00');
    const { id: id2 } = await fileReport(api, { category: 'ebike_charging', description: '电动车停在楼道', location: c.p, details: { place: 'corridor' } });
    await setClock('2026-11-23T11:10:00+08:00');
    const v = expectOk(await move(api, id2, c.gw, { action: 'verify', priority: 'normal' }), 201);
    expect(v.case.priority).toBe('normal');
    // normal: on site within 1d = by 24:00 of the day after the report day; resolve 5d likewise.
    expect(v.case.sla.onSiteDueAt).toBe(local('2026-11-25T00:00:00+08:00'));
    expect(v.case.sla.resolveDueAt).toBe(local('2026-11-29T00:00:00+08:00'));
  });
});
