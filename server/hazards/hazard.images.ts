/**
 * Photo checks in two passes. First without decoding: the type comes from the magic bytes (never
 * the name or Content-Type), the size and the declared dimensions are limited (image bombs are
 * refused from the header), and the file is rebuilt from the segments/chunks needed to draw it
 * (image-jpeg.ts, image-png.ts), so the reasons are precise and nothing big is ever decoded.
 * Then with `sharp` (libvips): the pixels are decoded (with `limitInputPixels` and a time limit),
 * turned upright by the EXIF orientation, scaled down to at most 1600 px a side and re-encoded
 * as a fresh JPEG without any metadata (server/images/reencode.ts). Whatever hid in the pixel stream, EXIF/GPS, ICC, XMP or
 * after the end of the file does not survive; a file that does not decode is refused.
 */
import { checkUpload } from '../images/checks.ts';
import { reencodeJpeg } from '../images/reencode.ts';
import { sanitizeJpeg } from './image-jpeg.ts';
import { sanitizePng } from './image-png.ts';

/** Limits of hazard photos: upload bytes, declared dimensions, stored size. */
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

/** A 50 MP photo decodes in about a second; anything far slower is hostile. */
const DECODE_TIMEOUT_S = 15;

/** Why a photo is refused (the API answers `IMAGE_<reason>`, 413 for TOO_LARGE, else 422). */
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

/** A checked photo: after the structure pass the rebuilt file, after `sanitizeImage` the JPEG. */
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

/** What a failed decode is called here. */
const DECODE_REASON = { PIXEL_LIMIT: 'DIMENSIONS', TIMEOUT: 'BOMB', UNDECODABLE: 'CORRUPT' } as const;

/** Checks a JPEG or PNG upload (see above) and re-encodes it. Never throws for bad input. */
export async function sanitizeImage(buf: Buffer, limits: ImageLimits = IMAGE_LIMITS): Promise<SanitizeResult> {
  const upload = checkUpload(buf, limits.maxBytes, ['jpeg', 'png']);
  if (!upload.valid) return { valid: false, reason: upload.reason, message: upload.message };
  const checked = upload.kind === 'jpeg' ? sanitizeJpeg(buf, limits) : await sanitizePng(buf, limits);
  if (!checked.valid) return checked;
  const r = await reencodeJpeg(checked.image.data, { maxPixels: limits.maxPixels, outSide: limits.maxOutputSide, timeoutSeconds: DECODE_TIMEOUT_S });
  if (!r.valid) return { valid: false, reason: DECODE_REASON[r.reason], message: r.message };
  return { valid: true, image: { ...r.photo, removed: checked.image.removed } };
}
