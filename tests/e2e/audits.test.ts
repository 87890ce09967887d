/**
 * 两房一共 (issue 5) through the browser once: a street-office account opens a campaign (多方议) and
 * registers a room, a resident pins an anonymous lead with a photo on the public phone page (居民提),
 * staff triage it onto the room, inspect it with the browser's GPS (现场看) and record "reclaimed"
 * with a PDF (索骥查); the room shows reclaimed on the map and the list, the report and its XLSX move
 * by exactly the reclaimed m², the room is a siting candidate, the history holds every step, and
 * community staff of another street get no access (UI and API).
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, places, type Places, type TestUser } from '../support/accounts.ts';
import { startBrowserApp, type BrowserContext } from '../support/browser.ts';

let ctx: BrowserContext;
let at: Places;
let compound: { id: number; name: string };
let point: [number, number];
let users: Record<'ss' | 'other' | 'planner', TestUser>;

/** The smallest PDF the server's check accepts. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');
const photo = () => sharp({ create: { width: 800, height: 600, channels: 3, background: '#7a8a99' } }).jpeg().toBuffer();
const DESKTOP = { viewport: { width: 1280, height: 900 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const RECLAIMED = 42.5;

beforeAll(async () => {
  ctx = await startBrowserApp();
  const db = ctx.database.db;
  at = await places(db);
  const [c] = (await sql<{ id: number; name: string; x: number; y: number }>`select c.id, c.name, ST_X(ST_PointOnSurface(c.geom)) x, ST_Y(ST_PointOnSurface(c.geom)) y
    from compounds c join areas g on c.ref = 'grid:' || g.code where g.id = ${at.gridA}`.execute(db)).rows;
  compound = { id: c.id, name: c.name };
  point = [c.x, c.y];
  const [other] = (await sql<{ id: number }>`select id from areas where level = 'community' and parent_id <> ${at.street} order by code limit 1`.execute(db)).rows;
  users = {
    ss: await createTestUser(db, [{ role: 'street_staff', areaId: at.street }], 'aust'),
    other: await createTestUser(db, [{ role: 'community_staff', areaId: other.id }], 'auother'),
    planner: await createTestUser(db, [{ role: 'planner', areaId: at.street }], 'auplan'),
  };
});
afterAll(async () => {
  await ctx?.close();
});

async function send(method: string, path: string, body?: unknown, cookie?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-requested-with': 'XMLHttpRequest', origin: ctx.base };
  if (cookie) headers.cookie = cookie;
  const r = await fetch(ctx.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: r.status, body: await r.json().catch(() => null) };
}
async function cookieFor(u: TestUser): Promise<string> {
  const r = await fetch(ctx.base + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', 'x-requested-with': 'XMLHttpRequest', origin: ctx.base }, body: JSON.stringify({ login: u.username, password: u.password }) });
  expect(r.status).toBe(200);
  return /^(sid=[^;]*)/.exec(r.headers.getSetCookie().find((c) => c.startsWith('sid='))!)![1];
}

async function open(url: string, device: object) {
  const page = await ctx.browser.newPage(device);
  const csp: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
  });
  await page.goto(ctx.base + url);
  return { page, csp };
}

async function logIn(page: Page, u: TestUser) {
  await page.locator('[data-testid="login-button"]').first().click();
  await page.locator('[data-testid="login-name"]').fill(u.username);
  await page.locator('[data-testid="login-password"]').fill(u.password);
  await page.locator('[data-testid="login-submit"]').click();
  await page.locator('[data-testid="user-menu"]').first().waitFor({ timeout: 20_000 });
}

/** Centres the audit map on a point and returns its position on the page. */
async function mapPixel(page: Page, p: [number, number]): Promise<{ x: number; y: number }> {
  await page.locator('[data-testid="audit-map"]').scrollIntoViewIfNeeded();
  await page.waitForSelector('body[data-audit-map-ready="1"]', { timeout: 90_000 });
  return page.evaluate(
    (c) =>
      new Promise<{ x: number; y: number }>((resolve) => {
        const m = (window as unknown as { __auditMap: import('maplibre-gl').Map }).__auditMap;
        m.jumpTo({ center: c as [number, number], zoom: 17 });
        m.once('idle', () => {
          const px = m.project(c as [number, number]);
          const r = m.getCanvas().getBoundingClientRect();
          resolve({ x: r.left + px.x, y: r.top + px.y });
        });
      }),
    p,
  );
}

