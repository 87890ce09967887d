/**
 * The place page and bookings in Chromium on a phone, under the server's strict CSP: the finder
 * links to a place's shareable page; a resident logs in from it, sees busy slots, loses a slot to
 * someone quicker (the 409 is named), books another, finds it in My bookings, downloads it as .ics
 * and cancels it; joins the waiting list of a full activity; the place's staff see who booked in
 * the room's week calendar; the phone header does not overflow at 360 px.
 */
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, places, type TestUser } from '../support/accounts.ts';
import { startBrowserApp, type BrowserContext } from '../support/browser.ts';

let ctx: BrowserContext;
let staff: TestUser;
let resident: TestUser;
let other: TestUser;
let point: { lon: number; lat: number };
let placeId: number;
let roomId: number;
let fullActivityId: number;

/** Beijing day `n` days from now, `YYYY-MM-DD`, and an instant on it. */
const dayAhead = (n: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + n * 86_400_000));
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`).toISOString();
const DAY = dayAhead(2);

async function call(method: string, path: string, body?: unknown, cookie?: string) {
  const r = await fetch(ctx.base + path, {
    method,
    headers: { 'content-type': 'application/json', 'x-requested-with': 'XMLHttpRequest', ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, headers: r.headers, body: text.startsWith('{') ? JSON.parse(text) : text };
}

async function login(u: TestUser): Promise<string> {
  const r = await call('POST', '/api/auth/login', { login: u.username, password: u.password });
  expect(r.status).toBe(200);
  return /^sid=[^;]*/.exec(r.headers.getSetCookie().find((c) => c.startsWith('sid='))!)![0];
}

beforeAll(async () => {
  ctx = await startBrowserApp();
  const db = ctx.database.db;
  const where = await places(db);
  staff = await createTestUser(db, [{ role: 'grid_worker', areaId: where.gridA }], 'keeper');
  resident = await createTestUser(db, [{ role: 'resident', householdId: where.householdA }], 'resident');
  other = await createTestUser(db, [{ role: 'rider' }], 'quicker');
  const [p] = (await sql<{ x: number; y: number }>`select ST_X(ST_PointOnSurface(geom)) x, ST_Y(ST_PointOnSurface(geom)) y from areas where id = ${where.gridA}`.execute(db)).rows;
  point = { lon: +p.x.toFixed(6), lat: +p.y.toFixed(6) };
  const keeper = await login(staff);
  const place = await call('POST', '/api/places', { kind: 'community_center', name: '浏览器预约测试中心', lon: point.lon, lat: point.lat, openingHours: '24/7', services: ['meeting_room', 'toilet'], contact: '021-63210000', capacity: 40 }, keeper);
  expect(place.status, JSON.stringify(place.body)).toBe(201);
  placeId = place.body.id;
  const room = await call('POST', `/api/places/${placeId}/rooms`, { name: '议事室', capacity: 12 }, keeper);
  expect(room.status).toBe(201);
  roomId = room.body.id;
  const act = await call('POST', `/api/places/${placeId}/activities`, { title: '满员的防诈讲座', start: at(DAY, '19:00'), end: at(DAY, '20:00'), capacity: 1 }, keeper);
  expect(act.status).toBe(201);
  fullActivityId = act.body.id;
  const quick = await login(other);
  expect((await call('POST', `/api/activities/${fullActivityId}/registrations`, {}, quick)).body.status).toBe('registered');
  // someone else's booking: a busy slot the page must show
  expect((await call('POST', `/api/rooms/${roomId}/bookings`, { start: at(DAY, '10:00'), end: at(DAY, '11:00') }, quick)).status).toBe(201);
});
afterAll(async () => {
  await ctx?.close();
});

/** A fresh browser (own cookies) at `url`; waits for the map unless the page opens on a places screen. */
async function openPhone(url: string, width = 390) {
  const context = await ctx.browser.newContext({ viewport: { width, height: 800 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, acceptDownloads: true });
  const page = await context.newPage();
  const csp: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
  });
  await page.goto(url);
  if (!/#\/(place|room|me)\//.test(url)) await page.waitForSelector('body[data-map-ready="1"]', { timeout: 90_000 });
  return { page, csp };
}

async function logIn(page: Page, u: TestUser, button: string) {
  await page.locator(`[data-testid="${button}"]`).last().click(); // the places screen's, over the map's
  await page.locator('[data-testid="login-name"]').fill(u.username);
  await page.locator('[data-testid="login-password"]').fill(u.password);
  await page.locator('[data-testid="login-submit"]').click();
  await page.locator('[data-testid="user-menu"]').first().waitFor({ timeout: 20_000 });
}

const slot = (page: Page, hhmm: string) => page.locator(`[data-testid="booking-slot"][data-start="${at(DAY, hhmm)}"]`);

describe('place page and bookings on a phone', () => {
  let bookingId: number;

  it('opens from the finder, shows the place, books a free slot after losing one, lists it, exports it, cancels it', async () => {
    const { page, csp } = await openPhone(`${ctx.base}/#/finder?lon=${point.lon}&lat=${point.lat}&open=0`);
    // the finder links to the place page
    const link = page.locator(`[data-testid="finder-result-details"][href="#/place/${placeId}"]`);
    await link.waitFor({ timeout: 30_000 });
    await link.click();
    await expect.poll(() => new URL(page.url()).hash).toBe(`#/place/${placeId}`);
    const placePage = page.locator(`[data-testid="place-page"][data-id="${placeId}"]`);
    await placePage.waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid="place-name"]').innerText()).toBe('浏览器预约测试中心');
    expect(await page.locator('[data-testid="place-hours"]').getAttribute('data-open')).toBe('true');
    expect(await page.locator('[data-testid="place-nav"] a[data-nav="amap"]').getAttribute('href')).toContain('uri.amap.com');
    expect(await page.locator('[data-testid="place-access"]').innerText()).toContain('40');

    // a reload keeps the page (the URL is shareable)
    await page.reload();
    await placePage.waitFor({ timeout: 90_000 });

    // logged out: busy slots show, booking asks to log in first
    await page.locator(`[data-testid="booking-days"] [data-day="${DAY}"]`).click();
    await expect.poll(() => slot(page, '10:00').getAttribute('data-free'), { timeout: 20_000 }).toBe('false');
    expect(await slot(page, '10:30').isDisabled()).toBe(true);
    expect(await slot(page, '14:00').getAttribute('data-free')).toBe('true');
    await logIn(page, resident, 'booking-login');

    // someone is quicker for 14:00: the 409 is named, the slot turns busy
    await slot(page, '14:00').click();
    const quick = await login(other);
    expect((await call('POST', `/api/rooms/${roomId}/bookings`, { start: at(DAY, '14:00'), end: at(DAY, '15:00') }, quick)).status).toBe(201);
    await page.locator('[data-testid="booking-submit"]').click();
    const error = page.locator('[data-testid="booking-error"]');
    await error.waitFor({ timeout: 20_000 });
    expect(await error.innerText()).toContain('14:00–15:00');
    await expect.poll(() => slot(page, '14:00').getAttribute('data-free')).toBe('false');

    // 16:00 is free: booked
    await slot(page, '16:00').click();
    await page.locator('[data-testid="booking-purpose"]').fill('楼组议事');
    const answer = page.waitForResponse((r) => r.url().endsWith(`/api/rooms/${roomId}/bookings`) && r.request().method() === 'POST');
    await page.locator('[data-testid="booking-submit"]').click();
    const booked = await answer;
    expect(booked.status()).toBe(201);
    bookingId = (await booked.json()).id;
    await page.locator('[data-testid="booking-done"]').waitFor();
    expect(await page.locator('[data-testid="booking-error"]').count()).toBe(0);
    await expect.poll(() => slot(page, '16:00').getAttribute('data-free')).toBe('false');

    // my bookings: there, downloadable as .ics, cancellable
    await page.locator('[data-testid="nav-my-bookings"]').click();
    const mine = page.locator(`[data-testid="my-booking"][data-id="${bookingId}"]`);
    await mine.waitFor({ timeout: 20_000 });
    expect(await mine.getAttribute('data-status')).toBe('active');
    expect(await mine.innerText()).toContain('16:00–17:00');
    const href = await mine.locator('[data-testid="my-booking-ics"]').getAttribute('href');
    const ics = await page.evaluate(async (u) => {
      const r = await fetch(u!);
      return { status: r.status, type: r.headers.get('content-type'), text: await r.text() };
    }, href);
    expect(ics.status).toBe(200);
    expect(ics.type).toMatch(/^text\/calendar/);
    expect(ics.text.startsWith('BEGIN:VCALENDAR')).toBe(true);
    expect(ics.text).toContain('STATUS:CONFIRMED');
    const download = page.waitForEvent('download');
    await mine.locator('[data-testid="my-booking-ics"]').click();
    expect((await download).suggestedFilename()).toBe(`booking-${bookingId}.ics`);

    // the place's staff see who booked, in the week of the booking (another browser, another session)
    const staffView = await openPhone(`${ctx.base}/#/room/${roomId}?week=${DAY}`, 1280);
    await staffView.page.locator('[data-testid="room-calendar"]').waitFor({ timeout: 30_000 });
    await logIn(staffView.page, staff, 'login-button');
    const entry = staffView.page.locator(`[data-testid="cal-booking"][data-booking="${bookingId}"]`);
    await entry.waitFor({ timeout: 20_000 });
    expect(await entry.innerText()).toContain(resident.username);
    expect(await entry.innerText()).toContain('楼组议事');
    expect(await staffView.page.locator('[data-testid="cal-by"]').count()).toBe(3);
    // … and add a photo of the place on its page: re-encoded by the server, shown inline
    await staffView.page.goto(`${ctx.base}/#/place/${placeId}`);
    const picker = staffView.page.locator('[data-testid="place-photo-upload"] input[type="file"]');
    await picker.waitFor({ state: 'attached', timeout: 20_000 });
    const png = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 30, g: 120, b: 200 } } }).png().toBuffer();
    await picker.setInputFiles({ name: 'station.png', mimeType: 'image/png', buffer: png });
    const img = staffView.page.locator('[data-testid="place-photos"] img');
    await img.first().waitFor({ timeout: 20_000 });
    expect(await img.first().evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth)).toBe(640);
    await staffView.page.context().close();

    await mine.locator('[data-testid="my-booking-cancel"]').click();
    await expect.poll(() => mine.getAttribute('data-status'), { timeout: 20_000 }).toBe('cancelled');
    const after = await call('GET', `/api/rooms/${roomId}/calendar?from=${encodeURIComponent(at(DAY, '00:00'))}&to=${encodeURIComponent(at(DAY, '23:59'))}`);
    expect(after.body.busy.map((b: { start: string }) => b.start)).not.toContain(at(DAY, '16:00'));

    expect(csp).toEqual([]);
    await page.context().close();
  });

  it('signs up for a full activity and lands on the waiting list', async () => {
    const { page } = await openPhone(`${ctx.base}/#/place/${placeId}`);
    const activity = page.locator(`[data-testid="place-activity"][data-id="${fullActivityId}"]`);
    await activity.waitFor({ timeout: 20_000 });
    expect(await activity.locator('[data-testid="activity-seats"]').innerText()).toContain('已满');
    await logIn(page, resident, 'activity-login');
    const signUp = activity.locator('[data-testid="activity-signup"]');
    expect(await signUp.innerText()).toBe('排队候补');
    await signUp.click();
    const state = activity.locator('[data-testid="activity-mine"]');
    await state.waitFor({ timeout: 20_000 });
    expect(await state.getAttribute('data-status')).toBe('waitlisted');
    expect(await state.innerText()).toContain('候补第 1 位');
    await page.locator('[data-testid="nav-my-bookings"]').click();
    const reg = page.locator('[data-testid="my-registration"][data-status="waitlisted"]');
    await reg.waitFor({ timeout: 20_000 });
    expect(await reg.innerText()).toContain('满员的防诈讲座');
    // back twice: the place page, then the map it was opened over (a shared link: no page before it)
    await page.locator('[data-testid="places-back"]').click();
    await page.locator(`[data-testid="place-page"][data-id="${placeId}"]`).waitFor();
    await page.locator('[data-testid="places-back"]').click();
    await page.locator('[data-testid="places-screen"]').waitFor({ state: 'detached' });
    await page.waitForSelector('body[data-map-ready="1"]', { timeout: 90_000 });
    await page.context().close();
  });

  it('keeps the phone header inside 360 px, logged out and logged in', async () => {
    const { page } = await openPhone(`${ctx.base}/`, 360);
    const overflow = () =>
      page.evaluate(() => {
        const bar = document.querySelector('.topbar') as HTMLElement;
        const outside = [...bar.querySelectorAll<HTMLElement>('*')]
          .filter((e) => e.offsetParent !== null && e.getBoundingClientRect().width > 0)
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 || e.getBoundingClientRect().left < -0.5)
          .map((e) => e.className || e.tagName);
        // the bar's items side by side, none drawn over the next, the search box wide enough to type in
        const items = [...bar.children].map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0);
        const overlapping = items.slice(1).filter((r, i) => r.left < items[i].right - 0.5).length;
        const search = bar.querySelector('.search') as HTMLElement;
        // no button label cut off inside its button
        const clipped = [...bar.children]
          .filter((e) => e !== search && (e as HTMLElement).offsetParent !== null)
          .flatMap((e) => [e, ...e.querySelectorAll('button')])
          .filter((e) => e.scrollWidth > e.clientWidth + 1)
          .map((e) => e.className);
        return {
          scroll: document.documentElement.scrollWidth - window.innerWidth,
          barScroll: bar.scrollWidth - bar.clientWidth,
          outside,
          overlapping,
          clipped,
          searchUsable: search.getBoundingClientRect().width >= 100 && search.scrollWidth <= search.clientWidth,
        };
      });
    const fits = { scroll: 0, barScroll: 0, outside: [], overlapping: 0, clipped: [], searchUsable: true };
    expect(await overflow()).toEqual(fits);
    await logIn(page, resident, 'login-button');
    expect(await overflow()).toEqual(fits);
    await page.locator('[data-testid="lang-switch"]').first().click();
    expect(await overflow()).toEqual(fits);
    await page.context().close();
  });
});
