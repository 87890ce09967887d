/**
 * Photo checks without an image library: the type comes from the magic bytes (never the name or
 * Content-Type), the size and the declared dimensions are limited (image bombs are refused from
 * the header), and metadata is stripped by rebuilding the file from the segments/chunks needed to
 * draw it. Only JPEG and PNG are kept.
 *
 * What this does NOT do: decode and re-encode pixels, or resize. Hidden data inside the compressed
 * pixel stream survives (it is served as image/* with nosniff and a sandbox CSP, so browsers never
 * run it). A decoder (`sharp`) would add both; see docs/API.md.
 */
import { sanitizeJpeg } from './image-jpeg.ts';
import { PNG_SIGNATURE, sanitizePng } from './image-png.ts';

export interface ImageLimits {
  maxBytes: number;
  /** Longest side, pixels. */
  maxSide: number;
  /** Width × height. */
  maxPixels: number;
}

/** Phones take 12–50 MP photos of 2–8 MB; screenshots are PNG of a few MP. */
export const IMAGE_LIMITS: ImageLimits = Object.freeze({ maxBytes: 8 * 1024 * 1024, maxSide: 10_000, maxPixels: 50_000_000 });

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
  /** The rebuilt file, metadata removed. */
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
  if (kind === 'jpeg') return sanitizeJpeg(buf, limits);
  if (kind === 'png') return sanitizePng(buf, limits);
  return { valid: false, reason: 'NOT_AN_IMAGE', message: `the photo is ${kind}, not JPEG or PNG (judged by its content, not its name)` };
}
