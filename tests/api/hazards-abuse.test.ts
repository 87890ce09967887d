/**
 * Abuse through the API: malicious uploads (HTML renamed .jpg, a 50 MB body, a PNG declaring
 * 100000×100000, a zlib bomb) refused; anonymous reports limited per device and per IP with 429 +
 * Retry-After; logged-in reporters not limited.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../server/hazards/hazard-limits.ts';
import { backendName, randomIp, startApi, type ApiContext } from '../support/api.ts';
import { cast, expectOk, fileReport, uploadRaw, type Cast } from '../unit/hazards/api-fixtures.ts';
import { HTML_AS_JPG, jpeg, png, pngBomb, pngDeclaring } from '../unit/hazards/image-fixtures.ts';

let api: ApiContext;
let c: Cast;
beforeAll(async () => {
  api = await startApi();
  c = await cast(api);
});
afterAll(async () => {
  await api?.close();
});

const report = () => ({ category: 'disorderly_parking', description: '共享单车堵住单元门', location: c.p, details: { vehicle: 'shared_bike' } });

describe(`hazard abuse (${backendName()})`, () => {
  it('refuses HTML renamed .jpg, a 50 MB body, a PNG declaring 100000×100000 and a zlib bomb', async () => {
    const html = await uploadRaw(api, HTML_AS_JPG, { contentType: 'image/jpeg' });
    expect([html.status, html.body.error.code]).toEqual([422, 'IMAGE_NOT_AN_IMAGE']);
    expect(html.body.error.message).toContain('HTML');
    const huge = await uploadRaw(api, Buffer.alloc(50 * 1024 * 1024, 0x41), { contentType: 'image/jpeg' });
    expect(huge.status).toBe(413);
    const bigJson = await api.send('POST', '/api/hazards', { ...report(), description: 'x'.repeat(2 * 1024 * 1024) });
    expect(bigJson.status).toBe(413);
    const bomb = await uploadRaw(api, pngDeclaring(100_000, 100_000), { contentType: 'image/png' });
    expect([bomb.status, bomb.body.error.code]).toEqual([422, 'IMAGE_DIMENSIONS']);
    const zip = await uploadRaw(api, pngBomb(), { contentType: 'image/png' });
    expect([zip.status, zip.body.error.code]).toEqual([422, 'IMAGE_BOMB']);
    // A real photo sent with a wrong Content-Type is judged by its bytes and accepted.
    const ok = expectOk(await uploadRaw(api, png(32, 32), { contentType: 'application/octet-stream' }), 201);
    expect(ok).toMatchObject({ mime: 'image/jpeg', width: 32, height: 32 }); // decoded and re-encoded
    // JSON base64 upload (for clients that cannot send a raw body).
    const viaJson = expectOk(await api.send('POST', '/api/hazards/uploads', { data: jpeg(16, 16, { orientation: 3 }).toString('base64') }), 201);
    expect(viaJson).toMatchObject({ mime: 'image/jpeg', removed: ['EXIF'] });
    // More than 3 photos, or a token used twice, is refused.
    const tokens = [];
    for (let i = 0; i < 4; i++) tokens.push(expectOk(await uploadRaw(api, png(8, 8), { contentType: 'image/png' }), 201).upload);
    expect((await api.send('POST', '/api/hazards', { ...report(), photos: tokens })).status).toBe(400);
    await fileReport(api, { ...report(), photos: tokens.slice(0, 1) });
    const reused = await api.send('POST', '/api/hazards', { ...report(), photos: tokens.slice(0, 2) });
    expect([reused.status, reused.body.error.code]).toEqual([422, 'UPLOAD_NOT_FOUND']);
  });

  it('stores photos without the EXIF GPS position of the phone, re-encoded and at most 1600 px', async () => {
    const exif = { IFD0: { Make: 'LEAKYPHONE' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 5/1', GPSLongitudeRef: 'E', GPSLongitude: '121/1 29/1 7/1' } };
    const photo = await sharp({ create: { width: 2400, height: 1800, channels: 3, background: '#a33' } }).jpeg().withExif(exif).toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const up = expectOk(await uploadRaw(api, photo, { contentType: 'image/jpeg' }), 201);
    expect(up).toMatchObject({ mime: 'image/jpeg', width: 1600, height: 1200 });
    expect(up.removed).toContain('EXIF');
    const filed = await fileReport(api, { ...report(), photos: [up.upload] });
    const img = await fetch(`${api.base}/api/hazards/${filed.id}/photos/${filed.case.photos[0].id}`);
    const bytes = Buffer.from(await img.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 1600, height: 1200 });
    expect([meta.exif, meta.xmp, meta.icc]).toEqual([undefined, undefined, undefined]);
    for (const s of ['LEAKYPHONE', 'Exif', 'GPS']) expect(bytes.includes(s), s).toBe(false);
  });

  it('limits anonymous reports per device, then per IP, with Retry-After', async () => {
    const ip = randomIp();
    const run = Math.random().toString(36).slice(2, 8); // a shared test database keeps last run's submissions for the hour
    const dev = `device-limit-${run}`;
    for (let i = 0; i < LIMITS.report.device; i++) await fileReport(api, report(), { ip, device: dev });
    const r = await api.send('POST', '/api/hazards', report(), { headers: { 'x-forwarded-for': ip, 'x-device-id': dev } });
    expect([r.status, r.body.error.code]).toEqual([429, 'TOO_MANY_REQUESTS']);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(3000);
    expect(Number(r.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
    // New device ids from the same network: up to the IP limit.
    for (let i = LIMITS.report.device; i < LIMITS.report.ip; i++) await fileReport(api, report(), { ip, device: `device-rotate-${run}-${i}` });
    const r2 = await api.send('POST', '/api/hazards', report(), { headers: { 'x-forwarded-for': ip, 'x-device-id': `device-fresh-${run}` } });
    expect(r2.status).toBe(429);
    expect(r2.body.error.message).toContain('network');
    // The device stays limited from any network; another device elsewhere is not affected; a
    // logged-in reporter on the limited IP is not limited.
    expect((await api.send('POST', '/api/hazards', report(), { headers: { 'x-forwarded-for': randomIp(), 'x-device-id': dev } })).status).toBe(429);
    await fileReport(api, report(), { ip: randomIp(), device: `device-elsewhere-${run}` });
    await fileReport(api, report(), { ip, cookie: c.resident });
  });

  it('gives a browser without a device id a cookie that then counts as its device', async () => {
    const r = await api.send('POST', '/api/hazards', report(), { headers: { 'x-forwarded-for': randomIp() } });
    expect(r.status).toBe(201);
    expect(r.headers.getSetCookie().join(';')).toMatch(/xf_device=[A-Za-z0-9_-]{22}; .*HttpOnly/);
  });
});
