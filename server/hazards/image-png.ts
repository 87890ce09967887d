/**
 * PNG: walk the chunks (CRC checked), refuse oversize dimensions from IHDR before anything else,
 * keep only the chunks needed to draw the image, and check that the pixel data inflates to exactly
 * the size IHDR promises (so a small file cannot expand into a bomb, and garbage is refused).
 * Dropped: tEXt/zTXt/iTXt (text, often software or location notes), eXIf, tIME, iCCP, APNG frames,
 * unknown ancillary chunks, and anything after IEND. Pure except for zlib.
 */
import zlib from 'node:zlib';
import { checkDimensions } from '../images/checks.ts';
import { PNG_SIGNATURE } from '../images/sniff.ts';
import type { ImageLimits, SanitizeResult } from './hazard.images.ts';
const KEEP = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'sBIT', 'bKGD', 'pHYs']);
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
// Adam7 passes: x start, y start, x step, y step.
const ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]];

/** Bytes of filtered scanlines IHDR promises (filter byte + packed samples per row, per pass). */
export function expectedRawBytes(width: number, height: number, bitsPerPixel: number, interlaced: boolean): number {
  const rows = (w: number, h: number) => (w > 0 && h > 0 ? h * (1 + Math.ceil((w * bitsPerPixel) / 8)) : 0);
  if (!interlaced) return rows(width, height);
  return ADAM7.reduce((s, [xs, ys, dx, dy]) => s + rows(Math.ceil((width - xs) / dx), Math.ceil((height - ys) / dy)), 0);
}

/** Inflated length of a zlib stream, giving up past `limit` (memory stays at one chunk). */
function inflatedLength(data: Buffer, limit: number): Promise<number | 'over' | 'corrupt'> {
  return new Promise((resolve) => {
    const inf = zlib.createInflate();
    let n = 0;
    let done = false;
    const finish = (v: number | 'over' | 'corrupt') => {
      if (done) return;
      done = true;
      inf.destroy();
      resolve(v);
    };
    inf.on('data', (c: Buffer) => {
      n += c.length;
      if (n > limit) finish('over');
    });
    inf.on('end', () => finish(n));
    inf.on('error', () => finish('corrupt'));
    inf.end(data);
  });
}

/** Checks a PNG's structure and rebuilds it from the chunks needed to draw it (see above). */
export async function sanitizePng(buf: Buffer, limits: ImageLimits): Promise<SanitizeResult> {
  const corrupt = (why: string): SanitizeResult => ({ valid: false, reason: 'CORRUPT', message: `PNG is damaged or not a PNG: ${why}` });
  const out: Buffer[] = [PNG_SIGNATURE];
  const removed = new Set<string>();
  const idat: Buffer[] = [];
  let pos = 8;
  let width = 0;
  let height = 0;
  let bpp = 0;
  let interlaced = false;
  let colorType = -1;
  let sawPlte = false;
  let ended = false;
  let idatDone = false;
  while (pos < buf.length) {
    if (pos + 12 > buf.length) return corrupt(`chunk header cut off at byte ${pos}`);
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) return corrupt(`bad chunk type at byte ${pos}`);
    if (len > 0x7fffffff || pos + 12 + len > buf.length) return corrupt(`chunk ${type} runs past the end`);
    const chunk = buf.subarray(pos, pos + 12 + len);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (zlib.crc32(buf.subarray(pos + 4, pos + 8 + len)) !== buf.readUInt32BE(pos + 8 + len)) return corrupt(`CRC of chunk ${type} does not match`);
    pos += 12 + len;
    if (width === 0 && type !== 'IHDR') return corrupt('IHDR is not the first chunk');
    if (type === 'IHDR') {
      if (width !== 0 || len !== 13) return corrupt('IHDR repeated or of the wrong size');
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const depth = data[8];
      colorType = data[9];
      if (!DEPTHS[colorType]?.includes(depth) || data[10] !== 0 || data[11] !== 0 || data[12] > 1) return corrupt('IHDR has an invalid colour type, bit depth or method');
      const size = limitCheck(width, height, limits);
      if (size) return size;
      bpp = depth * CHANNELS[colorType];
      interlaced = data[12] === 1;
    } else if (type === 'IEND') {
      out.push(chunk);
      ended = true;
      break;
    } else if (type === 'IDAT') {
      if (idatDone) return corrupt('IDAT chunks are not consecutive');
      idat.push(data);
    } else if (idat.length) {
      idatDone = true;
    }
    if (type === 'PLTE') sawPlte = true;
    if (type !== 'IHDR' && type !== 'IDAT' && !KEEP.has(type)) {
      if (/^[A-Z]/.test(type)) return { valid: false, reason: 'UNSUPPORTED', message: `PNG has an unknown critical chunk ${type}` };
      removed.add(type);
      continue;
    }
    if (type !== 'IEND') out.push(chunk);
  }
  if (!ended) return corrupt('no IEND chunk (file cut off?)');
  if (pos < buf.length) removed.add('data after IEND');
  if (!idat.length) return corrupt('no image data (IDAT)');
  if (colorType === 3 && !sawPlte) return corrupt('palette image without PLTE');
  const expected = expectedRawBytes(width, height, bpp, interlaced);
  const got = await inflatedLength(Buffer.concat(idat), expected);
  if (got === 'over') return { valid: false, reason: 'BOMB', message: `PNG pixel data inflates past the ${width}×${height} it declares` };
  if (got === 'corrupt' || got !== expected) return corrupt(`pixel data inflates to ${got === 'corrupt' ? 'an error' : `${got} bytes`}, expected ${expected}`);
  return { valid: true, image: { mime: 'image/png', width, height, data: Buffer.concat(out), removed: [...removed] } };
}

/** Dimension limits (checks.ts), checked from the header before any pixel is touched. */
export function limitCheck(width: number, height: number, limits: ImageLimits): SanitizeResult | null {
  const size = checkDimensions(width, height, limits);
  if (!size) return null;
  if (size === 'NO_PIXELS') return { valid: false, reason: 'CORRUPT', message: `image declares ${width}×${height} pixels` };
  return {
    valid: false,
    reason: 'DIMENSIONS',
    message: `image declares ${width}×${height} pixels; the limit is ${limits.maxSide} px a side and ${(limits.maxPixels / 1e6).toFixed(0)} megapixels`,
  };
}
