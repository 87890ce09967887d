/**
 * Place photos through the decoder: a phone JPEG comes back upright, ≤ 1600 px and without EXIF
 * (GPS); PNG is re-encoded as JPEG; SVG, HTML, GIF and truncated files are refused with a clear 4xx
 * reason, as are oversize uploads and image bombs (judged from the header, before decoding).
 * Then the endpoint: staff of the place's area upload, anyone sees the stored JPEG, the place lists
 * it (its history keeps the list before), and refusals store nothing.
 */
import zlib from 'node:zlib';
import sharp from 'sharp';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLACE_PHOTO_LIMITS, processPlacePhoto } from '../../server/places/place-photos.image.ts';
import { createTestUser, loginAs, places as samplePlaces, type Places } from '../support/accounts.ts';
import { backendName, startApi, type ApiContext } from '../support/api.ts';

const solid = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: { r: 200, g: 60, b: 40 } } });

/** A PNG whose header claims `w × h` (the pixel data is one empty row): decoding it would be a bomb. */
function pngHeader(w: number, h: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body) >>> 0, 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(Buffer.alloc(1 + w * 3 > 64 ? 64 : 1 + w * 3))), chunk('IEND', Buffer.alloc(0))]);
}

describe('place photos', () => {
  it('re-encodes a phone JPEG: upright, at most 1600 px, no EXIF or GPS left', async () => {
    const input = await solid(2400, 1800)
      .withMetadata({ orientation: 6 })
      .withExifMerge({ IFD0: { Make: 'PhoneCo', Model: 'X1' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 0/1' } })
      .jpeg()
      .toBuffer();
    expect(await sharp(input).metadata()).toMatchObject({ orientation: 6, exif: expect.any(Buffer) });
    expect(input.includes(Buffer.from('PhoneCo'))).toBe(true);
    const r = await processPlacePhoto(input);
    if (!r.valid) throw new Error(r.message);
    // orientation 6 = rotated 90°: the stored photo is portrait, longest side 1600
    expect([r.photo.width, r.photo.height]).toEqual([1200, 1600]);
    expect(r.photo.source).toMatchObject({ format: 'jpeg', width: 2400, height: 1800, hadMetadata: true });
    const out = await sharp(r.photo.data).metadata();
    expect(out.format).toBe('jpeg');
    expect([out.width, out.height]).toEqual([1200, 1600]);
    expect(out.exif).toBeUndefined();
    expect(out.xmp).toBeUndefined();
    expect(r.photo.data.includes(Buffer.from('PhoneCo'))).toBe(false);
  });

  it('keeps small photos small and turns PNG into JPEG', async () => {
    const r = await processPlacePhoto(await solid(640, 480).png().toBuffer());
    if (!r.valid) throw new Error(r.message);
    expect(r.photo).toMatchObject({ mime: 'image/jpeg', width: 640, height: 480 });
    expect(r.photo.data.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  });

  it('refuses what is not a still JPEG, PNG or WebP, by content', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    const cases: [Buffer, string, number][] = [
      [Buffer.alloc(0), 'EMPTY', 400],
      [svg, 'NOT_AN_IMAGE', 415],
      [Buffer.from('<!doctype html><html><body>hi</body></html>'), 'NOT_AN_IMAGE', 415],
      [await solid(20, 20).gif().toBuffer(), 'NOT_AN_IMAGE', 415],
      [(await solid(800, 600).jpeg().toBuffer()).subarray(0, 400), 'CORRUPT', 422],
    ];
    for (const [buf, reason, status] of cases) {
      const r = await processPlacePhoto(buf);
      expect(r, reason).toMatchObject({ valid: false, reason, status });
      if (!r.valid) expect(r.message.length).toBeGreaterThan(10);
    }
  });

  it('refuses oversize uploads and image bombs before decoding', async () => {
    const big = await processPlacePhoto(Buffer.concat([await solid(10, 10).jpeg().toBuffer(), Buffer.alloc(PLACE_PHOTO_LIMITS.maxBytes)]));
    expect(big).toMatchObject({ valid: false, reason: 'TOO_LARGE', status: 413 });
    const bomb = await processPlacePhoto(pngHeader(10_000, 10_000));
    expect(bomb).toMatchObject({ valid: false, reason: 'BOMB', status: 422 });
    if (!bomb.valid) expect(bomb.message).toContain('10000 × 10000');
    const wide = await processPlacePhoto(pngHeader(60_000, 2));
    expect(wide).toMatchObject({ valid: false, reason: 'DIMENSIONS', status: 422 });
  });
});

describe(`place photo upload (${backendName()})`, () => {
  let api: ApiContext;
  let at: Places;
  let placeId: number;
  beforeAll(async () => {
    api = await startApi();
    at = await samplePlaces(api.database.db);
    placeId = (await sql<{ id: number }>`insert into places (kind, name, opening_hours, services, area_id, geom)
      select 'grid_station', '照片测试驿站', '24/7', '{rest}', ${at.gridA}, ST_PointOnSurface(geom) from areas where id = ${at.gridA} returning id`.execute(api.database.db)).rows[0].id;
  });
  afterAll(async () => {
    await api?.close();
  });

  const upload = async (body: Buffer, cookie?: string, type = 'image/jpeg') => {
    const res = await fetch(`${api.base}/api/places/${placeId}/photos`, { method: 'POST', body: new Uint8Array(body), headers: { 'content-type': type, origin: api.base, 'x-forwarded-for': api.ip, ...(cookie ? { cookie } : {}) } });
    return { status: res.status, body: await res.json() };
  };
  const stored = async () => (await sql<{ n: number }>`select count(*)::int n from place_photos where place_id = ${placeId}`.execute(api.database.db)).rows[0].n;

  it('staff of the area upload a photo: stored re-encoded without GPS, listed on the place, history kept', async () => {
    const keeper = await createTestUser(api.database.db, [{ role: 'grid_worker', areaId: at.gridA }], 'photokeeper');
    const cookie = await loginAs(api, keeper);
    const input = await solid(2000, 1500).withExifMerge({ IFD0: { Make: 'PhoneCo' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 0/1' } }).jpeg().toBuffer();
    const before = (await api.get(`/api/places/${placeId}`)).body;
    const r = await upload(input, cookie);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ url: `/api/places/${placeId}/photos/${r.body.id}`, width: 1600, height: 1200 });
    const img = await fetch(api.base + r.body.url);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/jpeg');
    const bytes = Buffer.from(await img.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 1600, height: 1200 });
    expect(meta.exif).toBeUndefined();
    expect(bytes.includes(Buffer.from('PhoneCo'))).toBe(false);
    const after = (await api.get(`/api/places/${placeId}`)).body;
    expect(after.photos).toEqual([...before.photos, r.body.url]);
    const history = await api.get(`/api/places/${placeId}/history`, { cookie });
    expect(history.body.versions[0].row.photos).toEqual(before.photos);
  });

  it('refuses the public, staff of another area, a script renamed .jpg and an oversize body, storing nothing', async () => {
    const n = await stored();
    const photo = await solid(100, 80).jpeg().toBuffer();
    expect((await upload(photo)).status).toBe(401);
    const outsider = await createTestUser(api.database.db, [{ role: 'grid_worker', areaId: at.gridB }], 'photooutsider');
    expect((await upload(photo, await loginAs(api, outsider))).status).toBe(403);
    const keeper = await createTestUser(api.database.db, [{ role: 'community_staff', areaId: at.communityA }], 'photostaff');
    const cookie = await loginAs(api, keeper);
    const html = await upload(Buffer.from('<html><script>alert(1)</script></html>'), cookie);
    expect(html.status).toBe(415);
    expect(html.body.error.message).toMatch(/not JPEG, PNG or WebP/);
    const big = await upload(Buffer.alloc(PLACE_PHOTO_LIMITS.maxBytes + 1, 0xff), cookie);
    expect(big.status).toBe(413);
    expect((await upload(pngHeader(100000, 100000), cookie, 'image/png')).status).toBe(422);
    expect(await stored()).toBe(n);
    expect((await fetch(`${api.base}/api/places/${placeId}/photos/999999`)).status).toBe(404);
  });
});