describe('两房一共 through the browser', () => {
  let campaignId = 0;
  let spaceId = 0;
  let leadId = 0;
  let staff: Page;
  let before: { reclaimedM2: number; candidates: number };

  it('a street office opens a campaign and registers a room (UI)', async () => {
    const cookie = await cookieFor(users.ss);
    const area = `area=${at.street}&from=2000-01-01&to=2100-12-31`;
    before = {
      reclaimedM2: (await send('GET', `/api/audits/report?${area}`, undefined, cookie)).body.totals.reclaimedM2,
      candidates: (await send('POST', '/api/circle/siting', { area: at.street, k: 1 }, cookie)).body?.candidates ?? 0,
    };
    const s = await open('/#/audits', { ...DESKTOP, geolocation: { longitude: point[0] + 0.00005, latitude: point[1], accuracy: 8 }, permissions: ['geolocation'] });
    staff = s.page;
    await logIn(staff, users.ss);
    await staff.locator('[data-testid="au-area"]').waitFor();
    await expect.poll(() => staff.locator('[data-testid="au-area"] option').count()).toBeGreaterThan(1);

    await staff.locator('[data-testid="au-tab-campaigns"]').click();
    const form = staff.locator('[data-testid="au-campaign-form"]');
    await form.locator('[data-testid="au-campaign-name"]').fill('浏览器两房一共核查');
    await form.locator('[data-testid="au-campaign-scope"]').selectOption(String(at.communityA));
    const parties = form.locator('[data-testid="au-party-name"]');
    await parties.nth(0).fill('某街道办');
    await parties.nth(1).fill('某社区居委会');
    await form.locator('[data-testid="au-campaign-submit"]').click();
    const row = staff.locator('[data-testid="au-campaign"]', { hasText: '浏览器两房一共核查' });
    await row.waitFor({ timeout: 20_000 });
    campaignId = Number(await row.getAttribute('data-id'));
    expect(await row.getAttribute('data-status')).toBe('open');

    await staff.locator('[data-testid="au-tab-register"]').click();
    const reg = staff.locator('[data-testid="au-register-form"]');
    // a click inside the compound on the map picks the point and the compound
    const px = await mapPixel(staff, point);
    await staff.mouse.click(px.x, px.y);
    await expect.poll(() => reg.locator('[data-testid="au-reg-compound"]').inputValue()).toBe(String(compound.id));
    await reg.locator('[data-testid="au-reg-name"]').fill('浏览器物业用房');
    await reg.locator('[data-testid="au-reg-kind"]').selectOption('property_room');
    await reg.locator('[data-testid="au-reg-area"]').fill('60');
    await reg.locator('[data-testid="au-reg-custodian"]').fill('某物业');
    await reg.locator('[data-testid="au-reg-submit"]').click();
    const done = staff.locator('[data-testid="au-registered"]');
    await done.waitFor({ timeout: 20_000 });
    spaceId = Number(await done.getAttribute('data-id'));
    expect(spaceId).toBeGreaterThan(0);
    expect(s.csp).toEqual([]);
  });

  it('a resident pins an anonymous lead with a photo on the public phone page', async () => {
    const { page, csp } = await open('/#/leads', PHONE);
    const form = page.locator('[data-testid="au-lead-form"]');
    await form.waitFor({ timeout: 30_000 });
    await form.locator('[data-testid="au-lead-campaign"]').selectOption(String(campaignId));
    const px = await mapPixel(page, point);
    await page.mouse.click(px.x, px.y);
    await expect.poll(() => form.locator('[data-testid="au-lead-pin"]').textContent()).toMatch(/^\d+\.\d+, \d+\.\d+$/);
    await form.locator('[data-testid="au-lead-description"]').fill('物业用房被改成了仓库，长期锁着');
    await form.locator('[data-testid="au-lead-photo"]').setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: await photo() });
    await form.locator('[data-testid="au-lead-submit"]').click();
    const done = page.locator('[data-testid="au-lead-done"]');
    await done.waitFor({ timeout: 20_000 });
    leadId = Number(await done.getAttribute('data-id'));
    expect(leadId).toBeGreaterThan(0);
    expect(csp).toEqual([]);
    await page.close();
  });

  it('staff triage the lead onto the room, inspect it with GPS and record "reclaimed" with a PDF', async () => {
    await staff.locator('[data-testid="au-tab-leads"]').click();
    await staff.locator('[data-testid="au-leads-campaign"]').selectOption(String(campaignId));
    const lead = staff.locator(`[data-testid="au-lead"][data-id="${leadId}"]`);
    await lead.waitFor({ timeout: 20_000 });
    await lead.locator('[data-testid="au-lead-space"]').selectOption(String(spaceId));
    await lead.locator('[data-testid="au-lead-accept"]').click();
    await expect.poll(() => lead.count(), { timeout: 20_000 }).toBe(0); // leaves the "new" queue

    await staff.goto(`${ctx.base}/#/audits/space/${spaceId}`);
    const page = staff.locator('[data-testid="au-space-page"]');
    await expect.poll(() => page.getAttribute('data-status'), { timeout: 20_000 }).toBe('under_audit');
    // the lead brought the room into the campaign: inspection next, no finding yet
    await expect.poll(() => page.locator('[data-testid="au-steps"]').getAttribute('data-allowed')).toBe('lead,inspection');
    expect(await page.locator('[data-testid="au-finding-form"]').count()).toBe(0);

    const insp = page.locator('[data-testid="au-inspection-form"]');
    await insp.locator('[data-testid="au-insp-gps"]').click();
    await expect.poll(() => insp.locator('[data-testid="au-insp-lon"]').inputValue()).not.toBe('');
    await insp.locator('[data-testid="au-insp-area"]').fill(String(RECLAIMED));
    await insp.locator('[data-testid="au-insp-use"]').fill('物业堆放杂物');
    await insp.locator('[data-testid="au-insp-occupant"]').fill('某物业');
    await insp.locator('[data-testid="au-insp-photos"]').setInputFiles({ name: 'site.jpg', mimeType: 'image/jpeg', buffer: await photo() });
    await insp.locator('[data-testid="au-insp-submit"]').click();
    await expect.poll(() => page.locator('[data-testid="au-steps"]').getAttribute('data-allowed'), { timeout: 20_000 }).toBe('lead,inspection,finding');

    const find = page.locator('[data-testid="au-finding-form"]');
    await find.locator('[data-testid="au-find-outcome"]').selectOption('reclaimed');
    await expect.poll(() => find.locator('[data-testid="au-find-area"]').inputValue()).toBe(String(RECLAIMED));
    await find.locator('[data-testid="au-find-doc"]').setInputFiles({ name: '移交清单.pdf', mimeType: 'application/pdf', buffer: PDF });
    await find.locator('[data-testid="au-find-submit"]').click();
    await expect.poll(() => page.getAttribute('data-status'), { timeout: 20_000 }).toBe('reclaimed');
    expect(await page.locator('[data-testid="au-space-status"]').textContent()).toBe('已收回');
    expect(await page.locator('[data-testid="au-space-siting"]').textContent()).toBe('是');

    // every step in the history, with evidence: the resident's photo, the site photo, the PDF
    const steps = await page.locator('[data-testid="au-history-entry"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.step));
    expect(steps).toEqual(['register', 'agree', 'lead', 'inspection', 'finding']);
    const entry = (step: string) => page.locator(`[data-testid="au-history-entry"][data-step="${step}"]`);
    expect(await entry('lead').locator('[data-testid="au-evidence"]').count()).toBe(1);
    expect(await entry('inspection').locator('[data-testid="au-evidence"]').count()).toBe(1);
    expect(await entry('finding').locator('[data-testid="au-evidence"]').count()).toBe(1);
    expect(await entry('finding').textContent()).toContain('42.5');
  });

  it('shows the room reclaimed on the map and the list, in the report and the XLSX, and as a siting candidate', async () => {
    await staff.goto(`${ctx.base}/#/audits`);
    await staff.locator('[data-testid="au-area"]').waitFor();
    await staff.locator('[data-testid="au-filter-status-reclaimed"]').check();
    await staff.waitForSelector('body[data-audit-map-ready="1"]', { timeout: 90_000 });
    await expect.poll(() => staff.evaluate((id) => {
      const m = (window as unknown as { __auditMap: import('maplibre-gl').Map }).__auditMap;
      return m.querySourceFeatures('au-spaces').filter((f) => f.properties.id === id).map((f) => f.properties.status);
    }, spaceId), { timeout: 20_000 }).toContain('reclaimed');
    await staff.locator('[data-testid="au-view-list"]').click();
    const row = staff.locator(`[data-testid="au-space-row"][data-id="${spaceId}"]`);
    await row.waitFor({ timeout: 20_000 });
    expect(await row.getAttribute('data-status')).toBe('reclaimed');

    await staff.locator('[data-testid="au-tab-report"]').click();
    await staff.locator('[data-testid="au-report-from"]').fill('2000-01-01');
    await staff.locator('[data-testid="au-report-to"]').fill('2100-12-31');
    await staff.locator('[data-testid="au-report-run"]').click();
    const shown = staff.locator('[data-testid="au-total-reclaimed"]');
    await expect.poll(async () => Number(await shown.getAttribute('data-value')), { timeout: 20_000 }).toBeCloseTo(before.reclaimedM2 + RECLAIMED, 6);
    const totalSpaces = Number(await staff.locator('[data-testid="au-total-spaces"]').getAttribute('data-value'));

    const [download] = await Promise.all([staff.waitForEvent('download'), staff.locator('[data-testid="au-report-xlsx"]').click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const kv = new Map<string, unknown>();
    wb.getWorksheet('概况')!.eachRow((r, i) => i > 1 && kv.set(String(r.getCell(1).value), r.getCell(2).value));
    expect(kv.get('收回面积（m²）')).toBeCloseTo(before.reclaimedM2 + RECLAIMED, 6);
    expect(kv.get('空间总数')).toBe(totalSpaces);
    const print = await staff.locator('[data-testid="au-report-print"]').getAttribute('href');
    expect(print).toMatch(/^\/api\/audits\/report\.html\?/);

    const siting = await send('POST', '/api/circle/siting', { area: at.street, k: 1 }, await cookieFor(users.planner));
    expect(siting.status, JSON.stringify(siting.body)).toBe(200);
    expect(siting.body.candidates).toBe(before.candidates + 1);
    const refs = (await sql<{ ref: string }>`select 'space:' || s.id as ref from spaces s join areas a on a.id = ${at.street} and ST_Intersects(a.geom, s.geom)
      where s.status in ('idle', 'reclaimed') and s.place_id is null and (s.floor <= 1 or s.lift)`.execute(ctx.database.db)).rows.map((r) => r.ref);
    expect(refs).toContain(`space:${spaceId}`);
  });

  it('community staff of another street can neither see nor change the room', async () => {
    const { page } = await open(`/#/audits/space/${spaceId}`, DESKTOP);
    await logIn(page, users.other);
    const denied = page.locator('[data-testid="au-no-access"]');
    await denied.waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid="au-history"]').count()).toBe(0);
    const cookie = await cookieFor(users.other);
    expect([403, 404]).toContain((await send('GET', `/api/audits/spaces/${spaceId}`, undefined, cookie)).status);
    expect([403, 404]).toContain((await send('GET', `/api/audits/spaces/${spaceId}/history`, undefined, cookie)).status);
    expect([403, 404]).toContain((await send('POST', `/api/audits/spaces/${spaceId}/corrections`, { corrects: 1, data: { reclaimedAreaM2: 1 }, note: 'x' }, cookie)).status);
    expect((await send('GET', `/api/audits/report?area=${at.street}`, undefined, cookie)).status).toBe(403);
    await page.close();
    await staff.close();
  });
});
