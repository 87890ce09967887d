/**
 * 两房一共 (issue 5), the rest of the staff screen through the browser: a finding corrected (the original
 * stays, struck through, linked; the report follows the correction), a reclaimed room converted into a
 * station (a place at #/place/<id>, no longer a siting candidate), the standards table turning a compound
 * from red to green once a reclaimed property management room counts, a space edited with a stale
 * version (409 shown), the income ledger (entry, correction) and its public summary without personal
 * data, a compound registered by drawing its outline, and the English switch.
 */
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, places, type Places, type TestUser } from '../support/accounts.ts';
import { startBrowserApp, type BrowserContext } from '../support/browser.ts';

let ctx: BrowserContext;
let at: Places;
let users: Record<'ss' | 'planner', TestUser>;
let cookie: string;
let plannerCookie: string;
/** The grid A compound (corrections, conversion) and a red one elsewhere in the street (standards). */
let main: { id: number; name: string; x: number; y: number };
let red: { id: number; name: string; x: number; y: number; shortfall: number };

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');
const DESKTOP = { viewport: { width: 1280, height: 900 } };
const TODAY = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const PERIOD = `${TODAY.slice(0, 4)}-01`;
const REPORT = `from=2000-01-01&to=2100-12-31`;

async function send(method: string, path: string, body?: unknown, c = cookie) {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-requested-with': 'XMLHttpRequest', origin: ctx.base };
  if (c) headers.cookie = c;
  const r = await fetch(ctx.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: r.status, body: await r.json().catch(() => null) };
}
async function ok(method: string, path: string, body?: unknown) {
  const r = await send(method, path, body);
  expect(r.status, `${method} ${path}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
  return r.body;
}
async function cookieFor(u: TestUser): Promise<string> {
  const r = await fetch(ctx.base + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', 'x-requested-with': 'XMLHttpRequest', origin: ctx.base }, body: JSON.stringify({ login: u.username, password: u.password }) });
  expect(r.status).toBe(200);
  return /^(sid=[^;]*)/.exec(r.headers.getSetCookie().find((c) => c.startsWith('sid='))!)![1];
}
async function pdfToken(): Promise<string> {
  const r = await fetch(`${ctx.base}/api/audits/uploads?kind=document`, { method: 'POST', headers: { 'content-type': 'application/pdf', 'x-requested-with': 'XMLHttpRequest', origin: ctx.base, cookie }, body: PDF });
  expect(r.status).toBe(201);
  return ((await r.json()) as { upload: string }).upload;
}

/** A room taken through the four steps by the API to "reclaimed" with the measured area. */
async function reclaimedRoom(c: { id: number; x: number; y: number }, name: string, kind: string, m2: number): Promise<number> {
  const space = await ok('POST', '/api/audits/spaces', { compoundId: c.id, kind, name, lon: c.x, lat: c.y, floor: 1, areaM2: m2 });
  const campaign = await ok('POST', '/api/audits/campaigns', { name: `${name}核查`, area: at.street, participants: [{ party: 'street_office', name: '某街道办' }], startsOn: TODAY, endsOn: TODAY });
  await ok('POST', `/api/audits/campaigns/${campaign.id}/spaces`, { spaceId: space.id });
  await ok('POST', `/api/audits/spaces/${space.id}/inspections`, { inspector: '核查员', at: new Date().toISOString(), lon: c.x, lat: c.y, measuredAreaM2: m2, currentUse: '空置' });
  await ok('POST', `/api/audits/spaces/${space.id}/findings`, { outcome: 'reclaimed', date: TODAY, reclaimedAreaM2: m2, documents: [await pdfToken()] });
  return space.id;
}

async function open(url: string, login = true): Promise<{ page: Page; csp: string[] }> {
  const page = await ctx.browser.newPage(DESKTOP);
  const csp: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
  });
  await page.goto(ctx.base + url);
  if (login) {
    await page.locator('[data-testid="login-button"]').first().click();
    await page.locator('[data-testid="login-name"]').fill(users.ss.username);
    await page.locator('[data-testid="login-password"]').fill(users.ss.password);
    await page.locator('[data-testid="login-submit"]').click();
    await page.locator('[data-testid="user-menu"]').first().waitFor({ timeout: 20_000 });
  }
  return { page, csp };
}

async function staffScreen(): Promise<{ page: Page; csp: string[] }> {
  const s = await open('/#/audits');
  await s.page.locator('[data-testid="au-area"]').waitFor();
  await expect.poll(() => s.page.locator('[data-testid="au-area"] option').count()).toBeGreaterThan(1);
  await s.page.locator('[data-testid="au-area"]').selectOption(String(at.street));
  return s;
}

beforeAll(async () => {
  ctx = await startBrowserApp();
  const db = ctx.database.db;
  at = await places(db);
  users = {
    ss: await createTestUser(db, [{ role: 'street_staff', areaId: at.street }], 'aumore'),
    planner: await createTestUser(db, [{ role: 'planner', areaId: at.street }], 'aumoreplan'),
  };
  cookie = await cookieFor(users.ss);
  plannerCookie = await cookieFor(users.planner);
  const pos = (id: number) => sql<{ id: number; name: string; x: number; y: number }>`select c.id, c.name, ST_X(ST_PointOnSurface(c.geom)) x, ST_Y(ST_PointOnSurface(c.geom)) y from compounds c where c.id = ${id}`.execute(db).then((r) => r.rows[0]);
  const [m] = (await sql<{ id: number }>`select c.id from compounds c join areas g on c.ref = 'grid:' || g.code where g.id = ${at.gridA}`.execute(db)).rows;
  main = await pos(m.id);
  const std = await ok('GET', `/api/audits/standards?area=${at.street}`);
  const r = (std.compounds as { id: number; ok: boolean; shortfallM2: number }[]).find((c) => !c.ok && c.id !== main.id && c.shortfallM2 > 0 && c.shortfallM2 < 5000);
  expect(r, 'a compound below the standard in the street').toBeTruthy();
  red = { ...(await pos(r!.id)), shortfall: r!.shortfallM2 };
});
afterAll(async () => {
  await ctx?.close();
});

describe('两房一共: corrections, conversion, standards, income, compounds, English', () => {
  let spaceId = 0;

  it('corrects a finding: the original stays, struck through and linked; the report follows the correction', async () => {
    const before = (await ok('GET', `/api/audits/report?area=${at.street}&${REPORT}`)).totals.reclaimedM2 as number;
    spaceId = await reclaimedRoom(main, '更正测试用房', 'idle_space', 30);
    expect((await ok('GET', `/api/audits/report?area=${at.street}&${REPORT}`)).totals.reclaimedM2).toBeCloseTo(before + 30, 6);

    const { page, csp } = await open(`/#/audits/space/${spaceId}`);
    const form = page.locator('[data-testid="au-correction-form"]');
    await form.waitFor({ timeout: 20_000 });
    const original = page.locator('[data-testid="au-history-entry"][data-step="finding"]');
    const originalId = Number(await original.getAttribute('data-id'));
    await form.locator('[data-testid="au-corr-entry"]').selectOption(String(originalId));
    await form.locator('[data-testid="au-corr-field"]').selectOption('reclaimedAreaM2');
    await form.locator('[data-testid="au-corr-value"]').fill('25.5');
    await form.locator('[data-testid="au-corr-note"]').fill('复核移交清单，面积应为 25.5 m²');
    await form.locator('[data-testid="au-corr-submit"]').click();

    const old = page.locator(`[data-testid="au-history-entry"][data-id="${originalId}"]`);
    await expect.poll(() => old.getAttribute('data-in-force'), { timeout: 20_000 }).toBe('false');
    expect(await old.locator('dl').evaluate((el) => getComputedStyle(el).textDecorationLine)).toContain('line-through');
    expect(await old.textContent()).toContain('30');
    const fix = page.locator('[data-testid="au-history-entry"][data-in-force="true"][data-step="finding"]');
    const fixId = Number(await fix.getAttribute('data-id'));
    expect(fixId).toBeGreaterThan(originalId);
    expect(await fix.textContent()).toContain(`#${originalId}`);
    expect(await fix.textContent()).toContain('25.5');
    expect(await old.textContent()).toContain(`#${fixId}`);

    // the report (API and the report tab) counts the correction, not the original
    expect((await ok('GET', `/api/audits/report?area=${at.street}&${REPORT}`)).totals.reclaimedM2).toBeCloseTo(before + 25.5, 6);
    await page.goto(`${ctx.base}/#/audits`);
    await page.locator('[data-testid="au-area"]').selectOption(String(at.street));
    await page.locator('[data-testid="au-tab-report"]').click();
    await page.locator('[data-testid="au-report-from"]').fill('2000-01-01');
    await page.locator('[data-testid="au-report-to"]').fill('2100-12-31');
    await page.locator('[data-testid="au-report-run"]').click();
    const shown = page.locator('[data-testid="au-total-reclaimed"]');
    await expect.poll(async () => Number(await shown.getAttribute('data-value')), { timeout: 20_000 }).toBeCloseTo(before + 25.5, 6);
    expect(csp).toEqual([]);
    await page.close();
  });

  it('edits a space; a stale version shows the 409', async () => {
    const { page } = await open(`/#/audits/space/${spaceId}`);
    const form = page.locator('[data-testid="au-edit-form"]');
    await form.waitFor({ timeout: 20_000 });
    await form.locator('[data-testid="au-edit-custodian"]').fill('某街道办');
    await form.locator('[data-testid="au-edit-submit"]').click();
    await expect.poll(async () => (await ok('GET', `/api/audits/spaces/${spaceId}`)).space.custodian, { timeout: 20_000 }).toBe('某街道办');
    const hist = await ok('GET', `/api/audits/spaces/${spaceId}/history`);
    expect(hist.entries.map((e: { step: string }) => e.step)).toContain('edit');

    // someone else saves meanwhile: this form's version is stale
    await page.locator('[data-testid="au-edit-form"] [data-testid="au-edit-custodian"]').waitFor();
    const v = (await ok('GET', `/api/audits/spaces/${spaceId}`)).space.version;
    await ok('PATCH', `/api/audits/spaces/${spaceId}`, { version: v, occupant: '另一位工作人员' });
    await form.locator('[data-testid="au-edit-custodian"]').fill('某社区');
    await form.locator('[data-testid="au-edit-submit"]').click();
    await page.locator('[data-testid="au-edit-stale"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid="au-error"]').textContent()).toMatch(/version|版本|409|stale|changed/i);
    expect((await ok('GET', `/api/audits/spaces/${spaceId}`)).space.custodian).toBe('某街道办');
    await page.close();
  });

  it('converts the reclaimed room into a station: a place, no longer a siting candidate', async () => {
    const siting = () => send('POST', '/api/circle/siting', { area: at.street, k: 1 }, plannerCookie).then((r) => {
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.candidates as number;
    });
    const before = await siting();
    const { page, csp } = await open(`/#/audits/space/${spaceId}`);
    const form = page.locator('[data-testid="au-convert-form"]');
    await form.waitFor({ timeout: 20_000 });
    await form.locator('[data-testid="au-convert-kind"]').selectOption('grid_station');
    await form.locator('[data-testid="au-convert-submit"]').click();
    await expect.poll(() => page.locator('[data-testid="au-space-page"]').getAttribute('data-status'), { timeout: 20_000 }).toBe('converted');
    // the profile links the place the room became
    const link = page.locator('[data-testid="au-space-place"]');
    await link.waitFor({ timeout: 20_000 });
    const placeId = Number((await link.getAttribute('href'))!.split('/').pop());
    expect(placeId).toBeGreaterThan(0);
    expect(await siting()).toBe(before - 1);

    await link.click();
    const place = page.locator('[data-testid="place-page"]');
    await place.waitFor({ timeout: 30_000 });
    expect(Number(await place.getAttribute('data-id'))).toBe(placeId);
    expect(await page.locator('[data-testid="place-name"]').textContent()).toContain('更正测试用房');
    expect(csp).toEqual([]);
    await page.close();
  });

  it('the standards tab turns a compound from red to green once a reclaimed property room counts', async () => {
    const { page } = await staffScreen();
    await page.locator('[data-testid="au-tab-standards"]').click();
    const row = page.locator(`[data-testid="au-std-compound"][data-id="${red.id}"]`);
    await row.waitFor({ timeout: 20_000 });
    expect(await row.getAttribute('data-colour')).toBe('red');
    expect(Number(await row.getAttribute('data-shortfall'))).toBeCloseTo(red.shortfall, 6);

    await reclaimedRoom(red, '收回物业用房', 'property_room', Math.ceil(red.shortfall) + 1);
    const api = (await ok('GET', `/api/audits/standards?area=${at.street}`)).compounds.find((c: { id: number }) => c.id === red.id);
    expect(api.ok).toBe(true);
    await page.locator('[data-testid="au-tab-spaces"]').click();
    await page.locator('[data-testid="au-tab-standards"]').click();
    await expect.poll(() => row.getAttribute('data-colour'), { timeout: 20_000 }).toBe('green');
    expect(Number(await row.getAttribute('data-shortfall'))).toBe(api.shortfallM2);
    expect(api.shortfallM2).toBe(0);
    expect(await row.textContent()).toContain('收回物业用房');
    await page.close();
  });

  it('income: an entry and its correction in the ledger; the public summary shows the totals, no personal data', async () => {
    const anon = async () => send('GET', `/api/audits/compounds/${main.id}/income/summary`, undefined, '');
    const yearOf = (b: { years: { year: number | string; totals: Record<string, number> }[] }) => b.years.find((y) => String(y.year) === PERIOD.slice(0, 4))?.totals;
    const before = yearOf((await anon()).body) ?? { dueYuan: 0, collectedYuan: 0, arrearsRecoveredYuan: 0, spentYuan: 0, balanceYuan: 0 };

    const { page, csp } = await staffScreen();
    // from the standards table to the compound's view
    await page.locator('[data-testid="au-tab-standards"]').click();
    await page.locator(`[data-testid="au-std-compound"][data-id="${main.id}"] [data-testid="au-std-open"]`).click();
    const view = page.locator(`[data-testid="au-compound"][data-id="${main.id}"]`);
    await view.waitFor({ timeout: 20_000 });
    const form = view.locator('[data-testid="au-income-form"]');
    await form.locator('[data-testid="au-income-period"]').fill(PERIOD);
    await form.locator('[data-testid="au-income-category"]').selectOption('parking');
    await form.locator('[data-testid="au-income-due"]').fill('1200');
    await form.locator('[data-testid="au-income-collected"]').fill('800');
    await form.locator('[data-testid="au-income-arrears"]').fill('150.5');
    await form.locator('[data-testid="au-income-spent"]').fill('300');
    await form.locator('[data-testid="au-income-note"]').fill('车主张三 13800001234 补缴');
    await form.locator('[data-testid="au-income-submit"]').click();
    const entries = view.locator('[data-testid="au-ledger-entry"]');
    await expect.poll(() => entries.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const first = entries.last();
    const firstId = Number(await first.getAttribute('data-id'));

    // a correction: collected was 900; the original stays, struck through
    await first.locator('[data-testid="au-ledger-correct"]').click();
    await expect.poll(() => form.getAttribute('data-correcting')).toBe(String(firstId));
    expect(await form.locator('[data-testid="au-income-due"]').inputValue()).toBe('1200');
    await form.locator('[data-testid="au-income-collected"]').fill('900');
    await form.locator('[data-testid="au-income-submit"]').click();
    const old = view.locator(`[data-testid="au-ledger-entry"][data-id="${firstId}"]`);
    await expect.poll(() => old.getAttribute('data-in-force'), { timeout: 20_000 }).toBe('false');
    expect(await old.locator('td').first().evaluate((el) => getComputedStyle(el).textDecorationLine)).toContain('line-through');
    expect(await entries.last().getAttribute('data-in-force')).toBe('true');

    const after = yearOf((await anon()).body)!;
    expect(after.collectedYuan).toBeCloseTo(before.collectedYuan + 900, 2);
    expect(after.arrearsRecoveredYuan).toBeCloseTo(before.arrearsRecoveredYuan + 150.5, 2);
    expect(after.balanceYuan).toBeCloseTo(before.balanceYuan + 900 + 150.5 - 300, 2);

    // the public page (no login) from the staff link
    const href = await view.locator('[data-testid="au-income-public"]').getAttribute('href');
    expect(href).toBe(`#/income/${main.id}`);
    const pub = await open(`/${href}`, false);
    const year = pub.page.locator(`[data-testid="au-income-year"][data-year="${PERIOD.slice(0, 4)}"]`);
    await year.waitFor({ timeout: 20_000 });
    expect(Number(await year.getAttribute('data-collected'))).toBeCloseTo(after.collectedYuan, 2);
    expect(Number(await year.getAttribute('data-balance'))).toBeCloseTo(after.balanceYuan, 2);
    const text = (await pub.page.locator('body').textContent()) ?? '';
    expect(text).not.toContain('张三');
    expect(text).not.toContain('13800001234');
    expect(text).not.toContain(users.ss.username);
    expect(csp).toEqual([]);
    expect(pub.csp).toEqual([]);
    await pub.page.close();
    await page.close();
  });

  it('registers a compound by clicking its outline on the map, then edits its attributes', async () => {
    const { page } = await staffScreen();
    await page.locator('[data-testid="au-tab-compounds"]').click();
    await page.locator('[data-testid="au-cp-new"]').click();
    await page.waitForSelector('body[data-audit-map-ready="1"]', { timeout: 90_000 });
    // a small square around the red compound's point, drawn corner by corner
    const d = 0.0004;
    const corners: [number, number][] = [[red.x - d, red.y - d], [red.x + d, red.y - d], [red.x + d, red.y + d], [red.x - d, red.y + d]];
    await page.evaluate((c) => new Promise<void>((resolve) => {
      const m = (window as unknown as { __auditMap: import('maplibre-gl').Map }).__auditMap;
      m.jumpTo({ center: c as [number, number], zoom: 17 });
      m.once('idle', () => resolve());
    }), [red.x, red.y]);
    for (const c of corners) {
      const px = await page.evaluate((p) => {
        const m = (window as unknown as { __auditMap: import('maplibre-gl').Map }).__auditMap;
        const q = m.project(p as [number, number]);
        const r = m.getCanvas().getBoundingClientRect();
        return { x: r.left + q.x, y: r.top + q.y };
      }, c);
      await page.mouse.click(px.x, px.y);
    }
    await expect.poll(() => page.locator('[data-testid="au-cp-vertices"]').getAttribute('data-n')).toBe('4');
    const form = page.locator('[data-testid="au-compound-form"]');
    await form.locator('[data-testid="au-cp-name"]').fill('浏览器新建小区');
    await form.locator('[data-testid="au-cp-type"]').selectOption('resettlement');
    await form.locator('[data-testid="au-cp-company"]').fill('某物业公司');
    await form.locator('[data-testid="au-cp-floor-area"]').fill('36000');
    await form.locator('[data-testid="au-cp-rule"]').selectOption('p3_min90');
    await form.locator('[data-testid="au-cp-submit"]').click();
    const view = page.locator('[data-testid="au-compound"]');
    await view.waitFor({ timeout: 20_000 });
    const id = Number(await view.getAttribute('data-id'));
    const c = (await ok('GET', `/api/audits/compounds/${id}`)).compound;
    expect(c).toMatchObject({ name: '浏览器新建小区', type: 'resettlement', propertyCompany: '某物业公司', totalFloorAreaM2: 36000, pmRule: 'p3_min90' });

    await view.locator('[data-testid="au-cp-committee"]').fill('第一届业委会');
    await view.locator('[data-testid="au-cp-floor-area"]').fill('40000');
    await view.locator('[data-testid="au-cp-submit"]').click();
    await expect.poll(async () => (await ok('GET', `/api/audits/compounds/${id}`)).compound.ownersCommittee, { timeout: 20_000 }).toBe('第一届业委会');
    expect((await ok('GET', `/api/audits/compounds/${id}`)).compound.totalFloorAreaM2).toBe(40000);
    await page.close();
  });

  it('switches the audits screen to English and back', async () => {
    const { page } = await staffScreen();
    const tab = page.locator('[data-testid="au-tab-standards"]');
    expect(await tab.textContent()).toBe('配建标准');
    await page.locator('.screen [data-testid="lang-switch"]').click();
    await expect.poll(() => tab.textContent()).toBe('Standards');
    expect(await page.locator('[data-testid="au-tab-compounds"]').textContent()).toBe('Compounds and income');
    await page.locator('[data-testid="au-tab-compounds"]').click();
    const head = page.locator('[data-testid="au-compounds"] thead');
    await expect.poll(() => head.textContent()).toContain('Compound name');
    expect(await head.textContent()).not.toMatch(/[\u4e00-\u9fff]/);
    await page.locator('.screen [data-testid="lang-switch"]').click();
    await expect.poll(() => tab.textContent()).toBe('配建标准');
    await page.close();
  });
});
