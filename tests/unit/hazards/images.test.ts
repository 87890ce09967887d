/** Photo checks: type by content, limits, bombs, metadata removal, then decode + re-encode with sharp. */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { IMAGE_LIMITS, sanitizeImage } from '../../../server/hazards/hazard.images.ts';
import { sniff } from '../../../server/images/sniff.ts';
import { exifOrientation, orientationSegment } from '../../../server/hazards/image-jpeg.ts';
import { expectedRawBytes } from '../../../server/hazards/image-png.ts';
import { exifApp1, HTML_AS_JPG, jpeg, jpegDeclaring, png, pngBomb, pngDeclaring } from './image-fixtures.ts';

const ok = async (b: Buffer) => {
  const r = await sanitizeImage(b);
  if (!r.valid) throw new Error(`${r.reason}: ${r.message}`);
  return r.image;
};
const reason = async (b: Buffer) => {
  const r = await sanitizeImage(b);
  return r.valid ? 'valid' : r.reason;
};

describe('photo sanitising', () => {
  it('re-encodes a plain JPEG and a PNG as JPEG of the same size', async () => {
    const j = await ok(jpeg(64, 48));
    expect(j).toMatchObject({ mime: 'image/jpeg', width: 64, height: 48, removed: [] });
    expect(sniff(j.data)).toBe('jpeg');
    const p = await ok(png(20, 10));
    expect(p).toMatchObject({ mime: 'image/jpeg', width: 20, height: 10, removed: [] });
    expect(await sharp(p.data).metadata()).toMatchObject({ format: 'jpeg', width: 20, height: 10 });
  });

  it('strips EXIF (camera, GPS), comments and data after EOI from a JPEG and turns it upright', async () => {
    const dirty = jpeg(64, 48, { orientation: 6, comment: 'shot at home', after: '<script>alert(1)</script>' });
    expect(dirty.includes('LEAKYPHONE')).toBe(true);
    const img = await ok(dirty);
    expect(img.removed.sort()).toEqual(['EXIF', 'comment', 'data after EOI']);
    for (const s of ['LEAKYPHONE', 'shot at home', '<script', 'II*', 'Exif']) expect(img.data.includes(s), s).toBe(false);
    // orientation 6 = rotate 90°: the stored pixels are upright, with no orientation left to apply
    expect(img).toMatchObject({ width: 48, height: 64 });
    const meta = await sharp(img.data).metadata();
    expect([meta.exif, meta.orientation, meta.icc, meta.xmp]).toEqual([undefined, undefined, undefined, undefined]);
    expect(img.data.subarray(-2).equals(Buffer.from([0xff, 0xd9]))).toBe(true);
    expect(await ok(img.data)).toMatchObject({ width: 48, height: 64, removed: [] });
  });

  it('drops the GPS position a phone writes into a real photo', async () => {
    const gps = { IFD0: { Make: 'LEAKYPHONE', Model: 'X1' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '121/1 29/1 0/1' } };
    const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#8a6' } }).jpeg().withExif(gps).toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    expect(photo.includes('LEAKYPHONE')).toBe(true);
    const img = await ok(photo);
    expect(img.removed).toContain('EXIF');
    expect((await sharp(img.data).metadata()).exif).toBeUndefined();
    for (const s of ['LEAKYPHONE', 'Exif', 'GPS']) expect(img.data.includes(s), s).toBe(false);
  });

  it('scales large photos down to 1600 px on the longest side', async () => {
    const big = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#369' } }).jpeg({ quality: 60 }).toBuffer();
    expect(await ok(big)).toMatchObject({ mime: 'image/jpeg', width: IMAGE_LIMITS.maxOutputSide, height: 1200 });
    const small = await sharp({ create: { width: 800, height: 600, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    expect(await ok(small)).toMatchObject({ mime: 'image/jpeg', width: 800, height: 600 });
  });

  it('refuses a file whose structure passes but whose pixels do not decode', async () => {
    // every row claims PNG filter type 9, which does not exist: only a decoder notices
    const rows = Buffer.alloc(10 * (1 + 20 * 3));
    for (let y = 0; y < 10; y++) rows[y * 61] = 9;
    expect(await reason(png(20, 10, { rawRows: rows }))).toBe('CORRUPT');
  });

  it('reads the orientation from big- and little-endian EXIF', () => {
    expect(exifOrientation(exifApp1(8).subarray(4))).toBe(8);
    expect(exifOrientation(orientationSegment(3).subarray(4))).toBe(3);
    expect(exifOrientation(Buffer.from('Exif\0\0garbage'))).toBeNull();
  });

  it('strips text, eXIf and tIME chunks and trailing data from a PNG', async () => {
    const img = await ok(png(20, 10, { text: 'GPS 31.23,121.47 home', after: '<html>' }));
    expect(img.removed.sort()).toEqual(['data after IEND', 'eXIf', 'tEXt', 'tIME']);
    expect(img.data.includes('GPS')).toBe(false);
    expect(img.data.includes('<html>')).toBe(false);
  });

  it('judges the type by content: HTML renamed .jpg, GIF, SVG and empty files are refused', async () => {
    expect(await reason(HTML_AS_JPG)).toBe('NOT_AN_IMAGE');
    expect(sniff(HTML_AS_JPG)).toBe('HTML/XML');
    expect(await reason(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'))).toBe('NOT_AN_IMAGE');
    expect(await reason(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'))).toBe('NOT_AN_IMAGE');
    expect(await reason(Buffer.alloc(0))).toBe('EMPTY');
  });

  it('refuses image bombs from the header: 100000×100000, too many megapixels, a zlib bomb', async () => {
    expect(await reason(pngDeclaring(100_000, 100_000))).toBe('DIMENSIONS');
    expect(await reason(pngDeclaring(9000, 9000))).toBe('DIMENSIONS'); // 81 MP
    expect(await reason(jpegDeclaring(60_000, 60_000))).toBe('DIMENSIONS');
    expect(await reason(pngBomb())).toBe('BOMB');
    // A header that promises more pixels than the data holds is damaged, not a picture.
    expect(await reason(pngDeclaring(4000, 3000))).toBe('CORRUPT');
  });

  it('refuses damaged files and files over the size limit', async () => {
    const p = png(20, 10);
    p[p.length - 20] ^= 0xff; // breaks a CRC
    expect(await reason(p)).toBe('CORRUPT');
    expect(await reason(jpeg(16, 16).subarray(0, 120))).toBe('CORRUPT');
    expect(await reason(Buffer.concat([jpeg(8, 8), Buffer.alloc(IMAGE_LIMITS.maxBytes)]))).toBe('TOO_LARGE');
  });

  it('computes the inflated size of interlaced and packed PNGs', () => {
    expect(expectedRawBytes(20, 10, 24, false)).toBe(10 * (1 + 60));
    expect(expectedRawBytes(1, 1, 1, false)).toBe(2);
    // Adam7 of 8×8 at 8 bits: passes of 1×1, 1×1, 2×1, 2×2, 4×2, 4×4, 8×4 pixels.
    expect(expectedRawBytes(8, 8, 8, true)).toBe(2 + 2 + 3 + 2 * 3 + 2 * 5 + 4 * 5 + 4 * 9);
  });
});
