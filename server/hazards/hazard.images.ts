/**
 * Photo checks in two passes. First without decoding: the type comes from the magic bytes (never
 * the name or Content-Type), the size and the declared dimensions are limited (image bombs are
 * refused from the header), and the file is rebuilt from the segments/chunks needed to draw it
 * (image-jpeg.ts, image-png.ts), so the reasons are precise and nothing big is ever decoded.
 * Then with `sharp` (libvips): the pixels are decoded (with `limitInputPixels` and a time limit),
 * turned upright by the EXIF orientation, scaled down to at most 1600 px a side and re-encoded
 * as a fresh JPEG without any metadata. Whatever hid in the pixel stream, EXIF/GPS, ICC, XMP or
 * after the end of the file does not survive; a file that does not decode is refused.
 */
import sharp from 'sharp';
import { sanitizeJpeg } from './image-jpeg.ts';
import { PNG_SIGNATURE, sanitizePng } from './image-png.ts';

export interface ImageLimits {
  maxBytes: number;
  /** Longest side of the stored photo, pixels (larger ones are scaled down). */
  maxOutputSide: number;
  /** Longest side, pixels. */
  maxSide: number;
  /** Width × height. */
  maxPixels: number;
}

/** Phones take 12–50 MP photos of 2–8 MB; screenshots are PNG of a few MP. */
export const IMAGE_LIMITS: ImageLimits = Object.freeze({ maxBytes: 8 * 1024 * 1024, maxOutputSide: 1600, maxSide: 10_000, maxPixels: 50_000_000 });

/** JPEG quality of stored photos (mozjpeg): ≈ 150–350 kB at 1600 px. */
const JPEG_QUALITY = 82;
/** A 50 MP photo decodes in about a second; anything far slower is hostile. */
const DECODE_TIMEOUT_S = 15;

export const IMAGE_REASONS = {
  EMPTY: 'EMPTY',
  TOO_LARGE: 'TOO_LARGE',
  NOT_AN_IMAGE: 'NOT_AN_IMAGE',
  DIMENSIONS: 'DIMENSIONS',
  BOMB: 'BOMB',
  CORRUPT: 'CORRUPT',
  UNSUPPORTED: 'UNSUPPORTED',
} as const;
export type ImageReason = keyof typeof IMAGE_REASONS;

export interface CleanImage {
  mime: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
  /** The re-encoded JPEG, no metadata. */
  data: Buffer;
  /** What was taken out (e.g. EXIF, tEXt, data after EOI), for the upload answer. */
  removed: string[];
}

export type SanitizeResult = { valid: true; image: CleanImage } | { valid: false; reason: ImageReason; message: string };

/** What the first bytes look like, for a message that names it (HTML, GIF, …). */
export function sniff(buf: Buffer): string {
  const head = buf.subarray(0, 64).toString('latin1').trimStart().toLowerCase();
  if (buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if (buf.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (head.startsWith('gif8')) return 'GIF';
  if (head.startsWith('riff') && head.slice(8, 12) === 'webp') return 'WebP';
  if (buf.toString('latin1', 4, 12).startsWith('ftyp')) return 'HEIC/MP4';
  if (head.startsWith('<') || head.startsWith('\ufeff<') || /^(<!doctype|<html|<svg|<\?xml|<script)/.test(head)) return 'HTML/XML';
  if (head.startsWith('%pdf')) return 'PDF';
  if (head.startsWith('pk')) return 'ZIP';
  return 'unknown data';
}

export async function sanitizeImage(buf: Buffer, limits: ImageLimits = IMAGE_LIMITS): Promise<SanitizeResult> {
  if (!buf.length) return { valid: false, reason: 'EMPTY', message: 'the photo is empty' };
  if (buf.length > limits.maxBytes) return { valid: false, reason: 'TOO_LARGE', message: `the photo has ${buf.length} bytes; the limit is ${limits.maxBytes}` };
  const kind = sniff(buf);
  let checked: SanitizeResult;
  if (kind === 'jpeg') checked = await sanitizeJpeg(buf, limits);
  else if (kind === 'png') checked = await sanitizePng(buf, limits);
  else return { valid: false, reason: 'NOT_AN_IMAGE', message: `the photo is ${kind}, not JPEG or PNG (judged by its content, not its name)` };
  return checked.valid ? reencode(checked.image, limits) : checked;
}

/**
 * Decodes the checked file and writes a new JPEG: upright, at most `maxOutputSide` a side,
 * transparent parts on white, no metadata at all (sharp keeps none unless asked).
 */
export async function reencode(img: CleanImage, limits: ImageLimits = IMAGE_LIMITS): Promise<SanitizeResult> {
  try {
    const { data, info } = await sharp(img.data, { limitInputPixels: limits.maxPixels, failOn: 'error', sequentialRead: true })
      .rotate()
      .resize({ width: limits.maxOutputSide, height: limits.maxOutputSide, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: JPEG_QUALITY, mozjpeg: true })
      .timeout({ seconds: DECODE_TIMEOUT_S })
      .toBuffer({ resolveWithObject: true });
    return { valid: true, image: { mime: 'image/jpeg', width: info.width, height: info.height, data, removed: img.removed } };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/pixel limit/i.test(message)) return { valid: false, reason: 'DIMENSIONS', message: `the photo has more than ${limits.maxPixels} pixels` };
    if (/timeout/i.test(message)) return { valid: false, reason: 'BOMB', message: `the photo took more than ${DECODE_TIMEOUT_S} s to decode` };
    return { valid: false, reason: 'CORRUPT', message: `the photo could not be decoded: ${message}` };
  }
}
